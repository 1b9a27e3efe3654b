import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase, migrationsDirectory, type Database } from './database.ts';
import { createPGliteAdapterFactory } from './engine/adapters.ts';
import { diffSchemaToMigrationSql } from './engine/schema-engine.ts';
import { createTestDatabase, databaseKinds } from './testing/test-database.ts';

const schemaPath = path.resolve(migrationsDirectory, '../schema.prisma');

describe('schema.prisma and prisma/migrations', () => {
  it('agree: diffing the migrations against the schema yields no SQL', async () => {
    const adapter = await createPGliteAdapterFactory();
    try {
      const sql = await diffSchemaToMigrationSql(adapter.adapterFactory, {
        from: { migrationsDirectory },
        toSchemaFiles: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }],
      });
      expect(sql).toBe('');
    } finally {
      await adapter.close();
    }
  });
});

describe.each(databaseKinds)('migrations applied from empty on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
  });
  afterAll(() => database?.close());

  it('records every migration and applies nothing the second time', async () => {
    const recorded = await database.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((row) => row.finished_at !== null)).toBe(true);
    expect(await migrateDatabase(database)).toEqual([]);
  });

  it('creates every model table and the pg_trgm extension', async () => {
    const tables = await database.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    const names = tables.map((row) => row.table_name);
    for (const model of [
      'Site',
      'Conversation',
      'Message',
      'Lead',
      'Consent',
      'PrivacyRequest',
      'AuditEvent',
      'Job',
    ]) {
      expect(names).toContain(model);
    }
    const extensions = await database.prisma.$queryRaw<
      { extname: string }[]
    >`SELECT extname FROM pg_extension`;
    expect(extensions.map((row) => row.extname)).toContain('pg_trgm');
  });

  it('keeps the message search vector in step with the text and finds words through the GIN index', async () => {
    const { prisma } = database;
    const site = await prisma.site.create({
      data: {
        name: 'Test',
        domain: `${kind}.example`,
        widgetKeyHash: kind,
        widgetKeyPrefix: 'k',
        erasureReplyTemplate: '',
      },
    });
    const conversation = await prisma.conversation.create({
      data: {
        siteId: site.id,
        externalId: crypto.randomUUID(),
        channel: 'WIDGET',
        startedAt: new Date(),
        lastMessageAt: new Date(),
        expiresAt: new Date(),
      },
    });
    const message = await prisma.message.create({
      data: {
        conversationId: conversation.id,
        externalId: crypto.randomUUID(),
        role: 'VISITOR',
        text: 'Скільки коштує тариф? Write to Ivan.Petrenko@Example.com',
        sentAt: new Date(),
      },
    });
    const search = (query: string) =>
      prisma.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM "Message" WHERE "searchVector" @@ websearch_to_tsquery('simple', ${query})`;
    expect(await search('тариф')).toEqual([{ id: message.id }]);
    expect(await search('ivan.petrenko@example.com')).toEqual([{ id: message.id }]);

    await prisma.message.update({ where: { id: message.id }, data: { text: 'redacted' } });
    expect(await search('тариф')).toEqual([]);
  });

  it('refuses to delete or rewrite audit events, but allows redacting their details', async () => {
    const { prisma } = database;
    const event = await prisma.auditEvent.create({
      data: {
        actorType: 'SYSTEM',
        action: 'test.event',
        details: { email: 'subject@example.com' },
        detailsHash: 'd',
        prevHash: '0',
        hash: `h-${kind}`,
      },
    });
    await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(
      prisma.auditEvent.update({ where: { id: event.id }, data: { action: 'forged' } }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);

    const redacted = await prisma.auditEvent.update({
      where: { id: event.id },
      data: { details: { redacted: true }, redactedAt: new Date() },
    });
    expect(redacted).toMatchObject({ action: 'test.event', hash: `h-${kind}`, details: { redacted: true } });
  });
});
