import { ArrayMaxSize, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../shared/pagination.ts';

@InputType({ description: 'Narrows the audit trail; every condition given must hold.' })
export class AuditEventFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Only events with one of these actions, e.g. ["lead.update", "erasure.run"] (at most 50).',
  })
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  actions?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only events caused by this staff member or API token (its global id).',
  })
  @MaxLength(200)
  actorId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only events about this record (its global id, as in `AuditEvent.targetIds`).',
  })
  @MaxLength(200)
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only events that happened at or after this time.' })
  occurredAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only events that happened before this time.' })
  occurredBefore?: Date | null;
}

@ArgsType()
export class AuditEventsArgs extends ConnectionArgs {
  @Field(() => AuditEventFilter, { nullable: true, description: 'Conditions the events must meet.' })
  @ValidateNested()
  filter?: AuditEventFilter | null;
}
