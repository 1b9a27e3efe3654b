import { RetentionTrigger, RunStatus, type RetentionRun as RetentionRunRow } from '@confide/db';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../node/node.interface.ts';
import { Connection } from '../shared/pagination.ts';
import { RetentionPolicy, Site } from '../sites/site.type.ts';
import type { RetentionReason as RetentionReasonValue } from './retention-preview.ts';

export const RetentionReason = {
  CONVERSATION: 'CONVERSATION',
  LEAD_WITH_CONVERSATION: 'LEAD_WITH_CONVERSATION',
  LEAD: 'LEAD',
  REQUEST_RECORD: 'REQUEST_RECORD',
} as const satisfies Record<RetentionReasonValue, RetentionReasonValue>;

registerEnumType(RetentionReason, {
  name: 'RetentionReason',
  description: 'Which retention rule sets a record’s deletion date.',
  valuesConfig: {
    CONVERSATION: { description: "A conversation: its last message plus the site's conversation retention." },
    LEAD_WITH_CONVERSATION: {
      description: 'A chat lead never exported nor engaged: it goes with its conversation.',
    },
    LEAD: {
      description:
        'A lead on its own date: export or contact-form submission plus the lead retention, or the end of an engagement plus the legal period.',
    },
    REQUEST_RECORD: {
      description: "A closed privacy request: its closing plus the site's request-record retention.",
    },
  },
});

registerEnumType(RetentionTrigger, {
  name: 'RetentionTrigger',
  description: 'What started a retention sweep.',
  valuesConfig: {
    SCHEDULE: { description: 'The schedule (every RETENTION_SWEEP_INTERVAL_MINUTES).' },
    MANUAL: { description: 'A staff member.' },
  },
});

registerEnumType(RunStatus, {
  name: 'RetentionRunStatus',
  description: 'Where a retention sweep stands.',
  valuesConfig: {
    RUNNING: { description: 'Still deleting.' },
    COMPLETED: { description: 'Finished.' },
    FAILED: { description: 'Stopped by an error; see `error`.' },
  },
});

@ObjectType({ description: 'How many records of one type a sweep deleted (or, for a dry run, would have).' })
export class RetentionRunCount {
  @Field(() => String, { description: 'The record type, e.g. "conversations", "messages", "leads".' })
  recordType!: string;

  @Field(() => Int, { description: 'How many records.' })
  count!: number;
}

/** One retention sweep or dry run. The source object is the database row. */
@ObjectType({
  implements: [Node],
  description: 'One retention sweep (or dry run) and what it deleted.',
})
export class RetentionRun extends Node {
  siteId!: string | null;
  triggeredById!: string | null;
  rawCounts!: unknown;

  @Field(() => RetentionTrigger, { description: 'What started the sweep.' })
  trigger!: RetentionTrigger;

  @Field(() => Boolean, { description: 'Whether it only reported what it would delete.' })
  dryRun!: boolean;

  @Field(() => RunStatus, { description: 'Whether it is running, finished or failed.' })
  status!: RunStatus;

  @Field(() => Date, { description: 'When it started.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it finished; null while running.' })
  finishedAt!: Date | null;

  @Field(() => [RetentionRunCount], {
    description: 'Records deleted (or that would be) per type, by record type name.',
  })
  get counts(): RetentionRunCount[] {
    const counts = this.rawCounts;
    if (typeof counts !== 'object' || counts === null) return [];
    return Object.entries(counts)
      .filter((entry): entry is [string, number] => Number.isInteger(entry[1]))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([recordType, count]) => Object.assign(new RetentionRunCount(), { recordType, count }));
  }

  @Field(() => Int, { description: 'Records due for deletion that a legal hold kept.' })
  skippedOnHold!: number;

  @Field(() => String, { nullable: true, description: 'Why the sweep failed; null unless it did.' })
  error!: string | null;

  static fromRow(row: RetentionRunRow): RetentionRun {
    const { counts, ...rest } = row;
    return Object.assign(new RetentionRun(), { ...rest, rawCounts: counts });
  }
}

@ObjectType({ description: 'A page of retention runs, newest first.' })
export class RetentionRunConnection extends Connection(RetentionRun, 'a retention run') {}

/** One record a sweep would delete; `record` is a field resolver (node lookup, with its permission). */
@ObjectType({ description: 'A record due for deletion, and when.' })
export class RetentionPreviewItem {
  /** The record's database id, for the cursor. */
  databaseId!: string;

  @Field(() => String, { description: 'The record’s type: "Conversation", "Lead" or "PrivacyRequest".' })
  recordType!: string;

  @Field(() => ID, { description: 'Global id of the record (fetch it with `node`).' })
  recordId!: string;

  @Field(() => Date, { description: 'When it is due; the first sweep after this time deletes it.' })
  deletesAt!: Date;

  @Field(() => Boolean, { description: 'Whether it is already due (the next sweep takes it).' })
  overdue!: boolean;

  @Field(() => RetentionReason, { description: 'Which rule sets the date.' })
  reason!: RetentionReasonValue;
}

@ObjectType({ description: 'A page of records due for deletion, soonest first.' })
export class RetentionPreviewConnection extends Connection(
  RetentionPreviewItem,
  'a record due for deletion',
) {}

@ObjectType({ description: 'Counts of records by type.' })
export class RetentionCounts {
  @Field(() => Int, { description: 'Conversations (their messages go with them).' })
  conversations!: number;

  @Field(() => Int, {
    description:
      'Leads on their own retention date (exported or after an engagement); others go with their conversation.',
  })
  leads!: number;

  @Field(() => Int, {
    description: 'Closed privacy-request records past their request-record retention (never on hold).',
  })
  privacyRequests!: number;

  @Field(() => Int, { description: 'All of them together.' })
  get total(): number {
    return this.conversations + this.leads + this.privacyRequests;
  }
}

@ObjectType({
  description:
    'Where a site stands on retention: its rules, what is overdue (should be none), what falls due soon, and the last and next sweep. Counts leave out records on legal hold and are taken at the time of the request.',
})
export class RetentionStatus {
  @Field(() => Site, { description: 'The site.' })
  site!: Site;

  @Field(() => RetentionPolicy, { description: "The site's retention rules." })
  policy!: RetentionPolicy;

  @Field(() => Int, {
    description:
      'Conversations, leads and request records past their deletion time and not on hold. Should be 0: a sweep deletes them.',
  })
  overdueCount!: number;

  @Field(() => RetentionCounts, { description: 'The overdue records by type.' })
  overdue!: RetentionCounts;

  @Field(() => Int, {
    description: 'Records due for deletion within the next 7 days, not on hold.',
  })
  expiringWithin7Days!: number;

  @Field(() => Int, {
    description: 'Records due for deletion within the next 30 days (including the next 7), not on hold.',
  })
  expiringWithin30Days!: number;

  @Field(() => RetentionCounts, { description: 'Records an unreleased legal hold keeps from deletion.' })
  onHold!: RetentionCounts;

  @Field(() => RetentionRun, {
    nullable: true,
    description:
      'The latest sweep that deleted (not a dry run) on this site or on all sites; null before the first.',
  })
  lastSweep!: RetentionRun | null;

  @Field(() => RetentionRun, {
    nullable: true,
    description: 'The latest dry run on this site or on all sites.',
  })
  lastDryRun!: RetentionRun | null;

  @Field(() => Date, {
    description:
      'When the next scheduled sweep is due: the last scheduled sweep’s start plus the interval (a time in the past means the scheduler is late), or now when none ran yet.',
  })
  nextSweepAt!: Date;

  @Field(() => Int, { description: 'Minutes between scheduled sweeps (RETENTION_SWEEP_INTERVAL_MINUTES).' })
  sweepIntervalMinutes!: number;
}
