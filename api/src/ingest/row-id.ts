import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48-bit millisecond time, then random bits. Rows written by the ingest
 * statement get the same time-ordered ids Prisma's `uuid(7)` default gives every other row. The
 * random part comes from `randomUUID`, which draws on a cached pool of random bytes (several
 * times cheaper per call than `randomBytes(16)`), keeping its variant bits and 74 random bits.
 */
export function uuidV7(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; from index 15 on, all but the version is kept.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
