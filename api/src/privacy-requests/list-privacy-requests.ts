import type { Prisma, PrivacyRequest, PrivacyRequestStatus, PrivacyRequestType } from '@confide/db';
import { normalizeSubjectEmail } from '../consents/consent-rules.ts';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { keysetPage, type SortOrder } from '../shared/keyset.ts';
import type { CursorPosition, PageRequest } from '../shared/pagination.ts';
import { closedStatuses, isOpen } from './deadlines.ts';

export type PrivacyRequestOrder = 'URGENCY' | 'RECEIVED_AT_DESC';

/** Which requests to list; ids are database ids. */
export interface PrivacyRequestFilter {
  siteId?: string | null;
  statuses?: PrivacyRequestStatus[] | null;
  types?: PrivacyRequestType[] | null;
  /** true: not completed or rejected; false: closed. */
  open?: boolean | null;
  /** Only open requests past their due date. */
  overdue?: boolean | null;
  assigneeId?: string | null;
  requesterEmail?: string | null;
}

function whereOf(
  filter: PrivacyRequestFilter | null | undefined,
  now: Date,
): Prisma.PrivacyRequestWhereInput {
  const where: Prisma.PrivacyRequestWhereInput[] = [];
  if (filter?.siteId) where.push({ siteId: filter.siteId });
  if (filter?.statuses?.length) where.push({ status: { in: filter.statuses } });
  if (filter?.types?.length) where.push({ type: { in: filter.types } });
  if (filter?.open != null)
    where.push({ status: filter.open ? { notIn: [...closedStatuses] } : { in: [...closedStatuses] } });
  if (filter?.overdue != null) {
    const overdue = { status: { notIn: [...closedStatuses] }, dueAt: { lt: now } };
    where.push(filter.overdue ? overdue : { NOT: overdue });
  }
  if (filter?.assigneeId) where.push({ assigneeId: filter.assigneeId });
  if (filter?.requesterEmail != null) {
    where.push({ requesterEmailNormalized: normalizeSubjectEmail(filter.requesterEmail) ?? '' });
  }
  return { AND: where };
}

/**
 * Urgency: open requests first, the earliest due (overdue ones) at the top; then closed ones, the
 * most recently due first. The cursor names the segment: "open|<dueAt>" or "closed|<dueAt>".
 */
const segments: readonly { name: string; where: Prisma.PrivacyRequestWhereInput; order: SortOrder }[] = [
  { name: 'open', where: { status: { notIn: [...closedStatuses] } }, order: 'asc' },
  { name: 'closed', where: { status: { in: [...closedStatuses] } }, order: 'desc' },
];

export function urgencyPosition(request: Pick<PrivacyRequest, 'status' | 'dueAt' | 'id'>): CursorPosition {
  return [`${isOpen(request.status) ? 'open' : 'closed'}|${request.dueAt.toISOString()}`, request.id];
}

function urgencyCursor(page: PageRequest): { segment: number; after: CursorPosition } | undefined {
  if (!page.after) return undefined;
  const [value, id] = page.after;
  const [name, dueAt] = typeof value === 'string' ? value.split('|') : [];
  const segment = segments.findIndex((candidate) => candidate.name === name);
  if (segment < 0 || !dueAt) {
    const argument = page.direction === 'forward' ? 'after' : 'before';
    throw new DomainError('BAD_USER_INPUT', `${argument} is not a valid cursor for this list`, { argument });
  }
  return { segment, after: [dueAt, id] };
}

/** One page of requests in the given order (up to `limit + 1` rows in reading order), and a lazy total. */
export async function listPrivacyRequests(
  context: RequestContext,
  page: PageRequest,
  filter: PrivacyRequestFilter | null | undefined,
  order: PrivacyRequestOrder,
): Promise<{ rows: PrivacyRequest[]; countTotal: () => Promise<number> }> {
  const where = whereOf(filter, context.now());
  const countTotal = () => context.prisma.privacyRequest.count({ where });
  if (order === 'RECEIVED_AT_DESC') {
    const keyset = keysetPage('receivedAt', 'desc', page);
    const rows = await context.prisma.privacyRequest.findMany({
      where: { AND: [where, keyset.where] },
      orderBy: keyset.orderBy,
      take: page.limit + 1,
    });
    return { rows, countTotal };
  }
  const cursor = urgencyCursor(page);
  const forward = page.direction === 'forward';
  const rows: PrivacyRequest[] = [];
  const start = cursor?.segment ?? (forward ? 0 : segments.length - 1);
  for (let index = start; index >= 0 && index < segments.length; index += forward ? 1 : -1) {
    const segment = segments[index] as (typeof segments)[number];
    const after = index === cursor?.segment ? cursor.after : undefined;
    const keyset = keysetPage('dueAt', segment.order, { ...page, after });
    rows.push(
      ...(await context.prisma.privacyRequest.findMany({
        where: { AND: [where, segment.where, keyset.where] },
        orderBy: keyset.orderBy,
        take: page.limit + 1 - rows.length,
      })),
    );
    if (rows.length > page.limit) break;
  }
  return { rows, countTotal };
}
