import { ActorType, type AuditEvent as AuditEventRow } from '@confide/db';
import { JSONResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../shared/global-id.ts';
import { Connection } from '../shared/pagination.ts';
import type { ChainVerification } from './audit-log.ts';

registerEnumType(ActorType, {
  name: 'AuditActorType',
  description: 'What kind of actor caused an audit event.',
  valuesConfig: {
    STAFF: { description: 'A signed-in staff member.' },
    TOKEN: { description: "An integrator's API token." },
    SYSTEM: { description: 'Confide itself (retention sweeps, scheduled jobs) or an anonymous caller.' },
    WIDGET: { description: "A site's chat widget sending a conversation in." },
  },
});

/** The global id of an audit event: its database id is a bigint, not a UUID like other records'. */
export function auditEventGlobalId(id: bigint | string): string {
  return toGlobalId('AuditEvent', id.toString());
}

/**
 * One entry of the append-only, hash-chained audit trail. The source object is the database row.
 * Events have no personal data in their details by convention (ids, counts, field names only), and
 * erasure redacts details anyway.
 */
@ObjectType({
  description:
    'One entry of the append-only, hash-chained audit trail: who did what to which records, and when.',
})
export class AuditEvent {
  row!: AuditEventRow;

  @Field(() => ID, {
    description:
      'Opaque global id of the event. Events are numbered in the order they were written; clients must not parse the id.',
  })
  get id(): string {
    return auditEventGlobalId(this.row.id);
  }

  @Field(() => Date, { description: 'When the event happened.' })
  get occurredAt(): Date {
    return this.row.occurredAt;
  }

  @Field(() => ActorType, { description: 'What kind of actor caused the event.' })
  get actorType(): ActorType {
    return this.row.actorType;
  }

  @Field(() => String, {
    nullable: true,
    description: 'Who the actor was at the time, e.g. a staff email or "token ci-export".',
  })
  get actorLabel(): string | null {
    return this.row.actorLabel;
  }

  @Field(() => String, {
    description: 'What happened, as a dotted verb, e.g. "lead.update", "personal_data.read", "audit.read".',
  })
  get action(): string {
    return this.row.action;
  }

  @Field(() => String, {
    nullable: true,
    description: 'GraphQL type name of the records the event is about, e.g. "Lead".',
  })
  get targetType(): string | null {
    return this.row.targetType;
  }

  @Field(() => [ID], {
    description:
      'Global ids of the records the event is about (of type `targetType`); pass one as `filter.targetId` to find every event about that record.',
  })
  get targetIds(): string[] {
    const { targetType, targetIds } = this.row;
    return targetType ? targetIds.map((id) => toGlobalId(targetType, id)) : targetIds;
  }

  @Field(() => String, {
    nullable: true,
    description: 'Id of the HTTP request that caused the event; events of one request share it.',
  })
  get requestId(): string | null {
    return this.row.requestId;
  }

  @Field(() => JSONResolver, {
    nullable: true,
    description:
      'Structured details of the event (ids, counts, field names; never personal data). Replaced by a redaction marker when an erasure redacts the event.',
  })
  get details(): unknown {
    return this.row.details;
  }

  @Field(() => Date, {
    nullable: true,
    description:
      'When an erasure redacted the details of this event; the hash chain still verifies, since it covers a hash of the original details.',
  })
  get redactedAt(): Date | null {
    return this.row.redactedAt;
  }

  static fromRow(row: AuditEventRow): AuditEvent {
    return Object.assign(new AuditEvent(), { row });
  }
}

@ObjectType({ description: 'A page of audit events, newest first.' })
export class AuditEventConnection extends Connection(AuditEvent, 'an audit event') {}

@ObjectType({ description: 'The result of recomputing the hash chain of the whole audit trail.' })
export class AuditChainVerification {
  @Field(() => Boolean, {
    description:
      'Whether every event follows from its predecessor and its own content: no event was changed, removed or inserted.',
  })
  valid!: boolean;

  @Field(() => Int, {
    description: 'How many events verified before the check stopped (all of them when valid).',
  })
  eventsChecked!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the first event that does not verify; null when the chain is valid.',
  })
  firstBrokenEventId!: string | null;

  @Field(() => Int, {
    description:
      'How many verified events had their details redacted by an erasure (allowed; still verifiable).',
  })
  redactedEvents!: number;

  static fromResult(result: ChainVerification): AuditChainVerification {
    return Object.assign(new AuditChainVerification(), {
      ...result,
      firstBrokenEventId:
        result.firstBrokenEventId === null ? null : auditEventGlobalId(result.firstBrokenEventId),
    });
  }
}
