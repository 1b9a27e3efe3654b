import type { ConsentPurpose, ConsentSource } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import { defaultConsentSource } from './consent-rules.ts';
import { validateLedgerEntry, type ConsentChangeResult } from './record-consent.ts';

export interface WithdrawConsentInput {
  /** Global id of the site. */
  siteId: string;
  subjectEmail: string;
  purpose: ConsentPurpose;
  source?: ConsentSource | null;
  evidence?: string | null;
  /** Defaults to now. */
  occurredAt?: Date | null;
}

// Serialises withdrawals of one subject's purpose, so two at once cannot both see it granted.
const ledgerLockKey = 727_002;

/**
 * Appends a withdrawal to the consent ledger; it takes effect at once (CRM exports and marketing
 * read the latest entry). Only a purpose currently granted can be withdrawn. The entry keeps the
 * grant's legal basis and lead and names the site's current policy version. Audited as
 * "consent.withdraw" without the subject's address.
 */
export async function withdrawConsent(
  context: RequestContext,
  input: WithdrawConsentInput,
): Promise<ConsentChangeResult> {
  const { site, email, evidence, occurredAt, userErrors } = await validateLedgerEntry(context, input);
  if (userErrors.length > 0 || !site || !email) return { consent: null, userErrors };

  const outcome = await context.prisma.$transaction(async (transaction) => {
    const key = `${site.id}:${email}:${input.purpose}`;
    await transaction.$executeRaw`SELECT pg_advisory_xact_lock(${ledgerLockKey}::int, hashtext(${key}))`;
    const latest = await transaction.consent.findFirst({
      where: { siteId: site.id, subjectEmailNormalized: email, purpose: input.purpose },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    });
    if (latest?.action !== 'GRANTED') {
      return {
        consent: null,
        userErrors: [
          {
            field: ['input', 'purpose'],
            code: 'NOT_GRANTED' as const,
            message: `The subject has not currently granted ${input.purpose} on this site`,
          },
        ],
      };
    }
    if (occurredAt < latest.occurredAt) {
      return {
        consent: null,
        userErrors: [
          {
            field: ['input', 'occurredAt'],
            code: 'INVALID' as const,
            message: 'A withdrawal cannot predate the grant it withdraws',
          },
        ],
      };
    }
    const consent = await transaction.consent.create({
      data: {
        siteId: site.id,
        subjectEmailNormalized: email,
        leadId: latest.leadId,
        purpose: input.purpose,
        legalBasis: latest.legalBasis,
        action: 'WITHDRAWN',
        source: input.source ?? defaultConsentSource(context.viewer.kind),
        policyVersion: site.policyVersion,
        evidence,
        recordedById: context.viewer.kind === 'staff' ? context.viewer.staffUserId : null,
        occurredAt,
        createdAt: context.now(),
      },
    });
    return { consent, userErrors: [] };
  });
  if (outcome.consent) {
    const { consent } = outcome;
    context.audit.record({
      action: 'consent.withdraw',
      targetType: 'Consent',
      targetIds: [consent.id],
      details: {
        siteId: site.id,
        purpose: consent.purpose,
        legalBasis: consent.legalBasis,
        source: consent.source,
        ...(consent.leadId && { leadId: consent.leadId }),
      },
    });
  }
  return outcome;
}
