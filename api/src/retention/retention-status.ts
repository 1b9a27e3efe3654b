import { Prisma, type RetentionRun as RetentionRunRow, type Site as SiteRow } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { at, requestClosed, requestRecordDeletesAt } from './due-records.ts';

const dayMs = 24 * 60 * 60 * 1000;

export interface RecordCounts {
  conversations: number;
  leads: number;
  /** Closed privacy-request records (never on hold). */
  privacyRequests: number;
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

// A hold on a conversation or on its lead keeps both (see due-records.ts).
const activeHold = { some: { releasedAt: null } };
const conversationNotHeld: Prisma.ConversationWhereInput = {
  legalHolds: { none: { releasedAt: null } },
  NOT: { lead: { legalHolds: activeHold } },
};
const conversationHeld: Prisma.ConversationWhereInput = {
  OR: [{ legalHolds: activeHold }, { lead: { legalHolds: activeHold } }],
};
const leadNotHeld: Prisma.LeadWhereInput = {
  legalHolds: { none: { releasedAt: null } },
  NOT: { conversation: { legalHolds: activeHold } },
};
const leadHeld: Prisma.LeadWhereInput = {
  OR: [{ legalHolds: activeHold }, { conversation: { legalHolds: activeHold } }],
};

/**
 * Where a site stands on retention at `context.now()`. Conversations count by `expiresAt`; leads
 * by their own `retainUntil` (see lead-retention.ts) — leads still on their conversation's clock go
 * with the conversation and are not counted twice; closed request records by their closing time plus
 * the site's request-record retention. A hold on a conversation or its lead keeps both. Runs over all sites
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
  const requestRecords = async (from: Date | undefined, to: Date) => {
    const [row] = await prisma.$queryRaw<{ count: bigint | number }[]>`
      SELECT count(*) AS count FROM "PrivacyRequest" r JOIN "Site" s ON s.id = r."siteId"
      WHERE r."siteId" = ${siteId}::uuid AND ${requestClosed} AND ${requestRecordDeletesAt} < ${at(to)}
        ${from ? Prisma.sql`AND ${requestRecordDeletesAt} >= ${at(from)}` : Prisma.empty}`;
    return Number(row?.count ?? 0);
  };
  const counts = async (
    conversationWhere: Prisma.ConversationWhereInput,
    leadWhere: Prisma.LeadWhereInput,
    requestsDue?: { from: Date | undefined; to: Date },
  ): Promise<RecordCounts> => {
    const [conversationCount, leadCount, requestCount] = await Promise.all([
      conversations(conversationWhere),
      leads(leadWhere),
      requestsDue ? requestRecords(requestsDue.from, requestsDue.to) : 0,
    ]);
    return { conversations: conversationCount, leads: leadCount, privacyRequests: requestCount };
  };
  const dueBetween = (from: Date | undefined, to: Date) => ({ ...(from && { gte: from }), lt: to });
  const runsOfSite = { OR: [{ siteId }, { siteId: null }] };

  const [overdue, expiringWithin7Days, expiringWithin30Days, onHold, lastSweep, lastDryRun, lastScheduled] =
    await Promise.all([
      counts(
        { expiresAt: dueBetween(undefined, now), ...conversationNotHeld },
        { retainUntil: dueBetween(undefined, now), ...leadNotHeld },
        { from: undefined, to: now },
      ),
      counts(
        { expiresAt: dueBetween(now, within(7)), ...conversationNotHeld },
        { retainUntil: dueBetween(now, within(7)), ...leadNotHeld },
        { from: now, to: within(7) },
      ),
      counts(
        { expiresAt: dueBetween(now, within(30)), ...conversationNotHeld },
        { retainUntil: dueBetween(now, within(30)), ...leadNotHeld },
        { from: now, to: within(30) },
      ),
      counts(conversationHeld, leadHeld),
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
