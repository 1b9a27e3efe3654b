import type { Prisma, RetentionTrigger, RunStatus } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import { keysetPage } from '../shared/keyset.ts';
import type { PageRequest } from '../shared/pagination.ts';

/** Which runs to list; `siteId` is a database id. */
export interface RetentionRunCriteria {
  /** Runs of this site, and the sweeps of every site (which cover it too). */
  siteId?: string;
  dryRun?: boolean;
  trigger?: RetentionTrigger;
  status?: RunStatus;
}

/** One page of retention runs, newest first (up to `limit + 1` rows in reading order), and a lazy total. */
export async function listRetentionRuns(
  context: RequestContext,
  page: PageRequest,
  criteria: RetentionRunCriteria,
) {
  const where: Prisma.RetentionRunWhereInput = {
    ...(criteria.siteId && { OR: [{ siteId: criteria.siteId }, { siteId: null }] }),
    ...(criteria.dryRun !== undefined && { dryRun: criteria.dryRun }),
    ...(criteria.trigger && { trigger: criteria.trigger }),
    ...(criteria.status && { status: criteria.status }),
  };
  const keyset = keysetPage('startedAt', 'desc', page);
  const rows = await context.prisma.retentionRun.findMany({
    where: { AND: [where, keyset.where] },
    orderBy: keyset.orderBy,
    take: page.limit + 1,
  });
  return { rows, countTotal: () => context.prisma.retentionRun.count({ where }) };
}
