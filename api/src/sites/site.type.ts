import type { DeadlineUnit as DeadlineUnitValue, Site as SiteRow } from '@confide/db';
import { DateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../node/node.interface.ts';

/** How a deadline's days are counted. */
export const DeadlineUnit = {
  BUSINESS_DAYS: 'BUSINESS_DAYS',
  CALENDAR_DAYS: 'CALENDAR_DAYS',
} as const satisfies Record<DeadlineUnitValue, DeadlineUnitValue>;
export type DeadlineUnit = DeadlineUnitValue;

registerEnumType(DeadlineUnit, {
  name: 'DeadlineUnit',
  description: 'How the days of a deadline are counted.',
  valuesConfig: {
    BUSINESS_DAYS: { description: "Weekdays that are not one of the site's holidays." },
    CALENDAR_DAYS: { description: 'Every day.' },
  },
});

@ObjectType({ description: "A deadline of a site's privacy policy: a number of days and how they count." })
export class Deadline {
  @Field(() => Int, { description: 'How many days.' })
  days!: number;

  @Field(() => DeadlineUnit, { description: 'Whether the days are business days or calendar days.' })
  unit!: DeadlineUnit;
}

function deadline(days: number, unit: DeadlineUnit): Deadline {
  return Object.assign(new Deadline(), { days, unit });
}

@ObjectType({ description: "A site's retention rules, from its privacy policy." })
export class RetentionPolicy {
  @Field(() => Int, { description: 'Days after its last message when a conversation is deleted.' })
  conversationRetentionDays!: number;

  @Field(() => Int, { description: 'Months a lead is kept after its details moved to the CRM.' })
  leadRetentionMonths!: number;

  @Field(() => Int, { description: 'Months a lead is kept after an engagement ends, as legally required.' })
  engagedLegalRetentionMonths!: number;

  @Field(() => Int, { description: 'Months a closed privacy request is kept as proof of handling.' })
  requestRecordRetentionMonths!: number;

  @Field(() => Int, { description: 'Days within which deleted data also leaves the backups.' })
  backupPurgeDays!: number;

  @Field(() => Int, { description: "Age under which a visitor's data is a child's and is erased at once." })
  childAgeThreshold!: number;

  static fromSite(site: RetentionPolicy): RetentionPolicy {
    const { conversationRetentionDays, leadRetentionMonths, engagedLegalRetentionMonths } = site;
    const { requestRecordRetentionMonths, backupPurgeDays, childAgeThreshold } = site;
    return Object.assign(new RetentionPolicy(), {
      conversationRetentionDays,
      leadRetentionMonths,
      engagedLegalRetentionMonths,
      requestRecordRetentionMonths,
      backupPurgeDays,
      childAgeThreshold,
    });
  }
}

/**
 * A website (brand) whose assistant sends conversations in, with its own privacy policy. The source
 * object is the database row; the widget key hash is never exposed.
 */
@ObjectType({
  implements: [Node],
  description:
    "A website (brand) whose assistant sends conversations in, with its own privacy policy's rules.",
})
export class Site extends Node {
  @Field(() => String, { description: 'Display name of the site.' })
  name!: string;

  @Field(() => String, { description: 'Domain the site runs on, e.g. "example.com".' })
  domain!: string;

  @Field(() => String, {
    description: 'First characters of the widget key, to tell keys apart. The key itself is never stored.',
  })
  widgetKeyPrefix!: string;

  @Field(() => [String], { description: 'Origins the chat widget may send conversations from.' })
  allowedOrigins!: string[];

  @Field(() => String, { description: 'Version label of the privacy policy currently shown to visitors.' })
  policyVersion!: string;

  @Field(() => String, { description: 'IANA time zone in which business days and dates are counted.' })
  timezone!: string;

  @Field(() => Int, { description: 'Longest message text, in characters, the widget may send.' })
  messageMaxLength!: number;

  @Field(() => RetentionPolicy, {
    description: 'How long this site keeps conversations, leads and request records.',
  })
  get retentionPolicy(): RetentionPolicy {
    return RetentionPolicy.fromSite(this);
  }

  @Field(() => [DateResolver], { description: 'Dates on which business-day deadlines do not run.' })
  holidays!: Date[];

  @Field(() => Date, { description: 'When the site was added.' })
  createdAt!: Date;

  @Field(() => Date, { description: "When the site's settings last changed." })
  updatedAt!: Date;

  childAgeThreshold!: number;
  conversationRetentionDays!: number;
  leadRetentionMonths!: number;
  engagedLegalRetentionMonths!: number;
  requestRecordRetentionMonths!: number;
  backupPurgeDays!: number;
  erasureDueDays!: number;
  erasureDueUnit!: DeadlineUnit;
  examinationDueDays!: number | null;
  examinationDueUnit!: DeadlineUnit;
  requestDueDays!: number;
  requestDueUnit!: DeadlineUnit;
  requestMaxDueDays!: number;
  requestMaxDueUnit!: DeadlineUnit;

  @Field(() => Deadline, {
    description: 'Deadline of a quick deletion requested by email (000 §8: 7 business days).',
  })
  erasureDeadline(): Deadline {
    return deadline(this.erasureDueDays, this.erasureDueUnit);
  }

  @Field(() => Deadline, {
    nullable: true,
    description:
      'Deadline to examine a request, where the policy has one (e.g. 10 working days); null otherwise.',
  })
  examinationDeadline(): Deadline | null {
    return this.examinationDueDays === null
      ? null
      : deadline(this.examinationDueDays, this.examinationDueUnit);
  }

  @Field(() => Deadline, {
    description: 'Deadline of every other data-subject request, counted from receipt.',
  })
  requestDeadline(): Deadline {
    return deadline(this.requestDueDays, this.requestDueUnit);
  }

  @Field(() => Deadline, { description: 'Longest a request may be postponed to, counted from receipt.' })
  requestMaxDeadline(): Deadline {
    return deadline(this.requestMaxDueDays, this.requestMaxDueUnit);
  }

  /** The GraphQL object for a database row. */
  static fromRow(row: SiteRow): Site {
    // The widget key hash stays in the database layer.
    const { widgetKeyHash: _widgetKeyHash, ...fields } = row;
    return Object.assign(new Site(), fields);
  }
}
