import type { Consent as ConsentRow } from '@confide/db';
import { consentsOfLeads } from '../consents/list-consents.ts';
import type { RequestContext, RequestLoader } from '../shared/context.ts';
import { StaffMember } from '../staff/staff-member.type.ts';
import { Lead, LeadNote } from './lead.type.ts';

// Per-request DataLoaders: a page of leads asking for owners, flags, consents or holds costs one
// query per field, not one per lead.

/** Leads by database id (for `node`, and for other domains' `lead` fields). */
export function leadById(context: RequestContext): RequestLoader<string, Lead | null> {
  return context.loader<string, Lead | null>('lead.byId', async (ids) => {
    const rows = await context.prisma.lead.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, Lead.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Owners and note authors: only id and name, whoever asks. */
export function staffMemberById(context: RequestContext): RequestLoader<string, StaffMember | null> {
  return context.loader<string, StaffMember | null>('lead.staffMemberById', async (ids) => {
    const rows = await context.prisma.staffUser.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true },
    });
    const found = new Map(rows.map((row) => [row.id, StaffMember.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

export interface SubjectFlags {
  restricted: boolean;
  objected: boolean;
}

/** Key of a subject on a site, for the flag loader. */
function subjectKey(siteId: string, email: string): string {
  return `${siteId}\n${email}`;
}

/** Unlifted restriction and objection flags of each lead's subject on the lead's site. */
export function flagsOfLead(context: RequestContext, lead: Lead): Promise<SubjectFlags> {
  const none: SubjectFlags = { restricted: false, objected: false };
  if (!lead.emailNormalized) return Promise.resolve(none);
  return context
    .loader<string, SubjectFlags>('lead.flags', async (keys) => {
      const subjects = keys.map((key) => key.split('\n') as [string, string]);
      const flags = await context.prisma.subjectFlag.findMany({
        where: {
          liftedAt: null,
          siteId: { in: [...new Set(subjects.map(([siteId]) => siteId))] },
          subjectEmailNormalized: { in: [...new Set(subjects.map(([, email]) => email))] },
        },
        select: { siteId: true, subjectEmailNormalized: true, kind: true },
      });
      const found = new Map<string, SubjectFlags>();
      for (const flag of flags) {
        const key = subjectKey(flag.siteId, flag.subjectEmailNormalized);
        const state = found.get(key) ?? { ...none };
        if (flag.kind === 'RESTRICTION') state.restricted = true;
        else state.objected = true;
        found.set(key, state);
      }
      return keys.map((key) => found.get(key) ?? none);
    })
    .load(subjectKey(lead.siteId, lead.emailNormalized));
}

/** The consent ledger entries behind each lead, oldest first. */
export function consentsByLead(context: RequestContext): RequestLoader<Lead, ConsentRow[]> {
  return context.loader<Lead, ConsentRow[]>('lead.consents', (leads) =>
    consentsOfLeads(context.prisma, leads),
  );
}

/** Notes by database id (for `node`). */
export function noteById(context: RequestContext): RequestLoader<string, LeadNote | null> {
  return context.loader<string, LeadNote | null>('leadNote.byId', async (ids) => {
    const rows = await context.prisma.leadNote.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, LeadNote.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
