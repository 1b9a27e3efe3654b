import type { Consent as ConsentRow, ConsentPurpose, ConsentSource, LegalBasis } from '@confide/db';

export const consentPurposes: readonly ConsentPurpose[] = [
  'MARKETING_COMMUNICATIONS',
  'ANALYTICS_COOKIES',
  'MARKETING_COOKIES',
  'CHAT_LOGGING',
  'CRM_TRANSFER',
];

/** Purposes that may rest on consent alone (000 §3–4: marketing only with consent; cookies per ePrivacy). */
export const consentOnlyPurposes: ReadonlySet<ConsentPurpose> = new Set([
  'MARKETING_COMMUNICATIONS',
  'ANALYTICS_COOKIES',
  'MARKETING_COOKIES',
]);

export const maxEvidenceLength = 2000;
export const maxPolicyVersionLength = 50;
/** Clocks differ a little; an entry dated further ahead than this is a mistake. */
export const allowedClockSkewMs = 5 * 60 * 1000;

const emailPattern =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Trimmed and lower-cased, as the ledger, leads and erasure match addresses; undefined when not an address. */
export function normalizeSubjectEmail(email: string): string | undefined {
  const normalized = email.trim().toLowerCase();
  return normalized.length <= 254 && emailPattern.test(normalized) ? normalized : undefined;
}

/** Where one purpose stands after a subject's ledger entries. */
export interface ConsentStateData {
  purpose: ConsentPurpose;
  granted: boolean;
  legalBasis: LegalBasis | null;
  since: Date | null;
  latest: ConsentRow | null;
}

/** Ledger order: when it happened, then when it was written (ids are time-ordered UUIDv7). */
export function compareLedgerEntries(a: ConsentRow, b: ConsentRow): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The current state of every purpose: the latest entry decides, and no entry means not granted. */
export function currentConsentStates(entries: readonly ConsentRow[]): ConsentStateData[] {
  const latest = new Map<ConsentPurpose, ConsentRow>();
  for (const entry of [...entries].sort(compareLedgerEntries)) latest.set(entry.purpose, entry);
  return consentPurposes.map((purpose) => {
    const entry = latest.get(purpose) ?? null;
    return {
      purpose,
      granted: entry?.action === 'GRANTED',
      legalBasis: entry?.legalBasis ?? null,
      since: entry?.occurredAt ?? null,
      latest: entry,
    };
  });
}

/** Who recorded an entry when the input does not say: staff in the console, or an integrator's system. */
export function defaultConsentSource(viewerKind: string): ConsentSource {
  return viewerKind === 'token' ? 'API' : 'STAFF';
}
