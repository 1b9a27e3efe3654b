import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../shared/database.ts';
import { storedWidgetMessage } from '../testing/stored-widget-message.ts';
import {
  MessageNotStoredError,
  maxMessagesPerBatch,
  storeWidgetMessages,
  WidgetMessageWriter,
  type StoredWidgetMessage,
} from './store-widget-message.ts';

const now = new Date('2026-06-01T12:00:00.000Z');

describe.each(databaseKinds)('widget message batches on %s', (kind) => {
  let database: Database;
  let siteId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    const site = await database.prisma.site.create({
      data: {
        name: 'Batch',
        domain: 'batch.example',
        widgetKeyHash: 'batch-key-hash',
        widgetKeyPrefix: 'batch-ke',
        allowedOrigins: ['https://batch.example'],
        erasureReplyTemplate: 'Deleted.',
      },
    });
    siteId = site.id;
  });

  afterAll(async () => {
    await database?.close();
  });

  /** A message of a new conversation, with a lead, a detected contact, a consent and one bucket. */
  function message(bucketKey: string, overrides: Partial<StoredWidgetMessage> = {}): StoredWidgetMessage {
    return storedWidgetMessage(siteId, now, {
      rateLimits: [{ key: bucketKey, windowStart: now, limit: 100 }],
      ...overrides,
    });
  }

  /** Everything stored for a conversation, by its client id. */
  async function storedFor(conversationId: string) {
    const conversation = await database.prisma.conversation.findFirst({
      where: { externalId: conversationId },
      include: { messages: true, lead: { include: { consents: true } }, detectedContacts: true },
    });
    if (!conversation) return null;
    return {
      messageCount: conversation.messageCount,
      messages: conversation.messages.map((row) => row.externalId),
      lead: conversation.lead?.emailNormalized ?? null,
      consents: conversation.lead?.consents.length ?? 0,
      detectedContacts: conversation.detectedContacts.map((row) => row.value),
    };
  }

  const bucketCount = async (key: string) =>
    (await database.prisma.rateLimitBucket.findFirst({ where: { key } }))?.count ?? 0;

  it('undoes only the failing message of a batch and keeps the others whole', async () => {
    const bucket = `isolation:${randomUUID()}`;
    const first = message(bucket);
    // Not a UUID: the conversation insert fails inside the database, after the pre-checks.
    const failing = message(bucket, { conversationId: 'not-a-uuid' });
    const last = message(bucket);
    const outcomes = await storeWidgetMessages(database.prisma, [first, failing, last]);
    expect(outcomes).toEqual([
      { outcome: 'stored' },
      { outcome: 'failed', code: '22P02' },
      { outcome: 'stored' },
    ]);
    for (const kept of [first, last]) {
      expect(await storedFor(kept.conversationId)).toEqual({
        messageCount: 1,
        messages: [kept.messageId],
        lead: kept.lead?.emailNormalized,
        consents: 1,
        detectedContacts: [kept.lead?.emailNormalized],
      });
    }
    expect(await database.prisma.message.count({ where: { externalId: failing.messageId } })).toBe(0);
    expect(await database.prisma.lead.count({ where: { email: failing.lead?.email ?? '' } })).toBe(0);
    expect(await bucketCount(bucket)).toBe(2);
  });

  it('counts a message repeated within one batch once, and answers the repeat as a duplicate', async () => {
    const bucket = `repeat:${randomUUID()}`;
    const original = message(bucket);
    const next = message(bucket, { conversationId: original.conversationId, lead: null, consents: [] });
    const outcomes = await storeWidgetMessages(database.prisma, [original, { ...original }, next]);
    expect(outcomes).toEqual([{ outcome: 'stored' }, { outcome: 'duplicate' }, { outcome: 'stored' }]);
    const stored = await storedFor(original.conversationId);
    expect(stored?.messageCount).toBe(2);
    expect(stored?.messages.sort()).toEqual([original.messageId, next.messageId].sort());
    expect(await bucketCount(bucket)).toBe(2);
  });

  it('stores a batch written together exactly as it stores one written message by message', async () => {
    // A batch goes message by message when one of its messages fails in the database: so the same
    // batch with and without such a message takes both paths.
    for (const withFailingMessage of [false, true]) {
      const bucket = `paths:${randomUUID()}`;
      const existing = message(bucket, { lead: null, consents: [], detectedContacts: [] });
      await storeWidgetMessages(database.prisma, [existing]);
      const later = (seconds: number, lead: StoredWidgetMessage['lead']) => {
        const at = new Date(now.getTime() + seconds * 1000);
        return message(bucket, {
          conversationId: existing.conversationId,
          receivedAt: at,
          expiresAt: at,
          lead,
          consents: [],
          detectedContacts: [],
        });
      };
      const email = `${randomUUID()}@example.com`;
      const fresh = message(bucket);
      const batch = [
        later(2, { name: 'Ada', jobTitle: null, email, emailNormalized: email, phone: null, company: null }),
        later(1, {
          name: 'Ada Lovelace',
          jobTitle: 'CTO',
          email: null,
          emailNormalized: null,
          phone: '+442079460958',
          company: 'Acme',
        }),
        fresh,
        ...(withFailingMessage ? [message(bucket, { conversationId: 'not-a-uuid' })] : []),
      ];
      const outcomes = await storeWidgetMessages(database.prisma, batch);
      expect(outcomes.slice(0, 3)).toEqual([
        { outcome: 'stored' },
        { outcome: 'stored' },
        { outcome: 'stored' },
      ]);
      const conversation = await database.prisma.conversation.findFirstOrThrow({
        where: { externalId: existing.conversationId },
        include: { lead: { include: { consents: true } } },
      });
      expect(conversation).toMatchObject({
        messageCount: 3,
        lastMessageAt: new Date(now.getTime() + 2000),
        expiresAt: new Date(now.getTime() + 2000),
        // Field by field, the last value given wins; a field left out keeps the earlier one.
        lead: {
          name: 'Ada Lovelace',
          jobTitle: 'CTO',
          email,
          phone: '+442079460958',
          company: 'Acme',
          consents: [],
        },
      });
      expect(await storedFor(fresh.conversationId)).toEqual({
        messageCount: 1,
        messages: [fresh.messageId],
        lead: fresh.lead?.emailNormalized,
        consents: 1,
        detectedContacts: [fresh.lead?.emailNormalized],
      });
      expect(await bucketCount(bucket)).toBe(4);
    }
  });

  it('keeps a rate limit exact inside one batch, refusing the later messages of a conversation', async () => {
    const bucket = `limit:${randomUUID()}`;
    const conversationId = randomUUID();
    const limited = (index: number) =>
      message(bucket, {
        conversationId,
        rateLimits: [{ key: bucket, windowStart: now, limit: 2 }],
        text: `m${index}`,
      });
    const batch = [limited(1), limited(2), limited(3), limited(4)];
    const outcomes = await storeWidgetMessages(database.prisma, batch);
    expect(outcomes).toEqual([
      { outcome: 'stored' },
      { outcome: 'stored' },
      { outcome: 'rate_limited', key: bucket },
      { outcome: 'rate_limited', key: bucket },
    ]);
    expect(await bucketCount(bucket)).toBe(2);
    const stored = await storedFor(conversationId);
    expect(stored?.messageCount).toBe(2);
    expect(stored?.messages.sort()).toEqual([batch[0]?.messageId, batch[1]?.messageId].sort());
  });

  it('runs batches side by side on shared conversations and buckets without deadlock or excess', async () => {
    const siteBucket = `shared:${randomUUID()}`;
    const limit = 40;
    const conversations = Array.from({ length: 6 }, () => randomUUID());
    // Every batch writes to every conversation, each batch in another order, and counts in the
    // shared bucket plus one per conversation: opposite lock orders if rows were locked as they come.
    const batches = Array.from({ length: 8 }, (_, batchIndex) =>
      conversations
        .map(
          (conversationId, index) =>
            conversations[(index * (batchIndex + 1) + batchIndex) % 6] ?? conversationId,
        )
        .map((conversationId) =>
          message(siteBucket, {
            conversationId,
            lead: null,
            consents: [],
            rateLimits: [
              { key: `ip:${conversationId}`, windowStart: now, limit: 100 },
              { key: siteBucket, windowStart: now, limit },
            ],
          }),
        ),
    );
    const outcomes = (
      await Promise.all(batches.map((batch) => storeWidgetMessages(database.prisma, batch)))
    ).flat();
    const sent = batches.flat();

    expect(
      outcomes.filter((outcome) => outcome.outcome !== 'stored' && outcome.outcome !== 'rate_limited'),
    ).toEqual([]);
    const storedIds = sent
      .filter((_, index) => outcomes[index]?.outcome === 'stored')
      .map((sent) => sent.messageId);
    expect(storedIds).toHaveLength(limit);
    expect(await bucketCount(siteBucket)).toBe(limit);
    const rows = await database.prisma.message.findMany({
      where: { externalId: { in: sent.map((one) => one.messageId) } },
      select: { externalId: true },
    });
    expect(rows.map((row) => row.externalId).sort()).toEqual(storedIds.sort());
    for (const conversationId of conversations) {
      const stored = await storedFor(conversationId);
      expect(stored?.messageCount).toBe(stored?.messages.length);
      expect(await bucketCount(`ip:${conversationId}`)).toBe(stored?.messages.length);
    }
  });

  // Needs a second connection: PGlite has one, so transactions never overlap there.
  it.runIf(kind === 'postgresql')(
    'refuses what a transaction alongside took over the limit after the batch had read the count',
    async () => {
      const bucket = `race:${randomUUID()}`;
      const conversationId = randomUUID();
      const batch = [1, 2, 3].map((index) =>
        message(bucket, {
          conversationId,
          text: `m${index}`,
          rateLimits: [{ key: bucket, windowStart: now, limit: 3 }],
        }),
      );
      let written: Promise<unknown> = Promise.resolve();
      await database.prisma.$transaction(async (transaction) => {
        await transaction.$executeRaw`
          INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${bucket}, ${now}, 2)`;
        written = storeWidgetMessages(database.prisma, batch);
        // The batch has read the count (nothing committed yet) and waits to count its messages.
        for (let waited = 0; ; waited += 1) {
          const [waiting] = await database.prisma.$queryRaw<[{ count: bigint }]>`
            SELECT count(*) AS count FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%ingest_widget_messages%'`;
          if (waiting.count > 0n) break;
          if (waited > 200) throw new Error('the batch never waited for the bucket');
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      });
      expect(await written).toEqual([
        { outcome: 'stored' },
        { outcome: 'rate_limited', key: bucket },
        { outcome: 'rate_limited', key: bucket },
      ]);
      expect(await bucketCount(bucket)).toBe(3);
      expect(await storedFor(conversationId)).toMatchObject({
        messageCount: 1,
        messages: [batch[0]?.messageId],
      });
    },
  );

  it('sends the messages that arrive together as batches, and answers each one its own outcome', async () => {
    let statements = 0;
    const counting = new Proxy(database.prisma, {
      get(target, property, receiver) {
        if (property === '$queryRaw') {
          return (...args: Parameters<PrismaClient['$queryRaw']>) => {
            statements += 1;
            return target.$queryRaw(...args);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const writer = new WidgetMessageWriter(counting);
    const bucket = `writer:${randomUUID()}`;
    const messages = Array.from({ length: maxMessagesPerBatch + 8 }, () => message(bucket));
    const failing = message(bucket, { conversationId: 'not-a-uuid' });
    const settled = await Promise.allSettled([...messages, failing].map((sent) => writer.store(sent)));

    expect(statements).toBe(2);
    expect(settled.slice(0, -1).map((result) => result.status === 'fulfilled' && result.value)).toEqual(
      messages.map(() => ({ outcome: 'stored' })),
    );
    const last = settled.at(-1);
    expect(last?.status === 'rejected' && last.reason).toEqual(new MessageNotStoredError('22P02'));
    const stored = await database.prisma.message.findMany({
      where: { externalId: { in: [...messages, failing].map((sent) => sent.messageId) } },
      select: { externalId: true },
    });
    expect(stored.map((row) => row.externalId).sort()).toEqual(messages.map((sent) => sent.messageId).sort());
    expect(await bucketCount(bucket)).toBe(messages.length);

    // Alone, a message goes out by itself and is stored as before.
    const alone = message(bucket);
    await expect(writer.store(alone)).resolves.toEqual({ outcome: 'stored' });
    expect(statements).toBe(3);
  });
});
