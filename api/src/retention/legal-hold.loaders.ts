import { Prisma, type LegalHold as LegalHoldRow } from '@confide/db';
import type { RequestContext, RequestLoader } from '../shared/context.ts';

const holdColumns = Prisma.sql`h.id::text AS id, h."conversationId"::text AS "conversationId",
  h."leadId"::text AS "leadId", h.reason, h."ownerId"::text AS "ownerId", h."placedAt", h."releasedAt",
  h."releasedById"::text AS "releasedById"`;

/** Groups holds found for a batch by the record they keep, in the batch's order. */
function byRecord(ids: readonly string[], rows: (LegalHoldRow & { recordId: string })[]): LegalHoldRow[][] {
  return ids.map((id) =>
    rows.filter((row) => row.recordId === id).map(({ recordId: _recordId, ...hold }) => hold),
  );
}

/**
 * Unreleased holds that keep each conversation: its own and its lead's (a hold on either keeps
 * both), oldest first. One query per batch.
 */
export function activeHoldsByConversationId(context: RequestContext): RequestLoader<string, LegalHoldRow[]> {
  return context.loader<string, LegalHoldRow[]>('legalHold.byConversation', async (ids) => {
    const rows = await context.prisma.$queryRaw<(LegalHoldRow & { recordId: string })[]>`
      SELECT ${holdColumns}, COALESCE(h."conversationId", l."conversationId")::text AS "recordId"
      FROM "LegalHold" h LEFT JOIN "Lead" l ON l.id = h."leadId"
      WHERE h."releasedAt" IS NULL
        AND (h."conversationId" = ANY(${[...ids]}::uuid[]) OR l."conversationId" = ANY(${[...ids]}::uuid[]))
      ORDER BY h."placedAt", h.id`;
    return byRecord(ids, rows);
  });
}

/** Unreleased holds that keep each lead: its own and its conversation's, oldest first. */
export function activeHoldsByLeadId(context: RequestContext): RequestLoader<string, LegalHoldRow[]> {
  return context.loader<string, LegalHoldRow[]>('legalHold.byLead', async (ids) => {
    const rows = await context.prisma.$queryRaw<(LegalHoldRow & { recordId: string })[]>`
      SELECT ${holdColumns}, COALESCE(h."leadId", l.id)::text AS "recordId"
      FROM "LegalHold" h LEFT JOIN "Lead" l ON l."conversationId" = h."conversationId"
      WHERE h."releasedAt" IS NULL AND (h."leadId" = ANY(${[...ids]}::uuid[]) OR l.id = ANY(${[...ids]}::uuid[]))
      ORDER BY h."placedAt", h.id`;
    return byRecord(ids, rows);
  });
}

export function legalHoldById(context: RequestContext): RequestLoader<string, LegalHoldRow | null> {
  return context.loader<string, LegalHoldRow | null>('legalHold.byId', async (ids) => {
    const rows = await context.prisma.legalHold.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
