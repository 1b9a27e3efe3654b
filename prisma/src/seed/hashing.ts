import { createHash, createHmac } from 'node:crypto';

/**
 * Key of the keyed hashes in the demo data (requester email hashes, erasure receipts). The running
 * app takes its key from configuration; demo rows only match it when both use this value.
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

/** What `requesterEmailHash` and `ErasureReceipt.subjectHash` hold for a demo subject. */
export function demoSubjectHash(email: string): string {
  return hmacSha256Hex(DEMO_HASH_KEY, normalizeEmail(email));
}
