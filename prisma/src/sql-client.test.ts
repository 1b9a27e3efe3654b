import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { Prisma } from '../generated/client/client.ts';
import type { Database } from './database.ts';
import { parseUtcTimestamp, sqlClientOf } from './sql-client.ts';
import { createTestDatabase, databaseKinds } from './testing/test-database.ts';

describe.each(databaseKinds)('the driver-level SQL client on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
  });
  afterAll(() => database?.close());

  it('is the one openDatabase registered, not a fallback through Prisma made per call', () => {
    expect(sqlClientOf(database.prisma)).toBe(sqlClientOf(database.prisma));
  });

  it('returns the rows $queryRaw returns, with timestamps as UTC instants in any process time zone', async () => {
    // The drivers' own parsers read `timestamp` in the process's zone; a server need not run in UTC.
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    const sentAt = new Date('2026-03-29T01:30:00.123Z');
    const query = Prisma.sql`SELECT ${sentAt}::timestamp(3) AS "sentAt", ${[sentAt, sentAt]}::timestamp(3)[] AS "times",
      now()::timestamp(3) > ${sentAt}::timestamp(3) AS later, 7::int AS count, 'WIDGET'::"Channel"::text AS channel,
      ${['a', 'b,c', 'd"e']}::text[] AS tags, ${JSON.stringify({ fields: ['email'] })}::jsonb AS details,
      NULL::text AS missing, gen_random_uuid() IS NOT NULL AS "hasUuid"`;
    const [viaDriver] = await sqlClientOf(database.prisma).query<Record<string, unknown>>(query);
    const [viaPrisma] = await database.prisma.$queryRaw<Record<string, unknown>[]>(query);
    expect(viaDriver).toEqual(viaPrisma);
    expect(viaDriver).toMatchObject({
      sentAt,
      later: true,
      count: 7,
      channel: 'WIDGET',
      tags: ['a', 'b,c', 'd"e'],
      details: { fields: ['email'] },
      missing: null,
    });
    expect((viaDriver?.sentAt as Date).toISOString()).toBe('2026-03-29T01:30:00.123Z');
  });

  it('prepares a statement whose plan may be kept, once per connection, and answers it the same', async () => {
    const query = (value: number) => Prisma.sql`SELECT ${value}::int + 1 AS next, 'kept' AS plan`;
    const client = sqlClientOf(database.prisma);
    for (const value of [1, 2, 3, 4, 5, 6, 7]) {
      expect(await client.query(query(value), { reusePlan: true })).toEqual([
        { next: value + 1, plan: 'kept' },
      ]);
    }
    const prepared = await client.query<{ count: number }>(
      Prisma.sql`SELECT count(*)::int AS count FROM pg_prepared_statements
        WHERE name LIKE 'confide\_%' AND statement LIKE '%AS next, ''kept'' AS plan%'`,
    );
    // PGlite plans every statement; PostgreSQL has it prepared on the connections that ran it.
    if (kind === 'pglite') expect(prepared).toEqual([{ count: 0 }]);
    else expect(prepared[0]?.count).toBeGreaterThan(0);
  });

  it('writes parameters as given and reports the rows it changed', async () => {
    const site = await database.prisma.site.create({
      data: {
        name: 'SQL client',
        domain: `sql-${kind}.example`,
        widgetKeyHash: `sql-client-${kind}`,
        widgetKeyPrefix: 'sql-clie',
        erasureReplyTemplate: 'Deleted.',
      },
    });
    const at = new Date('2026-11-22T08:00:00.000Z');
    const changed = await sqlClientOf(database.prisma).execute(
      Prisma.sql`UPDATE "Site" SET "updatedAt" = ${at}::timestamp(3) WHERE id = ${site.id}::uuid`,
    );
    expect(changed).toBe(1);
    const stored = await database.prisma.site.findUniqueOrThrow({ where: { id: site.id } });
    expect(stored.updatedAt.toISOString()).toBe(at.toISOString());
  });

  it('raises constraint violations with their SQLSTATE', async () => {
    const insert = Prisma.sql`INSERT INTO "Site" (id, name, domain, "widgetKeyHash", "widgetKeyPrefix",
        "erasureReplyTemplate", "updatedAt")
      VALUES ('00000000-0000-7000-8000-000000000001', 'Twice', 'twice.example', 'twice', 'twice', 'Deleted.', now())`;
    await sqlClientOf(database.prisma).execute(insert);
    await expect(sqlClientOf(database.prisma).execute(insert)).rejects.toMatchObject({ code: '23505' });
  });
});

describe('reading a timestamp column as UTC', () => {
  it.each([
    ['2026-03-29 01:30:00', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29 01:30:00.1', '2026-03-29T01:30:00.100Z'],
    ['2026-03-29 01:30:00.12', '2026-03-29T01:30:00.120Z'],
    ['2026-12-31 23:59:59.999', '2026-12-31T23:59:59.999Z'],
    ['2024-02-29 12:00:00.123456', '2024-02-29T12:00:00.123Z'],
    ['1000-01-01 00:00:00', '1000-01-01T00:00:00.000Z'],
    ['0099-06-15 08:00:00', '0099-06-15T08:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseUtcTimestamp(text).toISOString()).toBe(iso);
  });

  it('hands what is not the usual form to Date, as before', () => {
    expect(parseUtcTimestamp('infinity').getTime()).toBeNaN();
    expect(parseUtcTimestamp('0044-03-15 12:00:00 BC').getTime()).toBeNaN();
    expect(parseUtcTimestamp('12026-01-01 00:00:00').getTime()).toBeNaN();
  });
});
