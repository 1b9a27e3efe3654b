import { Prisma } from '@confide/db';

/**
 * Which records are due for deletion at a time, in SQL, shared by the sweep, its dry run, the
 * preview and the status counts so they can never disagree. Holds work both ways between a
 * conversation and its lead: an unreleased hold on either keeps both.
 */

/** The site condition of a sweep over one site (or none for all sites). */
export function siteCondition(column: Prisma.Sql, siteId: string | null): Prisma.Sql {
  return siteId === null ? Prisma.empty : Prisma.sql`AND ${column} = ${siteId}::uuid`;
}

/** `c` (a Conversation) or its lead is under an unreleased legal hold. */
export const conversationHeld = Prisma.sql`(
  EXISTS (SELECT 1 FROM "LegalHold" h WHERE h."conversationId" = c.id AND h."releasedAt" IS NULL)
  OR EXISTS (SELECT 1 FROM "Lead" hl JOIN "LegalHold" h ON h."leadId" = hl.id AND h."releasedAt" IS NULL
             WHERE hl."conversationId" = c.id))`;

/** `l` (a Lead) or its conversation is under an unreleased legal hold. */
export const leadHeld = Prisma.sql`(
  EXISTS (SELECT 1 FROM "LegalHold" h WHERE h."leadId" = l.id AND h."releasedAt" IS NULL)
  OR EXISTS (SELECT 1 FROM "LegalHold" h WHERE h."conversationId" = l."conversationId" AND h."releasedAt" IS NULL))`;

/** A lead with no date of its own (never exported nor engaged): it goes with its conversation. */
export const leadOnConversationClock = Prisma.sql`l."retainUntil" IS NULL AND l."engagedAt" IS NULL`;

/** When a closed request record `r` of site `s` is deleted. */
export const requestRecordDeletesAt = Prisma.sql`(COALESCE(r."completedAt", r."rejectedAt")
  + make_interval(months => s."requestRecordRetentionMonths"))`;

/** `r` is closed (completed or rejected): only closed request records have a deletion date. */
export const requestClosed = Prisma.sql`r.status IN ('COMPLETED', 'REJECTED')`;

/** A timestamp parameter compared with the database's timestamp(3) columns (stored as UTC). */
export function at(date: Date): Prisma.Sql {
  return Prisma.sql`${date}::timestamp(3)`;
}
