import type { Prisma, RetentionRun as RetentionRunRow, Site as SiteRow } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';

const dayMs = 24 * 60 * 60 * 1000;

export interface RecordCounts {
  conversations: number;
  leads: number;
}

export interface RetentionStatusData {
  site: SiteRow;
  /** Past their deletion time and not on hold: what the next sweep must delete (should be none). */
  overdue: RecordCounts;
  /** Due within the next 7 days (from now, inclusive), not on hold. */
  expiringWithin7Days: RecordCounts;
  /** Due within the next 30 days (includes the 7-day ones), not on hold. */
  expiringWithin30Days: RecordCounts;
  /** Records an unreleased legal hold keeps, whatever their dates. */
  onHold: RecordCounts;
  lastSweep: RetentionRunRow | null;
  lastDryRun: RetentionRunRow | null;
  nextSweepAt: Date;
  sweepIntervalMinutes: number;
}

const notHeld = { legalHolds: { none: { releasedAt: null } } };

/**
 * Where a site stands on retention at `context.now()`. Conversations count by `expiresAt`; leads
 * by their own `retainUntil` (set once exported or after an engagement) — leads still on their
 * conversation's clock go with the conversation and are not counted twice. Runs over all sites
 * (`siteId` null) count as this site's sweeps too. The next scheduled sweep is the last scheduled
 * run's start plus the configured interval (in the past when the scheduler is late), or now when
 * none ran yet.
 */
export async function retentionStatus(context: RequestContext, siteId: string): Promise<RetentionStatusData> {
  const { prisma } = context;
  const site = await prisma.site.findUnique({ where: { id: siteId } });
  if (!site) throw new DomainError('NOT_FOUND', 'No site has this id', { argument: 'siteId' });
  const now = context.now();
  const within = (days: number) => new Date(now.getTime() + days * dayMs);

  const conversations = (where: Prisma.ConversationWhereInput) =>
    prisma.conversation.count({ where: { siteId, ...where } });
  const leads = (where: Prisma.LeadWhereInput) => prisma.lead.count({ where: { siteId, ...where } });
  const counts = async (
    conversationWhere: Prisma.ConversationWhereInput,
    leadWhere: Prisma.LeadWhereInput,
  ): Promise<RecordCounts> => {
    const [conversationCount, leadCount] = await Promise.all([
      conversations(conversationWhere),
      leads(leadWhere),
    ]);
    return { conversations: conversationCount, leads: leadCount };
  };
  const dueBetween = (from: Date | undefined, to: Date) => ({ ...(from && { gte: from }), lt: to });
  const runsOfSite = { OR: [{ siteId }, { siteId: null }] };

  const [overdue, expiringWithin7Days, expiringWithin30Days, onHold, lastSweep, lastDryRun, lastScheduled] =
    await Promise.all([
      counts(
        { expiresAt: dueBetween(undefined, now), ...notHeld },
        { retainUntil: dueBetween(undefined, now), ...notHeld },
      ),
      counts(
        { expiresAt: dueBetween(now, within(7)), ...notHeld },
        { retainUntil: dueBetween(now, within(7)), ...notHeld },
      ),
      counts(
        { expiresAt: dueBetween(now, within(30)), ...notHeld },
        { retainUntil: dueBetween(now, within(30)), ...notHeld },
      ),
      counts({ legalHolds: { some: { releasedAt: null } } }, { legalHolds: { some: { releasedAt: null } } }),
      prisma.retentionRun.findFirst({
        where: { ...runsOfSite, dryRun: false },
        orderBy: { startedAt: 'desc' },
      }),
      prisma.retentionRun.findFirst({
        where: { ...runsOfSite, dryRun: true },
        orderBy: { startedAt: 'desc' },
      }),
      prisma.retentionRun.findFirst({
        where: { ...runsOfSite, dryRun: false, trigger: 'SCHEDULE' },
        orderBy: { startedAt: 'desc' },
        select: { startedAt: true },
      }),
    ]);
  const sweepIntervalMinutes = context.config.retentionSweepIntervalMinutes;
  const nextSweepAt = lastScheduled
    ? new Date(lastScheduled.startedAt.getTime() + sweepIntervalMinutes * 60_000)
    : now;
  return {
    site,
    overdue,
    expiringWithin7Days,
    expiringWithin30Days,
    onHold,
    lastSweep,
    lastDryRun,
    nextSweepAt,
    sweepIntervalMinutes,
  };
}
