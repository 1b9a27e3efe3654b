import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import type { RequestContext } from '../shared/context.ts';
import { buildConnection, toPageRequest } from '../shared/pagination.ts';
import { AuditChainVerification, AuditEvent, AuditEventConnection } from './audit-event.type.ts';
import { AuditEventsArgs } from './audit-events.args.ts';
import { verifyAuditChain } from './audit-log.ts';
import { listAuditEvents } from './list-audit-events.ts';

/** The audit trail, for privacy staff and admins. Reading it is itself audited. */
@Authorized(Permission.auditRead)
@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description:
      'The audit trail, newest first. Needs audit:read; every call is itself audited ("audit.read").',
  })
  async auditEvents(
    @Args(() => AuditEventsArgs) args: AuditEventsArgs,
    @Ctx() context: RequestContext,
  ): Promise<AuditEventConnection> {
    const request = toPageRequest(args);
    const filter = args.filter ?? {};
    const { rows, countTotal } = await listAuditEvents(context.prisma, filter, request);
    const connection = buildConnection(
      AuditEventConnection,
      request,
      rows.map(AuditEvent.fromRow),
      (event) => [null, event.row.id.toString()],
      countTotal,
    );
    context.audit.record({
      action: 'audit.read',
      targetType: 'AuditEvent',
      targetIds: connection.nodes.map((event) => event.row.id.toString()),
      details: {
        filter: {
          ...(filter.actions && { actions: filter.actions }),
          ...(filter.actorId && { actorId: filter.actorId }),
          ...(filter.targetId && { targetId: filter.targetId }),
          ...(filter.occurredAfter && { occurredAfter: filter.occurredAfter.toISOString() }),
          ...(filter.occurredBefore && { occurredBefore: filter.occurredBefore.toISOString() }),
        },
      },
    });
    return connection;
  }

  @Query(() => AuditChainVerification, {
    description:
      'Recomputes the hash chain over the whole audit trail and reports whether any event was altered, removed or inserted. Needs audit:read; audited ("audit.verify").',
  })
  async auditChainVerification(@Ctx() context: RequestContext): Promise<AuditChainVerification> {
    const result = await verifyAuditChain(context.prisma);
    context.audit.record({
      action: 'audit.verify',
      details: { valid: result.valid, eventsChecked: result.eventsChecked },
    });
    return AuditChainVerification.fromResult(result);
  }
}
