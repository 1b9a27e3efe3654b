import { RetentionTrigger, RunStatus } from '@confide/db';
import { ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionArgs } from '../shared/pagination.ts';
import { UserError } from '../shared/user-error.ts';
import { LegalHold } from './legal-hold.type.ts';
import { maxHorizonDays } from './retention-preview.ts';
import { RetentionRun } from './retention.type.ts';

@InputType({ description: 'Narrows the list of retention runs. Every condition given must hold.' })
export class RetentionRunFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Only runs covering this site (global Site id): its own and the sweeps of every site.',
  })
  siteId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only dry runs (true) or only real sweeps (false).' })
  dryRun?: boolean | null;

  @Field(() => RetentionTrigger, { nullable: true, description: 'Only scheduled or only manual runs.' })
  trigger?: RetentionTrigger | null;

  @Field(() => RunStatus, { nullable: true, description: 'Only runs in this state.' })
  status?: RunStatus | null;
}

@ArgsType()
export class RetentionRunsArgs extends ConnectionArgs {
  @Field(() => RetentionRunFilter, { nullable: true, description: 'Conditions every returned run meets.' })
  @ValidateNested()
  filter?: RetentionRunFilter | null;
}

@ArgsType()
export class RetentionPreviewArgs extends ConnectionArgs {
  @Field(() => ID, { description: 'Global id of the site.' })
  siteId!: string;

  @Field(() => Int, {
    description: `How many days ahead to look (0–${maxHorizonDays}); 0 lists only what is overdue now.`,
  })
  horizonDays!: number;
}

@InputType({ description: 'A retention sweep to start.' })
export class RunRetentionSweepInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the site to sweep; omitted: every site, plus expired sessions and stale rate-limit buckets.',
  })
  siteId?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Only count what would be deleted, deleting nothing.',
  })
  dryRun!: boolean;
}

@ObjectType({ description: 'The result of runRetentionSweep.' })
export class RunRetentionSweepPayload {
  @Field(() => RetentionRun, {
    nullable: true,
    description:
      'The run: a dry run is complete; a real sweep is RUNNING and keeps deleting in the background — poll it with `node` or `retentionRuns`.',
  })
  run!: RetentionRun | null;

  @Field(() => [UserError], { description: 'Why the sweep did not start; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A legal hold to place on a conversation or a lead.' })
export class PlaceLegalHoldInput {
  @Field(() => ID, { description: 'Global id of the Conversation or Lead to keep.' })
  recordId!: string;

  @Field(() => String, { description: 'Why it must be kept (up to 1000 characters, not blank).' })
  reason!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the staff member (PRIVACY or ADMIN) answerable for the hold; omitted: the caller (required for API tokens).',
  })
  ownerId?: string | null;
}

@InputType({ description: 'A legal hold to release.' })
export class ReleaseLegalHoldInput {
  @Field(() => ID, { description: 'Global id of the hold.' })
  id!: string;
}

@ObjectType({ description: 'The result of placing or releasing a legal hold.' })
export class LegalHoldPayload {
  @Field(() => LegalHold, { nullable: true, description: 'The hold as stored; null when refused.' })
  legalHold!: LegalHold | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
