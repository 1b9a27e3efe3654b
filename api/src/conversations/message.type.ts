import { MessageRole } from '@confide/db';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalField } from '../auth/personal-field.ts';
import { Node } from '../node/node.interface.ts';
import { Connection } from '../shared/pagination.ts';

registerEnumType(MessageRole, {
  name: 'MessageRole',
  description: 'Who wrote a message.',
  valuesConfig: {
    VISITOR: { description: 'The website visitor.' },
    ASSISTANT: { description: 'The AI assistant.' },
  },
});

/** What the message queries select; `id` is the database id (the GraphQL `id` is its global form). */
export interface MessageRow {
  id: string;
  conversationId: string;
  role: MessageRole;
  text: string;
  redactionCount: number;
  sentAt: Date;
}

@ObjectType({
  implements: [Node],
  description: 'One message of a conversation, stored only after payment data was redacted from its text.',
})
export class Message extends Node {
  conversationId!: string;

  @Field(() => MessageRole, { description: 'Who wrote the message.' })
  role!: MessageRole;

  @PersonalField(
    () => String,
    'Text of the message, after card numbers, CVV/expiry dates and IBANs were replaced by [REDACTED].',
  )
  text!: string;

  @Field(() => Int, { description: 'How many payment-data fragments were redacted from the text.' })
  redactionCount!: number;

  @Field(() => Date, { description: 'When the message was sent.' })
  sentAt!: Date;

  static fromRow(row: MessageRow): Message {
    return Object.assign(new Message(), {
      id: row.id,
      conversationId: row.conversationId,
      role: row.role,
      text: row.text,
      redactionCount: row.redactionCount,
      sentAt: row.sentAt,
    });
  }
}

@ObjectType({ description: 'A page of messages of a conversation, oldest first.' })
export class MessageConnection extends Connection(Message, 'a message') {}
