import { Prisma } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { timestampCursor } from '../shared/keyset.ts';
import type { PageRequest } from '../shared/pagination.ts';
import {
  at,
  conversationHeld,
  leadHeld,
  leadOnConversationClock,
  requestClosed,
  requestRecordDeletesAt,
} from './due-records.ts';

/** The furthest a preview may look ahead. */
export const maxHorizonDays = 3660;

/** Why a record is due: which rule sets its date. */
export type RetentionReason = 'CONVERSATION' | 'LEAD_WITH_CONVERSATION' | 'LEAD' | 'REQUEST_RECORD';

export interface PreviewRow {
  recordType: 'Conversation' | 'Lead' | 'PrivacyRequest';
  id: string;
  deletesAt: Date;
  reason: RetentionReason;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * What sweeps would delete on one site from now until `horizonDays` from now, soonest first (overdue
 * records first of all): conversations, the leads that go with them, leads on their own date, and
 * closed request records. Records on hold are left out: no sweep takes them. One page of up to
 * `limit + 1` rows in reading order, and a lazy total.
 */
export async function previewRetention(
  context: RequestContext,
  siteId: string,
  horizonDays: number,
  page: PageRequest,
): Promise<{ rows: PreviewRow[]; countTotal: () => Promise<number> }> {
  if (!Number.isInteger(horizonDays) || horizonDays < 0 || horizonDays > maxHorizonDays) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `horizonDays must be a whole number from 0 to ${maxHorizonDays}`,
      {
        argument: 'horizonDays',
      },
    );
  }
  const { prisma } = context;
  if ((await prisma.site.count({ where: { id: siteId } })) === 0) {
    throw new DomainError('NOT_FOUND', 'No site has this id', { argument: 'siteId' });
  }
  const horizon = new Date(context.now().getTime() + horizonDays * dayMs);
  const forward = page.direction === 'forward';
  const direction = Prisma.raw(forward ? 'ASC' : 'DESC');
  const position = timestampCursor(page);
  const after = (date: Prisma.Sql, id: Prisma.Sql) =>
    position
      ? Prisma.sql`AND (${date}, ${id}) ${Prisma.raw(forward ? '>' : '<')} (${at(position.sortValue)}, ${position.id}::uuid)`
      : Prisma.empty;
  const limit = page.limit + 1;

  const branches = (keyset: boolean, limited: boolean) => {
    const part = (select: Prisma.Sql, date: Prisma.Sql, id: Prisma.Sql, where: Prisma.Sql) =>
      Prisma.sql`(${select} WHERE ${where} AND ${date} <= ${at(horizon)} ${keyset ? after(date, id) : Prisma.empty}
        ${limited ? Prisma.sql`ORDER BY ${date} ${direction}, ${id} ${direction} LIMIT ${limit}` : Prisma.empty})`;
    const conversationDate = Prisma.sql`c."expiresAt"`;
    return Prisma.join(
      [
        part(
          Prisma.sql`SELECT 'Conversation' AS "recordType", c.id, c."expiresAt" AS "deletesAt", 'CONVERSATION' AS reason
            FROM "Conversation" c`,
          conversationDate,
          Prisma.sql`c.id`,
          Prisma.sql`c."siteId" = ${siteId}::uuid AND NOT ${conversationHeld}`,
        ),
        part(
          Prisma.sql`SELECT 'Lead' AS "recordType", l.id, c."expiresAt" AS "deletesAt", 'LEAD_WITH_CONVERSATION' AS reason
            FROM "Lead" l JOIN "Conversation" c ON c.id = l."conversationId"`,
          conversationDate,
          Prisma.sql`l.id`,
          Prisma.sql`l."siteId" = ${siteId}::uuid AND ${leadOnConversationClock} AND NOT ${conversationHeld}`,
        ),
        part(
          Prisma.sql`SELECT 'Lead' AS "recordType", l.id, l."retainUntil" AS "deletesAt", 'LEAD' AS reason FROM "Lead" l`,
          Prisma.sql`l."retainUntil"`,
          Prisma.sql`l.id`,
          Prisma.sql`l."siteId" = ${siteId}::uuid AND NOT ${leadHeld}`,
        ),
        part(
          Prisma.sql`SELECT 'PrivacyRequest' AS "recordType", r.id, ${requestRecordDeletesAt} AS "deletesAt",
              'REQUEST_RECORD' AS reason
            FROM "PrivacyRequest" r JOIN "Site" s ON s.id = r."siteId"`,
          requestRecordDeletesAt,
          Prisma.sql`r.id`,
          Prisma.sql`r."siteId" = ${siteId}::uuid AND ${requestClosed}`,
        ),
      ],
      ' UNION ALL ',
    );
  };

  const rows = await prisma.$queryRaw<PreviewRow[]>`
    SELECT "recordType", id::text AS id, "deletesAt", reason FROM (${branches(true, true)}) items
    ORDER BY "deletesAt" ${direction}, id ${direction} LIMIT ${limit}`;
  return {
    rows,
    countTotal: async () => {
      const [row] = await prisma.$queryRaw<{ total: bigint | number }[]>`
        SELECT count(*) AS total FROM (${branches(false, false)}) items`;
      return Number(row?.total ?? 0);
    },
  };
}
