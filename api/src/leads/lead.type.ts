import { LeadSource, LeadStatus, type Lead as LeadRow } from '@confide/db';
import { EmailAddressResolver } from 'graphql-scalars';
import { Authorized, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalField } from '../auth/personal-field.ts';
import { Permission } from '../auth/policy.ts';
import { LegalHold } from '../retention/legal-hold.type.ts';
import { Node } from '../node/node.interface.ts';
import { Connection } from '../shared/pagination.ts';

registerEnumType(LeadSource, {
  name: 'LeadSource',
  description: 'Where a lead came from.',
  valuesConfig: {
    CHAT: { description: 'Contact details shared in a conversation with the assistant.' },
    CONTACT_FORM: { description: 'Submitted through the website contact form.' },
  },
});

registerEnumType(LeadStatus, {
  name: 'LeadStatus',
  description: 'Where a lead stands in sales triage. Any status may follow any other.',
  valuesConfig: {
    NEW: { description: 'Not looked at yet.' },
    QUALIFIED: { description: 'Worth following up.' },
    CONTACTED: { description: 'Sales got in touch.' },
    ENGAGED: {
      description:
        'A business relationship exists. Entering it sets `engagedAt`; leaving it sets `engagementEndedAt` and keeps the lead for the legally required period.',
    },
    DISQUALIFIED: { description: 'Not a fit; no further follow-up.' },
  },
});

export type { LeadRow };

/**
 * Contact details a visitor shared. The source object is the database row (`id` is the database
 * id; the Node interface turns it into the global id). Relations, consents, flags and retention
 * are field resolvers in `lead.resolver.ts`, batched per request.
 */
@ObjectType({
  implements: [Node],
  description: 'Contact details a visitor shared, in chat or through the contact form, and their triage.',
})
export class Lead extends Node {
  siteId!: string;
  conversationId!: string | null;
  ownerId!: string | null;
  emailNormalized!: string | null;
  retainUntil!: Date | null;

  @PersonalField(() => String, 'Name the visitor gave.')
  name!: string | null;

  @PersonalField(() => String, 'Job title or role the visitor gave.')
  jobTitle!: string | null;

  /** Trimmed by `fromRow`: visitors type stray spaces, which the EmailAddress scalar refuses. */
  @PersonalField(() => EmailAddressResolver, 'Email address the visitor gave.')
  email!: string | null;

  @PersonalField(() => String, 'Phone number the visitor gave, in E.164 format.')
  phone!: string | null;

  @PersonalField(() => String, 'Company the visitor gave.')
  company!: string | null;

  @Field(() => LeadSource, { description: 'Where the lead came from.' })
  source!: LeadSource;

  @Field(() => LeadStatus, { description: 'Triage status.' })
  status!: LeadStatus;

  @Field(() => Date, {
    nullable: true,
    description: 'When the lead was first moved into a CRM; from then the lead-retention rule applies.',
  })
  exportedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the lead last entered the ENGAGED status.' })
  engagedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the lead last left the ENGAGED status.' })
  engagementEndedAt!: Date | null;

  @Field(() => Date, { description: 'When the lead was captured.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the lead last changed.' })
  updatedAt!: Date;

  /** The GraphQL object for a database row. */
  static fromRow(row: LeadRow): Lead {
    return Object.assign(new Lead(), row, { email: row.email?.trim() || null });
  }
}

@ObjectType({ description: 'A page of leads.' })
export class LeadConnection extends Connection(Lead, 'a lead') {}

@ObjectType({
  implements: [Node],
  description: 'A note a staff member wrote on a lead while triaging it.',
})
export class LeadNote extends Node {
  leadId!: string;
  authorId!: string | null;

  @PersonalField(() => String, 'Text of the note; staff notes often name the visitor.')
  body!: string;

  @Field(() => Date, { description: 'When the note was written.' })
  createdAt!: Date;

  static fromRow(row: {
    id: string;
    leadId: string;
    authorId: string | null;
    body: string;
    createdAt: Date;
  }): LeadNote {
    return Object.assign(new LeadNote(), row);
  }
}

@ObjectType({ description: 'A page of notes on a lead, oldest first.' })
export class LeadNoteConnection extends Connection(LeadNote, 'a note on a lead') {}

@ObjectType({ description: 'When a lead will be deleted under its site’s retention policy.' })
export class LeadRetention {
  @Field(() => Date, {
    nullable: true,
    description:
      "When the lead is deleted: its own retention date once exported, submitted through the contact form or after an engagement, otherwise its conversation's; null while engaged (kept for the whole engagement) or without a conversation.",
  })
  expiresAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Whole days left until `expiresAt`, rounded up; 0 when due or overdue; null without a date.',
  })
  daysLeft!: number | null;

  @Field(() => Boolean, {
    description: 'Whether a legal hold on the lead or its conversation suspends the deletion.',
  })
  onHold!: boolean;

  @Authorized(Permission.privacyRead)
  @Field(() => [LegalHold], {
    description:
      'The unreleased legal holds that keep it (its own and its conversation’s). Needs privacy:read.',
  })
  holds!: LegalHold[];
}
