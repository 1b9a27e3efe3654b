import { SubjectFlagKind, type SubjectFlag as SubjectFlagRow } from '@confide/db';
import { EmailAddressResolver, GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalField } from '../auth/personal-field.ts';
import { Consent } from '../consents/consent.type.ts';
import { Conversation, TextRange } from '../conversations/conversation.type.ts';
import { Lead } from '../leads/lead.type.ts';
import { Node } from '../node/node.interface.ts';
import { PrivacyRequest } from '../privacy-requests/privacy-request.type.ts';

registerEnumType(SubjectFlagKind, {
  name: 'SubjectFlagKind',
  description: 'A flag that stops processing of a subject until lifted.',
  valuesConfig: {
    RESTRICTION: { description: 'Restriction of processing (e.g. while accuracy is contested).' },
    OBJECTION: { description: 'Objection to processing, including direct marketing.' },
  },
});

export const SubjectLink = {
  LEAD_CONTACT: 'LEAD_CONTACT',
  DETECTED_CONTACT: 'DETECTED_CONTACT',
  MESSAGE_TEXT: 'MESSAGE_TEXT',
} as const;
export type SubjectLink = (typeof SubjectLink)[keyof typeof SubjectLink];

registerEnumType(SubjectLink, {
  name: 'SubjectLink',
  description: "How a conversation is linked to a subject's address.",
  valuesConfig: {
    LEAD_CONTACT: { description: 'The address was given as the contact details of the conversation’s lead.' },
    DETECTED_CONTACT: { description: 'The address was detected as contact details in a message.' },
    MESSAGE_TEXT: { description: 'The address appears in the text of a message.' },
  },
});

@ObjectType({
  implements: [Node],
  description:
    'A restriction or objection on a subject: excluded from CRM export and marketing until lifted.',
})
export class SubjectFlag extends Node {
  siteId!: string;
  subjectEmailNormalized!: string;

  @PersonalField(() => EmailAddressResolver, 'The flagged address, trimmed and lower-cased.')
  get subjectEmail(): string {
    return this.subjectEmailNormalized;
  }

  @Field(() => SubjectFlagKind, { description: 'Restriction or objection.' })
  kind!: SubjectFlagKind;

  @Field(() => String, { nullable: true, description: 'Why the flag was placed.' })
  reason!: string | null;

  @Field(() => Date, { description: 'When the flag was placed.' })
  placedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the flag was lifted; null while it holds.' })
  liftedAt!: Date | null;

  static fromRow(row: SubjectFlagRow): SubjectFlag {
    return Object.assign(new SubjectFlag(), row);
  }
}

@ObjectType({ description: "A message holding the subject's address, as a snippet around the match." })
export class SubjectMessageSnippet {
  /** Database id of the message; the audit trail names it. */
  id!: string;

  @Field(() => ID, { description: 'Global id of the message.' })
  messageId!: string;

  @Field(() => String, { description: 'VISITOR or ASSISTANT.' })
  role!: string;

  @Field(() => Date, { description: 'When the message was sent.' })
  sentAt!: Date;

  @PersonalField(() => String, 'Plain-text excerpt around the address (not HTML).')
  snippet!: string;

  @Field(() => [TextRange], { description: 'Where the address is in `snippet`.' })
  highlights!: TextRange[];
}

@ObjectType({ description: "A conversation linked to the subject's address, and how." })
export class SubjectConversation {
  @Field(() => Conversation, { description: 'The conversation.' })
  conversation!: Conversation;

  @Field(() => [SubjectLink], { description: 'Every way it is linked to the address.' })
  linkedBy!: SubjectLink[];

  @Field(() => [SubjectMessageSnippet], { description: 'Messages holding the address, oldest first.' })
  matchingMessages!: SubjectMessageSnippet[];
}

@ObjectType({ description: 'A record of the subject in a CRM, from an export of one of their leads.' })
export class SubjectCrmRecord {
  @Field(() => String, { description: 'Name of the CRM connection.' })
  connectionName!: string;

  @Field(() => String, { description: "The CRM's id of the record." })
  crmRecordId!: string;

  @Field(() => Date, { description: 'When the lead was first exported there.' })
  firstExportedAt!: Date;
}

@ObjectType({ description: 'How many records of each kind are linked to the address.' })
export class SubjectDataCounts {
  @Field(() => Int, { description: 'Linked conversations.' })
  conversations!: number;

  @Field(() => Int, { description: 'Messages in those conversations.' })
  messages!: number;

  @Field(() => Int, { description: 'Messages whose text holds the address.' })
  matchingMessages!: number;

  @Field(() => Int, { description: 'Leads with the address.' })
  leads!: number;

  @Field(() => Int, { description: 'Detected contact details in the linked conversations.' })
  detectedContacts!: number;

  @Field(() => Int, { description: 'Consent ledger entries.' })
  consents!: number;

  @Field(() => Int, {
    description: 'Privacy requests, earlier erased ones included (matched by keyed hash).',
  })
  requests!: number;

  @Field(() => Int, { description: 'CRM records the leads were exported to.' })
  crmRecords!: number;

  @Field(() => Int, { description: 'Restrictions and objections, lifted ones included.' })
  flags!: number;
}

@ObjectType({
  description: 'Everything held on one email address: what an access request returns and an erasure removes.',
})
export class SubjectData {
  /** The keyed hash of the address: what the audit trail names the result by. */
  id!: string;

  @PersonalField(() => EmailAddressResolver, 'The address, trimmed and lower-cased.')
  email!: string;

  @Field(() => SubjectDataCounts, { description: 'Counts per record type.' })
  counts!: SubjectDataCounts;

  @Field(() => [Lead], { description: 'Leads with the address, oldest first.' })
  leads!: Lead[];

  @Field(() => [SubjectConversation], { description: 'Linked conversations, newest last message first.' })
  conversations!: SubjectConversation[];

  @Field(() => [Consent], { description: "The subject's consent ledger entries, oldest first." })
  consents!: Consent[];

  @Field(() => [PrivacyRequest], { description: 'Earlier and open privacy requests of the subject.' })
  requests!: PrivacyRequest[];

  @Field(() => [SubjectCrmRecord], { description: 'CRM records of the subject’s leads.' })
  crmRecords!: SubjectCrmRecord[];

  @Field(() => [SubjectFlag], { description: 'Restrictions and objections.' })
  flags!: SubjectFlag[];
}

@ObjectType({ description: 'Where an erasure left a trace: a table and column, never the value.' })
export class TraceMatch {
  @Field(() => String, { description: 'Table name.' })
  table!: string;

  @Field(() => String, { description: 'Column name.' })
  column!: string;

  @Field(() => Int, { description: "Rows whose column holds the subject's email, a name or a phone number." })
  rows!: number;
}

@ObjectType({
  implements: [Node],
  description: 'An access or portability package, downloadable by privacy staff until it expires.',
})
export class SubjectExport extends Node {
  @Field(() => Date, { description: 'When the package was built.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it stops being downloadable.' })
  expiresAt!: Date;
}

@ObjectType({ description: 'The contents of an access package; reading it is audited.' })
export class SubjectExportContent {
  id!: string;

  @PersonalField(
    () => GraphQLJSON,
    'The machine-readable package (format documented in docs/subject-export.md).',
  )
  json!: unknown;

  @PersonalField(() => String, 'The same package as a self-contained HTML page.')
  html!: string;

  @Field(() => Date, { description: 'When it stops being downloadable.' })
  expiresAt!: Date;
}
