import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { deleteExpiredRateLimitBuckets, hitRateLimit } from './rate-limit.ts';

const rule = { name: 'test', limit: 5, windowSeconds: 60 };
const windowStart = new Date('2026-05-04T10:00:00.000Z');

describe.each(databaseKinds)('fixed-window rate limits on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
  });
  afterAll(() => database?.close());

  it('counts concurrent hits atomically and refuses those over the limit', async () => {
    const at = new Date(windowStart.getTime() + 20_000);
    const hits = await Promise.all(
      Array.from({ length: 12 }, () => hitRateLimit(database.prisma, rule, 'k1', at)),
    );
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(hits.filter((hit) => hit.allowed)).toHaveLength(5);
    expect(hits.every((hit) => hit.retryAfterSeconds === 40)).toBe(true);
    expect(await database.prisma.rateLimitBucket.findMany({ where: { key: 'test:k1' } })).toEqual([
      { key: 'test:k1', windowStart, count: 12 },
    ]);
  });

  it('starts counting again in the next window, and a released hit no longer counts', async () => {
    const first = await hitRateLimit(database.prisma, rule, 'k2', windowStart);
    await first.release();
    const second = await hitRateLimit(database.prisma, rule, 'k2', new Date(windowStart.getTime() + 59_999));
    expect(second).toMatchObject({ count: 1, allowed: true, retryAfterSeconds: 1 });
    const next = await hitRateLimit(database.prisma, rule, 'k2', new Date(windowStart.getTime() + 60_000));
    expect(next).toMatchObject({ count: 1, retryAfterSeconds: 60 });
  });

  it('deletes old windows', async () => {
    await hitRateLimit(database.prisma, rule, 'old', new Date('2026-01-01T00:00:00.000Z'));
    expect(await deleteExpiredRateLimitBuckets(database.prisma, new Date('2026-02-01T00:00:00.000Z'))).toBe(
      1,
    );
    expect(await database.prisma.rateLimitBucket.count({ where: { key: 'test:old' } })).toBe(0);
  });
});
