import { mkdir } from 'node:fs/promises';
import { PGlite, messages } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { pgliteSqlClient, type SqlClient } from '../sql-client.ts';

export type DatabaseAdapter = {
  /** For `new PrismaClient({ adapter })` and for the schema-engine functions. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Queries on the embedded database's own connection, without Prisma (PGlite only; see sql-client.ts). */
  sqlClient?: SqlClient;
  /** Releases what the factory itself holds (the PGlite instance). Adapters it handed out are disposed by their users. */
  close(): Promise<void>;
};

const postgresUrl = /^postgres(ql)?:\/\//;

/**
 * PostgreSQL when `databaseUrl` is a postgres:// or postgresql:// URL, else embedded PGlite persisted in `dataDir`.
 * Any other non-empty URL is a configuration mistake and throws rather than silently falling back to PGlite.
 */
export async function createAdapterFactory(
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<DatabaseAdapter> {
  if (!databaseUrl) return createPGliteAdapterFactory(dataDir);
  if (!postgresUrl.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for PGlite)');
  }
  return { adapterFactory: new PostgresAdapterFactory(databaseUrl), close: async () => {} };
}

/** PGlite with `pg_trgm` loaded; in memory when `dataDir` is undefined or `memory://…`. */
export async function createPGliteAdapterFactory(dataDir?: string): Promise<DatabaseAdapter> {
  if (dataDir && !dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const db = await openPGlite(dataDir);
  return {
    adapterFactory: new PGliteAdapterFactory(db),
    sqlClient: pgliteSqlClient(db),
    close: () => db.close(),
  };
}

// Migrations run `CREATE EXTENSION pg_trgm`, so every PGlite instance (shadow ones too) must bundle it.
function openPGlite(dataDir?: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}

/**
 * Shadow database for diffing from migrations, for both kinds of database: a fresh in-memory PGlite,
 * closed on dispose. Offline, needs no CREATEDB privilege, and avoids two @prisma/adapter-pg 7.10
 * flaws: the schema engine cannot read a PostgreSQL schema through it (it rejects the `"char"`
 * columns of pg_catalog, e.g. pg_constraint.contype), and its own shadow database is created but
 * then connected with the main database's URL, so migrations would be replayed onto the main database.
 */
async function connectPGliteShadow(): Promise<SqlDriverAdapter> {
  const shadow = await openPGlite();
  const adapter = withPGliteScripts(await new PrismaPGlite(shadow).connect(), shadow);
  return Object.assign(adapter, { dispose: () => shadow.close() });
}

/**
 * pglite-prisma-adapter 0.7.2's `executeScript` does not await `exec`: a failing migration becomes
 * an unhandled rejection and is recorded as applied. Its shadow database lacks `pg_trgm` and is never closed.
 */
class PGliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName: string;
  readonly #db: PGlite;
  readonly #inner: PrismaPGlite;

  constructor(db: PGlite) {
    this.#db = db;
    this.#inner = new PrismaPGlite(db);
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return withPGliteScripts(await this.#inner.connect(), this.#db);
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return connectPGliteShadow();
  }
}

function withPGliteScripts(adapter: SqlDriverAdapter, db: PGlite): SqlDriverAdapter {
  return Object.assign(adapter, {
    async executeScript(script: string) {
      try {
        await db.exec(script);
      } catch (error) {
        if (error instanceof messages.DatabaseError) {
          const { code = 'N/A', severity = 'ERROR', message, detail, column, hint } = error;
          throw new DriverAdapterError({ kind: 'postgres', code, severity, message, detail, column, hint });
        }
        throw error;
      }
    },
  });
}

/**
 * @prisma/adapter-pg 7.10's `executeScript` splits the script on every `;` (breaking `$$` function
 * bodies and string literals) and runs the pieces on arbitrary pool connections. We send the script
 * as one simple-protocol query instead, as the native schema engine does, so a migration is atomic
 * exactly as under `prisma migrate deploy`. Shadow databases are PGlite (see connectPGliteShadow).
 */
class PostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName: string;
  readonly #inner: PrismaPg;

  constructor(connectionString: string) {
    this.#inner = new PrismaPg({ connectionString });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    return Object.assign(adapter, {
      // No parameters, so node-postgres uses the simple query protocol, which accepts many statements.
      executeScript: async (script: string) =>
        void (await adapter.executeRaw({ sql: script, args: [], argTypes: [] })),
    });
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return connectPGliteShadow();
  }
}
