import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../database.ts';
import { BENCH_SUBJECT_EMAIL, seedScale, type ScaleSummary } from './scale.ts';

const now = new Date('2026-05-15T09:30:00.000Z');
const options = { now, conversations: 400, leads: 120, log: () => {} };
const loadedTables = ['Conversation', 'Message', 'DetectedContact', 'Lead', 'Consent'];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, migrated database on the run's throwaway cluster; seedScale takes a URL, not a client. */
async function migratedDatabase(name: string): Promise<string> {
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDirectory: 'memory://' });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A fingerprint of every row the scale seed writes (the demo rows included). */
async function fingerprint(url: string): Promise<string[]> {
  const rows = [];
  for (const table of loadedTables) {
    const [row] = await query<{ hash: string }>(
      url,
      `SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS hash FROM "${table}" t`,
    );
    rows.push(`${table} ${row?.hash}`);
  }
  return rows;
}

describe('seedScale', () => {
  const names: [string, string] = [
    `scale_${randomUUID().replaceAll('-', '')}`,
    `scale_${randomUUID().replaceAll('-', '')}`,
  ];
  let first: string;
  let second: string;
  let summary: ScaleSummary;

  beforeAll(async () => {
    [first, second] = await Promise.all([migratedDatabase(names[0]), migratedDatabase(names[1])]);
    // Both databases are empty, so the demo set goes in first.
    summary = await seedScale({ ...options, databaseUrl: first });
    await seedScale({ ...options, databaseUrl: second });
  });

  afterAll(async () => {
    for (const name of names) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('loads the requested volume on top of the demo set', async () => {
    expect(summary.conversations).toBe(400);
    expect(summary.leads).toBe(120);
    expect(summary.messages / summary.conversations).toBeGreaterThan(8);
    expect(summary.messages / summary.conversations).toBeLessThan(12);
    const [counts] = await query<{ conversations: number; messages: number; leads: number }>(
      first,
      `SELECT (SELECT count(*)::int FROM "Conversation") AS conversations,
              (SELECT count(*)::int FROM "Message") AS messages,
              (SELECT count(*)::int FROM "Lead") AS leads`,
    );
    expect(counts?.conversations).toBeGreaterThan(400);
    expect(counts?.messages).toBeGreaterThan(summary.messages);
    expect(counts?.leads).toBeGreaterThan(120);
  });

  it('is deterministic', async () => {
    expect(await fingerprint(first)).toEqual(await fingerprint(second));
  });

  it('keeps message counts and expiry consistent', async () => {
    const [row] = await query<{ wrong: number }>(
      first,
      `SELECT count(*)::int AS wrong FROM "Conversation" c JOIN "Site" s ON s.id = c."siteId"
       WHERE c."expiresAt" <> c."lastMessageAt" + make_interval(days => s."conversationRetentionDays")
          OR c."messageCount" <> (SELECT count(*) FROM "Message" m WHERE m."conversationId" = c.id)
          OR c."expiresAt" <= '${now.toISOString()}'`,
    );
    expect(row?.wrong).toBe(0);
  });

  it('puts the benchmark subject into 50 conversations, half of them as a lead', async () => {
    const [row] = await query<{ conversations: number; leads: number; texts: number }>(
      first,
      `SELECT
         (SELECT count(DISTINCT "conversationId")::int FROM (
            SELECT "conversationId" FROM "DetectedContact" WHERE kind = 'EMAIL' AND value = '${BENCH_SUBJECT_EMAIL}'
            UNION ALL SELECT "conversationId" FROM "Lead" WHERE "emailNormalized" = '${BENCH_SUBJECT_EMAIL}') linked) AS conversations,
         (SELECT count(*)::int FROM "Lead" WHERE "emailNormalized" = '${BENCH_SUBJECT_EMAIL}') AS leads,
         (SELECT count(DISTINCT "conversationId")::int FROM "Message" WHERE lower(text) LIKE '%${BENCH_SUBJECT_EMAIL}%') AS texts`,
    );
    expect(row).toEqual({ conversations: 50, leads: 25, texts: 50 });
    expect(summary.benchConversations).toBe(50);
  });

  it('refuses to load the set twice', async () => {
    await expect(seedScale({ ...options, databaseUrl: first })).rejects.toThrow(/already loaded/);
  });
});
