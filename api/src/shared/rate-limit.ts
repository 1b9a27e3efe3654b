import type { PrismaClient } from '@confide/db';

/** A fixed-window limit: at most `limit` hits per `windowSeconds` for one key. */
export interface RateLimit {
  /** Names the kind of key, e.g. "login:account"; part of the stored key. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitHit {
  /** False when this hit went over the limit. */
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Seconds until the window ends and the count starts again. */
  retryAfterSeconds: number;
  /** Undoes this hit (e.g. a sign-in that succeeded should not count as a failure). */
  release(): Promise<void>;
}

/** The window `now` falls in, and the seconds until it ends (the Retry-After of a refusal). */
export function rateLimitWindow(rule: RateLimit, now: Date) {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { windowStart, retryAfterSeconds };
}

/**
 * Counts one hit against `rule` for `key` in the RateLimitBucket table. The increment is a single
 * INSERT … ON CONFLICT DO UPDATE, so concurrent requests (and several API instances) never lose a
 * hit. Keys must already be hashed: no raw IP or email ever reaches the table.
 */
export async function hitRateLimit(
  prisma: PrismaClient,
  rule: RateLimit,
  key: string,
  now: Date,
): Promise<RateLimitHit> {
  const { windowStart, retryAfterSeconds } = rateLimitWindow(rule, now);
  const bucketKey = `${rule.name}:${key}`;
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${bucketKey}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  return {
    allowed: count <= rule.limit,
    count,
    retryAfterSeconds,
    async release() {
      await prisma.$executeRaw`
        UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0)
        WHERE "key" = ${bucketKey} AND "windowStart" = ${windowStart}`;
    },
  };
}

/** Deletes buckets whose window started before `before` (pass a time older than the longest window). */
export async function deleteExpiredRateLimitBuckets(prisma: PrismaClient, before: Date): Promise<number> {
  const { count } = await prisma.rateLimitBucket.deleteMany({ where: { windowStart: { lt: before } } });
  return count;
}
