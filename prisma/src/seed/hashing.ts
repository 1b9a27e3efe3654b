import { createHash, createHmac } from 'node:crypto';

/**
 * Default key of the keyed hashes in the demo data (requester email hashes, erasure receipts), for
 * tests that seed without a running app. The app passes its own key (SUBJECT_HASH_SECRET, or the
 * instance's generated one) as `subjectHashKey`, so demo rows match what the product computes.
 */
export const DEMO_HASH_KEY = 'confide-demo-hash-key-not-for-production';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmacSha256Hex(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

/** The form every email is matched in: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What `requesterEmailHash` and `ErasureReceipt.subjectHash` hold for a subject: the product's rule. */
export function subjectHash(email: string, key: string = DEMO_HASH_KEY): string {
  return hmacSha256Hex(key, normalizeEmail(email));
}
