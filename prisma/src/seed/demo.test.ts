import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadStatus, PrivacyRequestStatus, type PrismaClient } from '../../generated/client/client.ts';
import { migrateDatabase, openDatabase, type Database } from '../database.ts';
import {
  DEFAULT_DEMO_PASSWORD,
  ERASURE_DEMO_EMAIL,
  isDatabaseEmpty,
  seedDemo,
  type DemoSummary,
} from './demo.ts';
import { subjectHash } from './hashing.ts';
import { DAY } from './time.ts';

const now = new Date('2026-05-15T09:30:00.000Z');

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({ databaseUrl: undefined, dataDirectory: 'memory://' });
  await migrateDatabase(database);
  return database;
}

/** Every row of every table as JSON text, in a stable order. Password hashes are salted at random, so left out. */
async function dump(prisma: PrismaClient): Promise<Record<string, string[]>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const result: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT (to_jsonb(t) - 'passwordHash')::text AS row FROM "${name}" t ORDER BY 1`,
    );
    result[name] = rows.map(({ row }) => row);
  }
  return result;
}

// An IPv4 address not inside a version string such as "Chrome/131.0.0.0", or an IPv6 address.
const ipv4 = /(?<![\w./-])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w.])/;
const ipv6 =
  /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:)+:(?:[0-9a-f]{1,4}:?)*(?![\w:])/i;

describe('seedDemo', () => {
  let first: Database;
  let second: Database;
  let summary: DemoSummary;

  beforeAll(async () => {
    [first, second] = await Promise.all([freshDatabase(), freshDatabase()]);
    expect(await isDatabaseEmpty(first.prisma)).toBe(true);
    summary = await seedDemo(first.prisma, { now });
    await seedDemo(second.prisma, { now });
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('writes identical rows for the same now, password hashes aside', async () => {
    const [a, b] = await Promise.all([dump(first.prisma), dump(second.prisma)]);
    expect(a).toEqual(b);
    expect(a.Message?.length).toBeGreaterThan(200);
    expect(await isDatabaseEmpty(first.prisma)).toBe(false);
  });

  it('hashes the demo password with argon2id for every login', async () => {
    const users = await first.prisma.staffUser.findMany();
    expect(users.map((user) => user.email).sort()).toEqual(summary.logins.map((login) => login.email).sort());
    for (const user of users) {
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(user.passwordHash, DEFAULT_DEMO_PASSWORD)).toBe(true);
    }
    expect(summary.logins.some((login) => login.roles.length > 1)).toBe(true);
  });

  it('covers every lead status and every privacy request status', async () => {
    const leads = await first.prisma.lead.groupBy({ by: ['status'], _count: true });
    expect(leads.map((group) => group.status).sort()).toEqual(Object.values(LeadStatus).sort());
    const requests = await first.prisma.privacyRequest.groupBy({ by: ['status'], _count: true });
    expect(requests.map((group) => group.status).sort()).toEqual(Object.values(PrivacyRequestStatus).sort());
  });

  it('stores nothing that looks like an IP address', async () => {
    const rows = Object.entries(await dump(first.prisma)).flatMap(([table, list]) =>
      list.map((row) => `${table}: ${row}`),
    );
    expect(rows.filter((row) => ipv4.test(row) || ipv6.test(row))).toEqual([]);
  });

  it('expires every conversation its site retention after the last message', async () => {
    const conversations = await first.prisma.conversation.findMany({
      include: { site: true, _count: { select: { messages: true } } },
    });
    expect(conversations.length).toBeGreaterThanOrEqual(55);
    for (const conversation of conversations) {
      const retention = conversation.site.conversationRetentionDays * DAY;
      expect(conversation.expiresAt.getTime() - conversation.lastMessageAt.getTime()).toBe(retention);
      expect(conversation.expiresAt.getTime()).toBeGreaterThan(now.getTime());
      expect(conversation.messageCount).toBe(conversation._count.messages);
    }
    const soon = conversations.filter(
      (conversation) => conversation.expiresAt.getTime() < now.getTime() + 7 * DAY,
    );
    expect(soon.length).toBeGreaterThanOrEqual(3);
  });

  it('links the erasure demo subject to a lead in one conversation and message text in another', async () => {
    const lead = await first.prisma.lead.findFirstOrThrow({ where: { emailNormalized: ERASURE_DEMO_EMAIL } });
    const detected = await first.prisma.detectedContact.findFirstOrThrow({
      where: { kind: 'EMAIL', value: ERASURE_DEMO_EMAIL },
    });
    expect(detected.conversationId).not.toBe(lead.conversationId);
    const message = await first.prisma.message.findUniqueOrThrow({ where: { id: detected.messageId ?? '' } });
    expect(message.conversationId).toBe(detected.conversationId);
    expect(message.text.toLowerCase()).toContain(ERASURE_DEMO_EMAIL);
    expect(summary.erasureDemoEmail).toBe(ERASURE_DEMO_EMAIL);
  });

  it('keeps contacts, leads and requests consistent', async () => {
    const contacts = await first.prisma.detectedContact.findMany();
    const messages = await first.prisma.message.findMany({
      where: { id: { in: contacts.flatMap((contact) => contact.messageId ?? []) } },
    });
    const messageById = new Map(messages.map((message) => [message.id, message]));
    for (const contact of contacts) {
      const message = messageById.get(contact.messageId ?? '');
      expect(message?.conversationId).toBe(contact.conversationId);
      expect(message?.text.toLowerCase()).toContain(contact.value);
      expect(contact.value).toBe(contact.value.trim().toLowerCase());
    }
    for (const lead of await first.prisma.lead.findMany()) {
      expect(lead.emailNormalized).toBe(lead.email?.trim().toLowerCase());
      if (lead.phone) expect(lead.phone).toMatch(/^\+[1-9]\d{7,14}$/);
      if (lead.exportedAt) {
        const retainUntil = new Date(lead.exportedAt);
        retainUntil.setUTCMonth(retainUntil.getUTCMonth() + 24);
        expect(lead.retainUntil?.toISOString().slice(0, 10)).toBe(retainUntil.toISOString().slice(0, 10));
      }
    }
    for (const request of await first.prisma.privacyRequest.findMany({
      include: { events: true, extensions: true },
    })) {
      expect(request.events.map((event) => event.type)).toContain('CREATED');
      if (request.requesterEmailNormalized) {
        expect(request.requesterEmailHash).toBe(subjectHash(request.requesterEmailNormalized));
      }
      expect(request.extensions.length > 0).toBe(request.status === 'EXTENDED');
      expect(request.rejectionReason !== null).toBe(request.status === 'REJECTED');
    }
  });
});
