import type { Consent as ConsentRow, ConsentPurpose, ConsentSource, LegalBasis } from '@confide/db';
import { databaseIdOf } from '../leads/lead-changes.ts';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import {
  allowedClockSkewMs,
  consentOnlyPurposes,
  defaultConsentSource,
  maxEvidenceLength,
  maxPolicyVersionLength,
  normalizeSubjectEmail,
} from './consent-rules.ts';

export interface RecordConsentInput {
  /** Global id of the site. */
  siteId: string;
  subjectEmail: string;
  purpose: ConsentPurpose;
  legalBasis: LegalBasis;
  source?: ConsentSource | null;
  /** Defaults to the site's current policy version. */
  policyVersion?: string | null;
  evidence?: string | null;
  /** Defaults to now. */
  occurredAt?: Date | null;
  /** Global id of the lead the grant came with. */
  leadId?: string | null;
}

export interface ConsentChangeResult {
  consent: ConsentRow | null;
  userErrors: UserErrorData[];
}

/** Checks shared by grants and withdrawals; returns the values to store. */
export async function validateLedgerEntry(
  context: RequestContext,
  input: { siteId: string; subjectEmail: string; evidence?: string | null; occurredAt?: Date | null },
): Promise<{
  site: { id: string; policyVersion: string } | null;
  email: string | undefined;
  evidence: string | null;
  occurredAt: Date;
  userErrors: UserErrorData[];
}> {
  const userErrors: UserErrorData[] = [];
  const siteId = databaseIdOf(input.siteId, 'Site');
  const site = siteId
    ? await context.prisma.site.findUnique({
        where: { id: siteId },
        select: { id: true, policyVersion: true },
      })
    : null;
  if (!site)
    userErrors.push({ field: ['input', 'siteId'], code: 'NOT_FOUND', message: 'No site has this id' });
  const email = normalizeSubjectEmail(input.subjectEmail);
  if (!email) {
    userErrors.push({ field: ['input', 'subjectEmail'], code: 'INVALID', message: 'Not an email address' });
  }
  const evidence = input.evidence?.trim() || null;
  if (evidence && evidence.length > maxEvidenceLength) {
    userErrors.push({
      field: ['input', 'evidence'],
      code: 'TOO_LONG',
      message: `Evidence must be at most ${maxEvidenceLength} characters (it has ${evidence.length})`,
    });
  }
  const now = context.now();
  const occurredAt = input.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + allowedClockSkewMs) {
    userErrors.push({
      field: ['input', 'occurredAt'],
      code: 'INVALID',
      message: 'occurredAt is in the future',
    });
  }
  return { site, email, evidence, occurredAt, userErrors };
}

/**
 * Appends a grant to the consent ledger (never rewrites an entry). Purposes that may only rest on
 * consent (marketing communications, analytics and marketing cookies) refuse any other basis.
 * Audited as "consent.record" without the subject's address.
 */
export async function recordConsent(
  context: RequestContext,
  input: RecordConsentInput,
): Promise<ConsentChangeResult> {
  const { site, email, evidence, occurredAt, userErrors } = await validateLedgerEntry(context, input);
  if (consentOnlyPurposes.has(input.purpose) && input.legalBasis !== 'CONSENT') {
    userErrors.push({
      field: ['input', 'legalBasis'],
      code: 'INVALID',
      message: `${input.purpose} may only rest on the subject's consent`,
    });
  }
  const policyVersion = input.policyVersion?.trim() || site?.policyVersion;
  if (policyVersion && policyVersion.length > maxPolicyVersionLength) {
    userErrors.push({
      field: ['input', 'policyVersion'],
      code: 'TOO_LONG',
      message: `policyVersion must be at most ${maxPolicyVersionLength} characters`,
    });
  }
  let leadId: string | null = null;
  if (input.leadId != null) {
    const id = databaseIdOf(input.leadId, 'Lead');
    const lead = id
      ? await context.prisma.lead.findUnique({
          where: { id },
          select: { id: true, siteId: true, emailNormalized: true },
        })
      : null;
    if (!lead) {
      userErrors.push({ field: ['input', 'leadId'], code: 'NOT_FOUND', message: 'No lead has this id' });
    } else if (lead.siteId !== site?.id || lead.emailNormalized !== email) {
      userErrors.push({
        field: ['input', 'leadId'],
        code: 'INVALID',
        message: 'The lead belongs to another site or another email address',
      });
    } else {
      leadId = lead.id;
    }
  }
  if (userErrors.length > 0 || !site || !email || !policyVersion) return { consent: null, userErrors };

  const consent = await context.prisma.consent.create({
    data: {
      siteId: site.id,
      subjectEmailNormalized: email,
      leadId,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      action: 'GRANTED',
      source: input.source ?? defaultConsentSource(context.viewer.kind),
      policyVersion,
      evidence,
      recordedById: context.viewer.kind === 'staff' ? context.viewer.staffUserId : null,
      occurredAt,
      createdAt: context.now(),
    },
  });
  context.audit.record({
    action: 'consent.record',
    targetType: 'Consent',
    targetIds: [consent.id],
    details: {
      siteId: site.id,
      purpose: consent.purpose,
      legalBasis: consent.legalBasis,
      source: consent.source,
      policyVersion,
      ...(leadId && { leadId }),
    },
  });
  return { consent, userErrors: [] };
}
