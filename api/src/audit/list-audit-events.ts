import type { AuditEvent, Prisma, PrismaClient } from '@confide/db';
import { DomainError } from '../shared/errors.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import type { PageRequest } from '../shared/pagination.ts';

export interface AuditEventQuery {
  actions?: readonly string[] | null;
  /** Global id of a staff member or API token. */
  actorId?: string | null;
  /** Global id of any record, as `AuditEvent.targetIds` shows it. */
  targetId?: string | null;
  occurredAfter?: Date | null;
  occurredBefore?: Date | null;
}

export interface AuditEventPage {
  /** Up to `limit + 1` rows in the page's reading direction, as `buildConnection` expects. */
  rows: AuditEvent[];
  countTotal: () => Promise<number>;
}

const databaseIdPattern = /^[1-9][0-9]{0,18}$/;

/** The database id behind an AuditEvent global id, or undefined. */
export function decodeAuditEventId(globalId: string): bigint | undefined {
  if (globalId.length > 100 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return undefined;
  const [typeName, id] = Buffer.from(globalId, 'base64url').toString('utf8').split(':');
  return typeName === 'AuditEvent' && id !== undefined && databaseIdPattern.test(id) ? BigInt(id) : undefined;
}

function invalidId(argument: string): DomainError {
  return new DomainError('BAD_USER_INPUT', `${argument} is not a valid id`, { argument });
}

/** The Prisma condition for a filter; ids that cannot be ours are the caller's mistake. */
function whereOf(query: AuditEventQuery): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (query.actions) where.action = { in: [...query.actions] };
  if (query.actorId != null) {
    const actor = decodeGlobalId(query.actorId);
    if (!actor) throw invalidId('filter.actorId');
    where.actorId = actor.id;
  }
  if (query.targetId != null) {
    const auditEventId = decodeAuditEventId(query.targetId);
    const target = auditEventId === undefined ? decodeGlobalId(query.targetId) : undefined;
    if (auditEventId !== undefined) {
      where.targetType = 'AuditEvent';
      where.targetIds = { has: auditEventId.toString() };
    } else if (target) {
      where.targetType = target.typeName;
      where.targetIds = { has: target.id };
    } else {
      throw invalidId('filter.targetId');
    }
  }
  if (query.occurredAfter || query.occurredBefore) {
    where.occurredAt = {
      ...(query.occurredAfter && { gte: query.occurredAfter }),
      ...(query.occurredBefore && { lt: query.occurredBefore }),
    };
  }
  return where;
}

/**
 * A page of the audit trail, newest first, by keyset on the event id (ids grow with time, and one
 * chain writer at a time guarantees they are never interleaved out of order).
 */
export async function listAuditEvents(
  prisma: PrismaClient,
  query: AuditEventQuery,
  page: PageRequest,
): Promise<AuditEventPage> {
  const where = whereOf(query);
  let cursorId: bigint | undefined;
  if (page.after) {
    const [, id] = page.after;
    if (!databaseIdPattern.test(id)) {
      const argument = page.direction === 'forward' ? 'after' : 'before';
      throw new DomainError('BAD_USER_INPUT', `${argument} is not a valid cursor`, { argument });
    }
    cursorId = BigInt(id);
  }
  // Forward reads newest to oldest; backward reads from the oldest end towards the newest.
  const forward = page.direction === 'forward';
  const rows = await prisma.auditEvent.findMany({
    where: {
      ...where,
      ...(cursorId !== undefined && { id: forward ? { lt: cursorId } : { gt: cursorId } }),
    },
    orderBy: { id: forward ? 'desc' : 'asc' },
    take: page.limit + 1,
  });
  return { rows, countTotal: () => prisma.auditEvent.count({ where }) };
}
