import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPostgresBinDir, startThrowawayPostgres } from '../testing/postgres-cluster.ts';
import type { ThrowawayPostgres } from '../testing/postgres-cluster.ts';
import { createAdapterFactory, createPGliteAdapterFactory } from './adapters.ts';
import type { DatabaseAdapter } from './adapters.ts';
import { applyMigrations, diffSchemaToMigrationSql, writeMigration } from './schema-engine.ts';
import type { SchemaFile } from './schema-engine.ts';

const header = `generator client {
  provider        = "prisma-client"
  output          = "./generated"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgresql"
  extensions = [pg_trgm]
}
`;

// The trigram index needs pg_trgm in the database and in the shadow database.
const userModel = `
model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  name  String

  @@index([name(ops: raw("gin_trgm_ops"))], type: Gin)
}
`;

const postModel = `
model Post {
  id    Int    @id @default(autoincrement())
  title String
}
`;

let workDir: string;
let migrationsDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'confide-schema-engine-'));
  migrationsDir = path.join(workDir, 'migrations');
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Writes the temporary schema to disk and reads it back, as a CLI would. */
async function schemaFiles(...models: string[]): Promise<SchemaFile[]> {
  const schemaPath = path.join(workDir, 'schema.prisma');
  await writeFile(schemaPath, header + models.join(''));
  return [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];
}

async function createMigration(adapter: DatabaseAdapter, name: string, ...models: string[]): Promise<string> {
  const sql = await diffSchemaToMigrationSql(adapter.adapterFactory, {
    from: { migrationsDirectory: migrationsDir },
    toSchemaFiles: await schemaFiles(...models),
  });
  return writeMigration(migrationsDir, name, sql);
}

async function query(adapter: DatabaseAdapter, sql: string): Promise<unknown[][]> {
  const connection = await adapter.adapterFactory.connect();
  try {
    return (await connection.queryRaw({ sql, args: [], argTypes: [] })).rows;
  } finally {
    await connection.dispose();
  }
}

const tableExists = async (adapter: DatabaseAdapter, table: string) =>
  (await query(adapter, `SELECT to_regclass('"${table}"') IS NOT NULL`))[0]?.[0];

describe('diffSchemaToMigrationSql', () => {
  let db: DatabaseAdapter;
  beforeAll(async () => {
    db = await createPGliteAdapterFactory();
  });
  afterAll(() => db.close());

  it('creates the first migration from a missing migrations directory', async () => {
    const sql = await diffSchemaToMigrationSql(db.adapterFactory, {
      from: { migrationsDirectory: migrationsDir },
      toSchemaFiles: await schemaFiles(userModel),
    });
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS "pg_trgm"');
    expect(sql).toContain('CREATE TABLE "User"');
    expect(sql).toContain('USING GIN ("name" gin_trgm_ops)');
    // The shadow database already has the public schema, as under `prisma migrate dev`.
    expect(sql).not.toContain('CREATE SCHEMA');
  });

  it('diffs from empty, schema included', async () => {
    const sql = await diffSchemaToMigrationSql(db.adapterFactory, {
      from: 'empty',
      toSchemaFiles: await schemaFiles(userModel),
    });
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "public"');
    expect(sql).toContain('CREATE TABLE "User"');
  });

  it('diffs from existing migrations to only what the schema adds', async () => {
    await createMigration(db, 'init', userModel);

    const unchanged = await diffSchemaToMigrationSql(db.adapterFactory, {
      from: { migrationsDirectory: migrationsDir },
      toSchemaFiles: await schemaFiles(userModel),
    });
    expect(unchanged).toBe('');

    const sql = await diffSchemaToMigrationSql(db.adapterFactory, {
      from: { migrationsDirectory: migrationsDir },
      toSchemaFiles: await schemaFiles(userModel, postModel),
    });
    expect(sql.match(/CREATE TABLE "(\w+)"/g)).toEqual(['CREATE TABLE "Post"']);
    expect(sql).not.toMatch(/User|EXTENSION|INDEX/);
  });
});

let postgres: ThrowawayPostgres | undefined;
let databaseCount = 0;

const targets = [
  { name: 'PGlite in memory', available: true, open: () => createPGliteAdapterFactory() },
  {
    name: 'PostgreSQL server',
    available: findPostgresBinDir() !== undefined,
    async open() {
      postgres ??= await startThrowawayPostgres();
      return createAdapterFactory(await postgres.createDatabase(`test_${++databaseCount}`), '');
    },
  },
];

afterAll(async () => {
  await postgres?.stop();
});

describe.each(targets)('applyMigrations on $name', ({ available, open }) => {
  let db: DatabaseAdapter;
  beforeEach(async ({ skip }) => {
    if (!available) skip('PostgreSQL server binaries not found');
    db = await open();
  });
  afterEach(() => db?.close());

  it('applies pending migrations once and records them as prisma migrate deploy does', async () => {
    const init = await createMigration(db, 'init', userModel);

    expect(await applyMigrations(db.adapterFactory, migrationsDir)).toEqual([init]);
    expect(await tableExists(db, 'User')).toBe(true);
    const script = await readFile(path.join(migrationsDir, init, 'migration.sql'), 'utf8');
    expect(
      await query(
        db,
        `SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NULL, applied_steps_count
         FROM _prisma_migrations`,
      ),
    ).toEqual([[init, createHash('sha256').update(script).digest('hex'), true, true, 1]]);

    expect(await applyMigrations(db.adapterFactory, migrationsDir)).toEqual([]);

    const addPost = await createMigration(db, 'add post', userModel, postModel);
    expect(addPost).toMatch(/^\d{14}_add_post$/);
    expect(await applyMigrations(db.adapterFactory, migrationsDir)).toEqual([addPost]);
    expect(await tableExists(db, 'Post')).toBe(true);
  });

  it('runs a migration script whole, so semicolons inside a function body survive', async () => {
    await createMigration(db, 'init', userModel);
    await writeMigration(
      migrationsDir,
      'default name',
      `CREATE FUNCTION default_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name := coalesce(NEW.name, 'a; b');
  RETURN NEW;
END;
$$;
CREATE TRIGGER default_name BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION default_name();
`,
    );
    await applyMigrations(db.adapterFactory, migrationsDir);
    await query(db, `INSERT INTO "User" (email) VALUES ('x@example.com')`);
    expect(await query(db, 'SELECT name FROM "User"')).toEqual([['a; b']]);
  });

  it('rolls a failing migration back, records it as failed and then refuses to go on', async () => {
    const broken = await writeMigration(
      migrationsDir,
      'broken',
      'CREATE TABLE "A" (id int);\nSELECT * FROM missing;\n',
    );

    await expect(applyMigrations(db.adapterFactory, migrationsDir)).rejects.toThrow(/missing/);
    expect(await tableExists(db, 'A')).toBe(false);
    expect(
      await query(db, 'SELECT migration_name, finished_at IS NULL, logs IS NOT NULL FROM _prisma_migrations'),
    ).toEqual([[broken, true, true]]);
    await expect(applyMigrations(db.adapterFactory, migrationsDir)).rejects.toThrow(/failed migrations/);
  });
});

describe('createAdapterFactory', () => {
  it('keeps PGlite data in the directory across reopenings', async () => {
    const dataDir = path.join(workDir, 'data', 'pglite');
    const first = await createAdapterFactory(undefined, dataDir);
    const init = await createMigration(first, 'init', userModel);
    expect(await applyMigrations(first.adapterFactory, migrationsDir)).toEqual([init]);
    await first.close();

    const second = await createAdapterFactory(undefined, dataDir);
    try {
      expect(await applyMigrations(second.adapterFactory, migrationsDir)).toEqual([]);
      expect(await tableExists(second, 'User')).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('rejects a URL that is not PostgreSQL instead of falling back to PGlite', async () => {
    await expect(createAdapterFactory('mysql://localhost/app', workDir)).rejects.toThrow(/postgres/);
  });
});
