import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the throwaway PostgreSQL cluster shared by one test run. */
    postgresUrl: string;
  }
}

/** The two databases every integration test runs against. */
export const databaseKinds = ['pglite', 'postgresql'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the
 * throwaway cluster (`postgresUrl` from the global setup), dropped again by `close()`.
 */
export async function createTestDatabase(kind: DatabaseKind, postgresUrl: string): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({ databaseUrl: undefined, dataDirectory: 'memory://' });
    await migrateDatabase(database);
    return database;
  }
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  await runAdmin(postgresUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    databaseUrl: url.toString(),
    dataDirectory: 'memory://',
    poolMax: 4,
  });
  await migrateDatabase(database);
  let closing: Promise<void> | undefined;
  return {
    ...database,
    close() {
      closing ??= database
        .close()
        .then(() => runAdmin(postgresUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return closing;
    },
  };
}

async function runAdmin(postgresUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
