import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PrismaClient } from '@confide/db';
import type { Database } from '../shared/database.ts';
import { createCountingPrisma } from '../testing/query-counter.ts';
import { genesisHash } from './audit-chain.ts';
import {
  appendAuditEvents,
  redactAuditEvents,
  redactedDetails,
  verifyAuditChain,
  type AuditActor,
} from './audit-log.ts';

const staff: AuditActor = {
  type: 'STAFF',
  id: '0195f0a0-0000-7000-8000-000000000001',
  label: 'privacy@x.test',
};
const now = new Date('2025-03-01T10:00:00.000Z');

describe.each(databaseKinds)('the audit chain on %s', (kind) => {
  let database: Database;
  const chain = () => database.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
  /** Runs `change` with the append-only trigger off, as only someone with DDL rights could. */
  async function withTriggersDisabled(change: () => Promise<unknown>) {
    await database.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    try {
      await change();
    } finally {
      await database.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
  });
  afterAll(() => database?.close());

  it('verifies an empty trail', async () => {
    expect(await verifyAuditChain(database.prisma)).toEqual({
      valid: true,
      eventsChecked: 0,
      firstBrokenEventId: null,
      redactedEvents: 0,
    });
  });

  it('keeps one linear chain when many requests append at once', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, request) =>
        appendAuditEvents(
          database.prisma,
          staff,
          `request-${request}`,
          [0, 1, 2].map((entry) => ({
            action: 'lead.update',
            targetType: 'Lead',
            targetIds: [`lead-${request}-${entry}`],
            details: { fields: ['status'], entry },
          })),
          now,
        ),
      ),
    );
    const events = await chain();
    expect(events).toHaveLength(36);
    expect(events[0]?.prevHash).toBe(genesisHash);
    events.slice(1).forEach((event, index) => expect(event.prevHash).toBe(events[index]?.hash));
    // Each request's events are written together, in one statement.
    const requestOrder = events.map((event) => event.requestId);
    for (let index = 0; index < requestOrder.length; index += 3) {
      expect(new Set(requestOrder.slice(index, index + 3)).size).toBe(1);
    }
    expect(await verifyAuditChain(database.prisma, 5)).toEqual({
      valid: true,
      eventsChecked: 36,
      firstBrokenEventId: null,
      redactedEvents: 0,
    });
  });

  it('detects a changed action and names the event', async () => {
    const target = (await chain())[7]!;
    await withTriggersDisabled(() =>
      database.prisma.auditEvent.update({ where: { id: target.id }, data: { action: 'lead.read' } }),
    );
    expect(await verifyAuditChain(database.prisma)).toEqual({
      valid: false,
      eventsChecked: 7,
      firstBrokenEventId: target.id.toString(),
      redactedEvents: 0,
    });

    await withTriggersDisabled(() =>
      database.prisma.auditEvent.update({ where: { id: target.id }, data: { action: target.action } }),
    );
    expect((await verifyAuditChain(database.prisma)).valid).toBe(true);
  });

  it('detects changed details that were not redacted, and a removed event', async () => {
    const events = await chain();
    const changed = events[3]!;
    await withTriggersDisabled(() =>
      database.prisma.auditEvent.update({ where: { id: changed.id }, data: { details: { fields: [] } } }),
    );
    expect(await verifyAuditChain(database.prisma)).toMatchObject({
      valid: false,
      firstBrokenEventId: changed.id.toString(),
    });
    await withTriggersDisabled(() =>
      database.prisma.auditEvent.update({
        where: { id: changed.id },
        data: { details: changed.details ?? undefined },
      }),
    );

    const removed = events[20]!;
    const successor = events[21]!;
    await withTriggersDisabled(() => database.prisma.auditEvent.delete({ where: { id: removed.id } }));
    expect(await verifyAuditChain(database.prisma)).toMatchObject({
      valid: false,
      firstBrokenEventId: successor.id.toString(),
    });
    // Put it back (same id and content), so the following tests start from a valid chain.
    await withTriggersDisabled(() => database.prisma.auditEvent.create({ data: removed as never }));
    expect((await verifyAuditChain(database.prisma)).valid).toBe(true);
  });

  it('keeps the chain valid when an erasure redacts details', async () => {
    const redacted = await redactAuditEvents(database.prisma, ['lead-4-1', 'lead-9-2'], now);
    expect(redacted).toBe(2);
    const events = await database.prisma.auditEvent.findMany({
      where: { targetIds: { hasSome: ['lead-4-1', 'lead-9-2'] } },
    });
    for (const event of events) {
      expect(event.details).toEqual(redactedDetails);
      expect(event.redactedAt).toEqual(now);
    }
    expect(await verifyAuditChain(database.prisma)).toEqual({
      valid: true,
      eventsChecked: 36,
      firstBrokenEventId: null,
      redactedEvents: 2,
    });
  });

  it('refuses to delete, rewrite or truncate events (database trigger)', async () => {
    const [first] = await chain();
    const refused = /append-only/;
    await expect(database.prisma.auditEvent.delete({ where: { id: first!.id } })).rejects.toThrow(refused);
    await expect(database.prisma.auditEvent.deleteMany({})).rejects.toThrow(refused);
    await expect(
      database.prisma.auditEvent.update({ where: { id: first!.id }, data: { action: 'forged' } }),
    ).rejects.toThrow(refused);
    // A "redaction" that also changes anything else is a rewrite.
    await expect(
      database.prisma.auditEvent.update({
        where: { id: first!.id },
        data: { details: redactedDetails, redactedAt: now, actorLabel: 'someone else' },
      }),
    ).rejects.toThrow(refused);
    await expect(database.prisma.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(refused);
    expect(await database.prisma.auditEvent.count()).toBe(36);
    expect((await verifyAuditChain(database.prisma)).valid).toBe(true);
  });

  it('keeps one chain when several instances, each with its own idea of the head, append at once', async () => {
    // A second Prisma client stands for another API instance: its head hint starts stale.
    const other = createCountingPrisma(database);
    try {
      const append = (prisma: PrismaClient, request: string) =>
        appendAuditEvents(
          prisma,
          staff,
          request,
          [{ action: 'lead.update', targetType: 'Lead', targetIds: [request] }],
          now,
        );
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          Promise.all([append(database.prisma, `first-${index}`), append(other.prisma, `second-${index}`)]),
        ),
      );
      const events = await chain();
      expect(events).toHaveLength(36 + 16);
      events.slice(1).forEach((event, index) => expect(event.prevHash).toBe(events[index]?.hash));
      expect(await verifyAuditChain(database.prisma)).toMatchObject({ valid: true, eventsChecked: 52 });
      // The database itself refuses a second successor of an event.
      const { id: _id, ...fork } = events[10]!;
      await expect(
        database.prisma.auditEvent.create({ data: { ...fork, details: {}, hash: 'f'.repeat(64) } }),
      ).rejects.toThrow(/prevHash/);
    } finally {
      await other.disconnect();
    }
  });
});
