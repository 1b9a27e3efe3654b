import type DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { staffMemberById } from '../leads/lead.loaders.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext } from '../shared/context.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import { siteById } from '../sites/site.loader.ts';
import { RetentionPolicy, Site } from '../sites/site.type.ts';
import { StaffMember } from '../staff/staff-member.type.ts';
import { retentionStatus } from './retention-status.ts';
import { RetentionCounts, RetentionRun, RetentionStatus } from './retention.type.ts';

function retentionRunById(context: RequestContext): DataLoader<string, RetentionRun | null> {
  return context.loader<string, RetentionRun | null>('retentionRun.byId', async (ids) => {
    const rows = await context.prisma.retentionRun.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, RetentionRun.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

registerNodeType('RetentionRun', {
  permission: Permission.privacyRead,
  load: (context, ids) => retentionRunById(context).loadMany(ids),
});

const counts = (value: { conversations: number; leads: number }) =>
  Object.assign(new RetentionCounts(), value);

/** Retention status: privacy:read. */
@Authorized(Permission.privacyRead)
@Resolver(() => RetentionStatus)
export class RetentionStatusResolver {
  @Query(() => RetentionStatus, {
    description:
      "A site's retention rules, what is overdue for deletion (should be none), what falls due within 7 and 30 days, and the last and next sweep.",
  })
  async retentionStatus(
    @Arg('siteId', () => ID, { description: 'Global id of the site.' }) siteId: string,
    @Ctx() context: RequestContext,
  ): Promise<RetentionStatus> {
    const status = await retentionStatus(context, fromGlobalId(siteId, 'Site', 'siteId'));
    const overdue = counts(status.overdue);
    return Object.assign(new RetentionStatus(), {
      site: Site.fromRow(status.site),
      policy: RetentionPolicy.fromSite(status.site),
      overdueCount: overdue.total,
      overdue,
      expiringWithin7Days: counts(status.expiringWithin7Days).total,
      expiringWithin30Days: counts(status.expiringWithin30Days).total,
      onHold: counts(status.onHold),
      lastSweep: status.lastSweep && RetentionRun.fromRow(status.lastSweep),
      lastDryRun: status.lastDryRun && RetentionRun.fromRow(status.lastDryRun),
      nextSweepAt: status.nextSweepAt,
      sweepIntervalMinutes: status.sweepIntervalMinutes,
    });
  }
}

/** Retention runs' relations: privacy:read. */
@Authorized(Permission.privacyRead)
@Resolver(() => RetentionRun)
export class RetentionRunResolver {
  @FieldResolver(() => Site, {
    nullable: true,
    description: 'The site the sweep covered; null for a sweep of every site.',
  })
  site(@Root() run: RetentionRun, @Ctx() context: RequestContext): Promise<Site | null> | null {
    return run.siteId ? siteById(context).load(run.siteId) : null;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'Who started a manual sweep; null for scheduled ones.',
  })
  triggeredBy(@Root() run: RetentionRun, @Ctx() context: RequestContext): Promise<StaffMember | null> | null {
    return run.triggeredById ? staffMemberById(context).load(run.triggeredById) : null;
  }
}
