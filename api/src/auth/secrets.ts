import { createHash, randomBytes } from 'node:crypto';

/** Prefix that makes leaked tokens easy to recognise (and to scan for in repositories). */
export const apiTokenPrefix = 'cfd_';

/** A new random secret: 32 bytes, base64url. */
export function generateSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Session and API tokens are stored as SHA-256: they are long random secrets, so a fast hash is
 * enough (no dictionary to attack), and lookups stay a single indexed equality.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
