// `npm run db:migration -- --name <name>`: writes a new migration from the changes to schema.prisma,
// diffing against the existing migrations replayed on an in-memory shadow database (no server needed).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrationsDirectory } from '../database.ts';
import { createPGliteAdapterFactory } from '../engine/adapters.ts';
import { diffSchemaToMigrationSql, writeMigration } from '../engine/schema-engine.ts';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
if (!values.name) {
  console.error('Usage: npm run db:migration -- --name <what_changed>');
  process.exit(2);
}

const schemaPath = path.resolve(migrationsDirectory, '../schema.prisma');
const adapter = await createPGliteAdapterFactory();
try {
  const sql = await diffSchemaToMigrationSql(adapter.adapterFactory, {
    from: { migrationsDirectory },
    toSchemaFiles: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }],
  });
  if (sql === '') {
    console.log('schema.prisma and the migrations agree: no migration written.');
  } else {
    const name = await writeMigration(migrationsDirectory, values.name, sql);
    console.log(`Wrote prisma/migrations/${name}/migration.sql — review it, then run npm run db:migrate.`);
  }
} finally {
  await adapter.close();
}
