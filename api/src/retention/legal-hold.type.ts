import type { LegalHold as LegalHoldRow } from '@confide/db';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../node/node.interface.ts';

/** A legal hold. The source object is the database row. */
@ObjectType({
  implements: [Node],
  description:
    'A legal hold: while unreleased, no retention sweep deletes the conversation or lead it is on (nor that record’s lead or conversation).',
})
export class LegalHold extends Node {
  conversationId!: string | null;
  leadId!: string | null;
  ownerId!: string | null;
  releasedById!: string | null;

  @Field(() => String, {
    description: 'Why the records must be kept, e.g. the dispute or inquiry; keep personal data out of it.',
  })
  reason!: string;

  @Field(() => Date, { description: 'When the hold was placed.' })
  placedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the hold was released; null while it holds.' })
  releasedAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether the hold still suspends deletion (not released).' })
  get active(): boolean {
    return this.releasedAt === null;
  }

  static fromRow(row: LegalHoldRow): LegalHold {
    return Object.assign(new LegalHold(), row);
  }
}
