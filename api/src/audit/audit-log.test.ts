import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Prisma, sqlClientOf, type PrismaClient } from '@confide/db';
import type { Database } from '../shared/database.ts';
import { createCountingPrisma } from '../testing/query-counter.ts';
import { genesisHash } from './audit-chain.ts';
import {
  appendAuditEvents,
  appendWithinStatement,
  countedEntry,
  redactAuditEvents,
  redactedDetails,
  verifyAuditChain,
  type AuditActor,
  type CountedAuditEntry,
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

  describe('appended within the statement that selects the targets', () => {
    // Quotes, backslashes, control and non-ASCII characters: JSON escaping in SQL must match JavaScript's.
    const token: AuditActor = { type: 'TOKEN', id: null, label: 'token "ci\\sync" ü ☃\n\t\u0001' };
    const entry: CountedAuditEntry = {
      action: 'conversation.search',
      targetType: 'Conversation',
      details: { searchLength: 12, window: { to: 'z"', from: ['ü', 1.5] } },
      countKey: 'resultCount',
    };
    const targetIds = [
      '0195f0a0-0000-7000-8000-00000000000c',
      '0195f0a0-0000-7000-8000-00000000000a',
      '0195f0a0-0000-7000-8000-00000000000b',
    ];
    /** Runs a statement that selects `ids` as targets and appends within it; the hash it returned. */
    async function selectAndAppend(prisma: PrismaClient, ids: string[]) {
      const append = appendWithinStatement(prisma, token, 'request-within', entry, now);
      if (!append) throw new Error('expected an append within the statement');
      const targets = Prisma.sql`SELECT id::uuid, position FROM unnest(${ids}::text[]) WITH ORDINALITY AS target(id, position)`;
      const [row] = await sqlClientOf(prisma).query<{ hash: string | null }>(
        Prisma.sql`WITH ${append.cte(targets)} SELECT (SELECT hash FROM appended_audit_event) AS hash`,
      );
      return { hash: row!.hash, written: append.settle(row!.hash) };
    }

    it('writes the event as appendAuditEvents would, and the chain verifies it', async () => {
      await appendAuditEvents(database.prisma, staff, 'request-before', [{ action: 'lead.update' }], now);
      const { hash, written } = await selectAndAppend(database.prisma, targetIds);
      expect(written).toBe(true);
      const events = await chain();
      expect(events.at(-1)).toMatchObject({
        hash,
        prevHash: events.at(-2)!.hash,
        actorType: 'TOKEN',
        actorId: null,
        actorLabel: token.label,
        action: 'conversation.search',
        targetType: 'Conversation',
        targetIds,
        requestId: 'request-within',
        occurredAt: now,
        details: { ...entry.details, resultCount: 3 },
      });
      // The next append follows on from it without reading the head again.
      await appendAuditEvents(database.prisma, staff, 'request-after', [{ action: 'lead.update' }], now);
      expect((await chain()).at(-1)!.prevHash).toBe(hash);
      expect(await verifyAuditChain(database.prisma)).toMatchObject({
        valid: true,
        eventsChecked: events.length + 1,
      });
    });

    it('counts no targets as zero', async () => {
      const { written } = await selectAndAppend(database.prisma, []);
      expect(written).toBe(true);
      expect((await chain()).at(-1)).toMatchObject({ targetIds: [], details: { resultCount: 0 } });
      expect((await verifyAuditChain(database.prisma)).valid).toBe(true);
    });

    it('writes nothing, without failing the statement, when another instance moved the chain on', async () => {
      const other = createCountingPrisma(database);
      try {
        const append = appendWithinStatement(database.prisma, token, 'request-late', entry, now)!;
        await appendAuditEvents(other.prisma, staff, 'request-other', [{ action: 'lead.update' }], now);
        const [row] = await sqlClientOf(database.prisma).query<{ hash: string | null }>(
          Prisma.sql`WITH ${append.cte(Prisma.sql`SELECT NULL::uuid AS id, 1 AS position WHERE false`)}
            SELECT (SELECT hash FROM appended_audit_event) AS hash`,
        );
        expect(row!.hash).toBeNull();
        expect(append.settle(row!.hash)).toBe(false);
        expect(await database.prisma.auditEvent.count({ where: { requestId: 'request-late' } })).toBe(0);
        // The head is read again for the next append, which goes on from the other instance's event.
        await appendAuditEvents(database.prisma, staff, 'request-next', [{ action: 'lead.update' }], now);
        expect((await verifyAuditChain(database.prisma)).valid).toBe(true);
      } finally {
        await other.disconnect();
      }
    });

    it("is not offered while the head is unknown or the process's own append is under way", async () => {
      const other = createCountingPrisma(database);
      try {
        expect(appendWithinStatement(other.prisma, token, 'request', entry, now)).toBeUndefined();
        const under = appendAuditEvents(
          database.prisma,
          staff,
          'request-busy',
          [{ action: 'lead.update' }],
          now,
        );
        expect(appendWithinStatement(database.prisma, token, 'request', entry, now)).toBeUndefined();
        await under;
        expect(appendWithinStatement(database.prisma, token, 'request', entry, now)).toBeDefined();
      } finally {
        await other.disconnect();
      }
    });

    it('writes every event once, in one chain, when statements and usual appends race for the same head', async () => {
      const before = await database.prisma.auditEvent.count();
      // All five statements start from the same head; the usual appends queued meanwhile want it too.
      const statements = Array.from({ length: 5 }, (_, index) => {
        const requestId = `race-statement-${index}`;
        const append = appendWithinStatement(database.prisma, token, requestId, entry, now)!;
        return (async () => {
          const [row] = await sqlClientOf(database.prisma).query<{ hash: string | null }>(
            Prisma.sql`WITH ${append.cte(Prisma.sql`SELECT ${targetIds[0]}::uuid AS id, 1 AS position`)}
              SELECT (SELECT hash FROM appended_audit_event) AS hash`,
          );
          // What the statement did not write goes the usual way, as AuditRecorder.recordWithin does.
          if (!append.settle(row!.hash)) {
            await appendAuditEvents(
              database.prisma,
              token,
              requestId,
              [countedEntry(entry, [targetIds[0]!])],
              now,
            );
          }
        })();
      });
      const usual = Array.from({ length: 5 }, (_, index) =>
        appendAuditEvents(database.prisma, staff, `race-usual-${index}`, [{ action: 'lead.update' }], now),
      );
      await Promise.all([...statements, ...usual]);
      const raced = await database.prisma.auditEvent.findMany({
        where: { requestId: { startsWith: 'race-' } },
        select: { requestId: true },
      });
      expect(raced.map((event) => event.requestId).sort()).toEqual(
        [0, 1, 2, 3, 4].flatMap((index) => [`race-statement-${index}`, `race-usual-${index}`]).sort(),
      );
      expect(await database.prisma.auditEvent.count()).toBe(before + 10);
      expect((await verifyAuditChain(database.prisma)).valid).toBe(true);
    });
  });
});
