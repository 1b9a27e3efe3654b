import type { LeadSource, Prisma, PrismaClient } from '@confide/db';

/** The facts about a lead that decide how long it is kept. */
export interface LeadRetentionFacts {
  source: LeadSource;
  createdAt: Date;
  exportedAt: Date | null;
  engagedAt: Date | null;
  engagementEndedAt: Date | null;
}

/** The site's lead rules (Site columns of the same names). */
export interface LeadRetentionPolicy {
  leadRetentionMonths: number;
  engagedLegalRetentionMonths: number;
}

/**
 * When a lead is deleted under its site's policy (000 §7), or null when it has no date of its own:
 * - while ENGAGED (engaged and not ended): null, kept for the whole engagement;
 * - after an engagement: `engagementEndedAt` + `engagedLegalRetentionMonths`;
 * - once moved into a CRM: `exportedAt` + `leadRetentionMonths` (the contact-form rule);
 * - a contact-form submission: `createdAt` + `leadRetentionMonths`.
 * Where several apply, the latest wins. A chat lead none applies to (never exported nor engaged)
 * is on its conversation's clock: it is deleted with the conversation.
 */
export function leadRetainUntil(lead: LeadRetentionFacts, policy: LeadRetentionPolicy): Date | null {
  if (lead.engagedAt !== null && lead.engagementEndedAt === null) return null;
  const dates = [
    lead.engagementEndedAt && addMonths(lead.engagementEndedAt, policy.engagedLegalRetentionMonths),
    lead.exportedAt && addMonths(lead.exportedAt, policy.leadRetentionMonths),
    lead.source === 'CONTACT_FORM' ? addMonths(lead.createdAt, policy.leadRetentionMonths) : null,
  ].filter((date): date is Date => date !== null);
  if (dates.length === 0) return null;
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

/**
 * Recomputes and stores `retainUntil` of these leads from their current facts and their site's
 * policy. Call it in the same transaction that changed `exportedAt` (a CRM export) or a site's
 * lead rules; lead status changes go through `leadRetainUntil` directly.
 */
export async function refreshLeadRetention(
  prisma: Prisma.TransactionClient | PrismaClient,
  leadIds: readonly string[],
): Promise<number> {
  if (leadIds.length === 0) return 0;
  const leads = await prisma.lead.findMany({
    where: { id: { in: [...leadIds] } },
    select: {
      id: true,
      source: true,
      createdAt: true,
      exportedAt: true,
      engagedAt: true,
      engagementEndedAt: true,
      retainUntil: true,
      site: { select: { leadRetentionMonths: true, engagedLegalRetentionMonths: true } },
    },
  });
  // Leads getting the same date go in one UPDATE.
  const byDate = new Map<number | null, string[]>();
  for (const lead of leads) {
    const retainUntil = leadRetainUntil(lead, lead.site);
    if ((retainUntil?.getTime() ?? null) === (lead.retainUntil?.getTime() ?? null)) continue;
    const key = retainUntil?.getTime() ?? null;
    byDate.set(key, [...(byDate.get(key) ?? []), lead.id]);
  }
  let changed = 0;
  for (const [time, ids] of byDate) {
    const { count } = await prisma.lead.updateMany({
      where: { id: { in: ids } },
      data: { retainUntil: time === null ? null : new Date(time) },
    });
    changed += count;
  }
  return changed;
}

/** Calendar months later in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
