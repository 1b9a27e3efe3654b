import type { ConsentPurpose, Consent as ConsentRow, Lead, PrismaClient } from '@confide/db';
import { consentOnlyPurposes, currentConsentStates } from '../consents/consent-rules.ts';
import { consentsOfLeads } from '../consents/list-consents.ts';

export type GatedLead = Pick<Lead, 'id' | 'siteId' | 'emailNormalized' | 'isChildData'>;

export interface SubjectFlagState {
  restricted: boolean;
  objected: boolean;
}

/**
 * Why a lead must not go to a CRM connection, or null when it may. Checked when the lead is about to
 * be sent, so a withdrawal, restriction or objection takes effect at once (SPEC: Consent).
 */
export function skipReason(
  lead: GatedLead,
  {
    connectionSiteId,
    purpose,
    flags,
    consents,
  }: {
    connectionSiteId: string;
    purpose: ConsentPurpose;
    flags: SubjectFlagState;
    consents: readonly ConsentRow[];
  },
): string | null {
  if (lead.siteId !== connectionSiteId) return 'The lead belongs to another site than the connection';
  if (!lead.emailNormalized) return 'The lead has no email address, which the CRM matches records by';
  if (lead.isChildData) return 'The lead is marked as a child’s data, which is never transferred';
  if (flags.restricted) return 'Processing of the subject is restricted';
  if (flags.objected) return 'The subject objected to processing';
  const state = currentConsentStates(consents).find((candidate) => candidate.purpose === purpose);
  if (!state?.granted) return `No current ${purpose} consent or legal basis is recorded for the subject`;
  if (consentOnlyPurposes.has(purpose) && state.legalBasis !== 'CONSENT') {
    return `${purpose} needs consent as its legal basis (recorded: ${state.legalBasis})`;
  }
  return null;
}

/** The skip reason of each lead (null: may be sent), with flags and ledgers loaded in two queries. */
export async function gateLeads(
  prisma: PrismaClient,
  leads: readonly GatedLead[],
  connection: { siteId: string; purpose: ConsentPurpose },
): Promise<Map<string, string | null>> {
  const emails = [...new Set(leads.flatMap((lead) => (lead.emailNormalized ? [lead.emailNormalized] : [])))];
  const [flagRows, ledgers] = await Promise.all([
    prisma.subjectFlag.findMany({
      where: { liftedAt: null, siteId: connection.siteId, subjectEmailNormalized: { in: emails } },
      select: { subjectEmailNormalized: true, kind: true },
    }),
    consentsOfLeads(prisma, leads),
  ]);
  const flagsByEmail = new Map<string, SubjectFlagState>();
  for (const flag of flagRows) {
    const state = flagsByEmail.get(flag.subjectEmailNormalized) ?? { restricted: false, objected: false };
    if (flag.kind === 'RESTRICTION') state.restricted = true;
    else state.objected = true;
    flagsByEmail.set(flag.subjectEmailNormalized, state);
  }
  return new Map(
    leads.map((lead, index) => [
      lead.id,
      skipReason(lead, {
        connectionSiteId: connection.siteId,
        purpose: connection.purpose,
        flags: flagsByEmail.get(lead.emailNormalized ?? '') ?? { restricted: false, objected: false },
        consents: ledgers[index]!,
      }),
    ]),
  );
}
