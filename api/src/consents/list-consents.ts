import type { ConsentAction, ConsentPurpose, Prisma } from '@confide/db';
import { keysetPage } from '../shared/keyset.ts';
import type { RequestContext } from '../shared/context.ts';
import type { PageRequest } from '../shared/pagination.ts';
import { normalizeSubjectEmail } from './consent-rules.ts';

/** Which ledger entries to list; ids are database ids. */
export interface ConsentFilter {
  /** Any case and surrounding whitespace; matched exactly after normalising. */
  subjectEmail?: string | null;
  purpose?: ConsentPurpose | null;
  action?: ConsentAction | null;
  siteId?: string | null;
}

/** One page of the ledger, newest first (up to `limit + 1` rows in reading order), and a lazy total. */
export async function listConsents(
  context: RequestContext,
  page: PageRequest,
  filter: ConsentFilter | null | undefined,
) {
  const where: Prisma.ConsentWhereInput = {};
  if (filter?.subjectEmail != null) {
    // An address that cannot be normalised matches nothing rather than everything.
    where.subjectEmailNormalized = normalizeSubjectEmail(filter.subjectEmail) ?? '';
  }
  if (filter?.purpose) where.purpose = filter.purpose;
  if (filter?.action) where.action = filter.action;
  if (filter?.siteId) where.siteId = filter.siteId;
  const keyset = keysetPage('occurredAt', 'desc', page);
  const rows = await context.prisma.consent.findMany({
    where: { AND: [where, keyset.where] },
    orderBy: keyset.orderBy,
    take: page.limit + 1,
  });
  return { rows, countTotal: () => context.prisma.consent.count({ where }) };
}

/**
 * Ledger entries of leads, batched per request: those of the lead's subject (its normalised email)
 * on the lead's site, and any entry recorded against the lead itself.
 */
export async function consentsOfLeads(
  prisma: RequestContext['prisma'],
  leads: readonly { id: string; siteId: string; emailNormalized: string | null }[],
) {
  const emails = [...new Set(leads.flatMap((lead) => (lead.emailNormalized ? [lead.emailNormalized] : [])))];
  const rows = await prisma.consent.findMany({
    where: {
      siteId: { in: [...new Set(leads.map((lead) => lead.siteId))] },
      OR: [{ subjectEmailNormalized: { in: emails } }, { leadId: { in: leads.map((lead) => lead.id) } }],
    },
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
  });
  // Grouped once, so a page of a thousand leads (CSV export) is not a thousand scans of every row.
  const position = new Map(rows.map((row, index) => [row, index]));
  const bySubject = new Map<string, typeof rows>();
  const byLead = new Map<string, typeof rows>();
  const add = (map: Map<string, typeof rows>, key: string, row: (typeof rows)[number]) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const row of rows) {
    add(bySubject, `${row.siteId} ${row.subjectEmailNormalized}`, row);
    if (row.leadId) add(byLead, row.leadId, row);
  }
  return leads.map((lead) => {
    const matches = new Set([
      ...(lead.emailNormalized === null
        ? []
        : (bySubject.get(`${lead.siteId} ${lead.emailNormalized}`) ?? [])),
      ...(byLead.get(lead.id) ?? []).filter((row) => row.siteId === lead.siteId),
    ]);
    // In ledger order, as the query returned them.
    return [...matches].sort((a, b) => position.get(a)! - position.get(b)!);
  });
}
