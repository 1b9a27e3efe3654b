import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../shared/database.ts';
import { createCountingPrisma, type CountingPrisma } from '../testing/query-counter.ts';
import { authenticate, forgetCachedCredentials } from './authenticate.ts';
import { apiTokenPrefix, generateSecret, hashSecret } from './secrets.ts';

const now = new Date('2026-05-04T10:00:00.000Z');

describe.each(databaseKinds)('cached token lookups on %s', (kind) => {
  let database: Database;
  let counting: CountingPrisma;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    counting = createCountingPrisma(database);
  });
  afterAll(async () => {
    await counting?.disconnect();
    await database?.close();
  });

  async function createToken(expiresAt: Date | null = null) {
    const token = generateSecret(apiTokenPrefix);
    const record = await database.prisma.apiToken.create({
      data: {
        name: 'cached',
        tokenHash: hashSecret(token),
        tokenPrefix: token.slice(0, 8),
        scopes: ['sites:read'],
        expiresAt,
        lastUsedAt: now,
      },
    });
    return { token, id: record.id, headers: { authorization: `Bearer ${token}` } };
  }

  it('asks the database once, then again only after the cache is cleared (as revoking does)', async () => {
    const { id, headers } = await createToken();
    counting.reset();
    expect((await authenticate(counting.prisma, headers, now)).kind).toBe('token');
    expect(counting.statements).toHaveLength(1);
    expect((await authenticate(counting.prisma, headers, now)).kind).toBe('token');
    expect(counting.statements).toHaveLength(1);

    await database.prisma.apiToken.update({ where: { id }, data: { revokedAt: now } });
    forgetCachedCredentials(counting.prisma);
    await expect(authenticate(counting.prisma, headers, now)).rejects.toThrow(/revoked/);
    expect(counting.statements).toHaveLength(2);
  });

  it("still honours a cached token's own expiry on every request", async () => {
    const { headers } = await createToken(new Date(now.getTime() + 1_000));
    expect((await authenticate(counting.prisma, headers, now)).kind).toBe('token');
    await expect(authenticate(counting.prisma, headers, new Date(now.getTime() + 2_000))).rejects.toThrow(
      /expired/,
    );
  });
});
