import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client/client.ts';
import { createAdapterFactory, type DatabaseAdapter } from './engine/adapters.ts';
import { applyMigrations } from './engine/schema-engine.ts';
import { poolSqlClient, registerSqlClient } from './sql-client.ts';

export const migrationsDirectory = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../migrations',
);

export interface DatabaseOptions {
  /** A postgres:// URL; unset selects the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Where PGlite keeps its files (in `<dataDirectory>/pglite`); `memory://` keeps them in memory. */
  dataDirectory: string;
  /** PostgreSQL pool size. */
  poolMax?: number;
}

/** An open database: a Prisma client bound to PostgreSQL or PGlite, and what migrations need. */
export interface Database {
  kind: 'postgresql' | 'pglite';
  prisma: PrismaClient;
  /** The migration-aware adapter factory the schema engine drives. */
  adapter: DatabaseAdapter;
  close(): Promise<void>;
}

export async function openDatabase({
  databaseUrl,
  dataDirectory,
  poolMax = 10,
}: DatabaseOptions): Promise<Database> {
  const pgliteDirectory = dataDirectory.startsWith('memory://')
    ? dataDirectory
    : path.join(dataDirectory, 'pglite');
  const adapter = await createAdapterFactory(databaseUrl, pgliteDirectory);
  // PostgreSQL queries go through their own pool, sized by configuration, which Prisma and the
  // driver-level SqlClient share; PGlite has one connection.
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: poolMax }) : undefined;
  // A pooled connection that dies while idle is dropped by the pool; the next query reports the outage.
  pool?.on('error', () => {});
  const prisma = new PrismaClient({ adapter: pool ? new PrismaPg(pool) : adapter.adapterFactory });
  const sqlClient = pool ? poolSqlClient(pool) : adapter.sqlClient;
  if (sqlClient) registerSqlClient(prisma, sqlClient);
  let closing: Promise<void> | undefined;
  return {
    kind: databaseUrl ? 'postgresql' : 'pglite',
    prisma,
    adapter,
    close() {
      // Idempotent: shutdown paths (signals, failed starts, tests) may each try to close.
      closing ??= prisma
        .$disconnect()
        .then(() => pool?.end())
        .then(() => adapter.close());
      return closing;
    },
  };
}

/** Applies pending migrations from `prisma/migrations`; returns the names applied now. */
export function migrateDatabase(database: Database): Promise<string[]> {
  return applyMigrations(database.adapter.adapterFactory, migrationsDirectory);
}
