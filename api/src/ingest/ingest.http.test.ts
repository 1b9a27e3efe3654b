import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashSecret } from '../auth/secrets.ts';
import type { RunningServer } from '../server/start-server.ts';
import type { Database } from '../shared/database.ts';
import { storedWidgetMessage } from '../testing/stored-widget-message.ts';
import { startTestServer } from '../testing/test-server.ts';
import { redactionPlaceholders } from './payment-redaction.ts';
import { storeWidgetMessages } from './store-widget-message.ts';

const ipHashSecret = 'ingest-test-ip-hash-secret-'.padEnd(40, 'x');
const siteKey = 'test-site-key';
const busySiteKey = 'busy-site-key';
const burstSiteKey = 'burst-site-key';
const allowedOrigin = 'https://shop.example';
// DB-IP places this address in London; the tests read country and city from the bundled database.
const londonIp = '81.2.69.142';
const start = new Date('2026-05-04T10:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;

/** A Turnstile siteverify stand-in on loopback: tokens starting with "pass" pass. */
async function startTurnstileStub() {
  const calls: URLSearchParams[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      calls.push(form);
      const success = form.get('secret') === 'stub-secret' && (form.get('response') ?? '').startsWith('pass');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ success, 'error-codes': success ? [] : ['invalid-input-response'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`, calls, server };
}

function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: pino({ level: 'trace' }, stream) };
}

interface Sent {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; fields?: { path: string }[] } };
  headers: Headers;
}

describe.each(databaseKinds)('widget messages over HTTP on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let busyServer: RunningServer;
  let stub: Awaited<ReturnType<typeof startTurnstileStub>>;
  const logs = captureLogs();
  let now = start;
  let siteId: string;
  const usedIps = new Set<string>();
  let nextIp = 1;

  /** A fresh client address per caller, so rate limits of one test do not touch another. */
  function freshIp(): string {
    const ip = `198.51.100.${nextIp++}`;
    usedIps.add(ip);
    return ip;
  }

  function message(overrides: Record<string, unknown> = {}, messageOverrides: Record<string, unknown> = {}) {
    return {
      siteKey,
      conversationId: randomUUID(),
      channel: 'WIDGET',
      message: {
        id: randomUUID(),
        role: 'VISITOR',
        text: 'Hello, do you offer a free trial?',
        sentAt: now.toISOString(),
        ...messageOverrides,
      },
      page: { url: 'https://shop.example/pricing', referrer: 'https://search.example/?q=crm' },
      turnstileToken: 'pass-token',
      ...overrides,
    };
  }

  async function send(
    body: unknown,
    {
      ip = freshIp(),
      headers = {},
      target = server,
    }: { ip?: string; headers?: Record<string, string>; target?: RunningServer } = {},
  ): Promise<Sent> {
    usedIps.add(ip);
    const response = await fetch(`${target.url}/v1/widget/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as Sent['body'],
      headers: response.headers,
    };
  }

  const counts = async () => ({
    conversations: await database.prisma.conversation.count(),
    messages: await database.prisma.message.count(),
    leads: await database.prisma.lead.count(),
    consents: await database.prisma.consent.count(),
  });

  const conversationOf = (externalId: string) =>
    database.prisma.conversation.findFirst({
      where: { externalId },
      include: { messages: { orderBy: { sentAt: 'asc' } }, lead: true, detectedContacts: true },
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    const site = (key: string, domain: string, messageMaxLength: number) => ({
      name: domain,
      domain,
      widgetKeyHash: hashSecret(key),
      widgetKeyPrefix: key.slice(0, 8),
      allowedOrigins: [allowedOrigin],
      policyVersion: '2026-05-01',
      messageMaxLength,
      conversationRetentionDays: 30,
      erasureReplyTemplate: 'Deleted.',
    });
    siteId = (await database.prisma.site.create({ data: site(siteKey, 'shop.example', 300) })).id;
    await database.prisma.site.create({ data: site(busySiteKey, 'busy.example', 300) });
    await database.prisma.site.create({ data: site(burstSiteKey, 'burst.example', 300) });
    stub = await startTurnstileStub();
    const settings = {
      IP_HASH_SECRET: ipHashSecret,
      TURNSTILE_SECRET: 'stub-secret',
      TURNSTILE_VERIFY_URL: stub.url,
      TRUST_PROXY: '1',
      WIDGET_RATE_LIMIT_PER_IP: '5',
    };
    server = await startTestServer(database, settings, { logger: logs.logger, now: () => now });
    busyServer = await startTestServer(
      database,
      { ...settings, WIDGET_RATE_LIMIT_PER_IP: '100', WIDGET_RATE_LIMIT_PER_SITE: '3' },
      { logger: logs.logger, now: () => now },
    );
  });

  afterAll(async () => {
    await server?.stop();
    await busyServer?.stop();
    await new Promise<void>(
      (resolve) => (stub?.server as Server | undefined)?.close(() => resolve()) ?? resolve(),
    );
    await database?.close();
  });

  it('stores a first message after the Turnstile check, with hashed IP, location and request context', async () => {
    const body = message();
    const answer = await send(body, {
      ip: londonIp,
      headers: { 'user-agent': `Mozilla/5.0 ${'x'.repeat(1000)}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      conversationId: body.conversationId,
      messageId: body.message.id,
      conversationToken: expect.stringMatching(/^v1\./),
      redactionCount: 0,
    });
    const stored = await conversationOf(body.conversationId);
    expect(stored).toMatchObject({
      siteId,
      channel: 'WIDGET',
      messageCount: 1,
      ipHash: createHmac('sha256', ipHashSecret).update(londonIp).digest('hex'),
      country: 'GB',
      city: 'London',
      pageUrl: 'https://shop.example/pricing',
      referrer: 'https://search.example/?q=crm',
      startedAt: start,
      lastMessageAt: start,
      expiresAt: new Date(start.getTime() + 30 * dayMs),
    });
    expect(stored?.userAgent).toHaveLength(512);
    expect(stored?.messages.map((row) => [row.role, row.text, row.redactionCount])).toEqual([
      ['VISITOR', 'Hello, do you offer a free trial?', 0],
    ]);
    expect(stub.calls.at(-1)?.get('secret')).toBe('stub-secret');
  });

  it('accepts later messages with the conversation token and moves the retention clock', async () => {
    const first = message();
    const ip = freshIp();
    const token = (await send(first, { ip })).body.conversationToken;
    const callsBefore = stub.calls.length;
    now = new Date(start.getTime() + 2 * dayMs);
    try {
      const later = message(
        {
          conversationId: first.conversationId,
          turnstileToken: undefined,
          conversationToken: token,
          channel: 'WIDGET',
        },
        { role: 'ASSISTANT', text: 'Yes, 14 days.' },
      );
      expect((await send(later, { ip })).status).toBe(200);
    } finally {
      now = start;
    }
    expect(stub.calls.length).toBe(callsBefore);
    expect(await conversationOf(first.conversationId)).toMatchObject({
      messageCount: 2,
      startedAt: start,
      lastMessageAt: new Date(start.getTime() + 2 * dayMs),
      expiresAt: new Date(start.getTime() + 32 * dayMs),
    });
  });

  it('refuses a failed or missing bot check and a foreign conversation token with 403, storing nothing', async () => {
    const before = await counts();
    const failed = await send(message({ turnstileToken: 'bot' }));
    expect([failed.status, failed.body.error?.code]).toEqual([403, 'TURNSTILE_FAILED']);
    const missing = await send(message({ turnstileToken: undefined }));
    expect([missing.status, missing.body.error?.code]).toEqual([403, 'TURNSTILE_REQUIRED']);
    const other = message();
    const token = (await send(other)).body.conversationToken;
    const stolen = await send(message({ turnstileToken: undefined, conversationToken: token }));
    expect([stolen.status, stolen.body.error?.code]).toEqual([403, 'INVALID_CONVERSATION_TOKEN']);
    expect(await counts()).toEqual({
      ...before,
      conversations: before.conversations + 1,
      messages: before.messages + 1,
    });
  });

  it('redacts payment data before storing and keeps emails and phones typed in the text', async () => {
    const body = message(
      {},
      {
        text: 'Card 4111 1111 1111 1111 exp 12/29 cvv 123, IBAN DE89 3704 0044 0532 0130 00. Order 123456, reach me at Ada@Example.com or +44 20 7946 0958',
      },
    );
    const answer = await send(body);
    expect(answer.body.redactionCount).toBe(4);
    const stored = await conversationOf(body.conversationId);
    const [row] = stored?.messages ?? [];
    expect(row?.text).toBe(
      `Card ${redactionPlaceholders.card} exp ${redactionPlaceholders.expiry} cvv ${redactionPlaceholders.cvv}, ` +
        `IBAN ${redactionPlaceholders.iban}. Order 123456, reach me at Ada@Example.com or +44 20 7946 0958`,
    );
    expect(row?.redactionCount).toBe(4);
    expect(
      stored?.detectedContacts.map((contact) => [contact.kind, contact.value, contact.messageId]).sort(),
    ).toEqual([
      ['EMAIL', 'ada@example.com', row?.id],
      ['PHONE', '+442079460958', row?.id],
    ]);
  });

  it('captures the lead from contact fields and appends widget consents to the ledger', async () => {
    const body = message({
      contact: {
        name: ' Ada Lovelace ',
        role: 'CTO',
        email: ' Ada@Example.COM ',
        phone: '020 7946 0958',
        company: 'Analytical',
      },
      consents: [
        { purpose: 'MARKETING_COMMUNICATIONS', granted: true, text: 'Send me product news' },
        { purpose: 'CRM_TRANSFER', granted: false, policyVersion: '2026-04-01' },
      ],
    });
    expect((await send(body, { ip: londonIp })).status).toBe(200);
    const stored = await conversationOf(body.conversationId);
    expect(stored?.lead).toMatchObject({
      siteId,
      source: 'CHAT',
      name: 'Ada Lovelace',
      jobTitle: 'CTO',
      email: 'Ada@Example.COM',
      emailNormalized: 'ada@example.com',
      phone: '+442079460958',
      company: 'Analytical',
    });
    const consents = await database.prisma.consent.findMany({
      where: { leadId: stored?.lead?.id },
      orderBy: { purpose: 'asc' },
    });
    expect(
      consents.map((row) => [
        row.purpose,
        row.action,
        row.source,
        row.legalBasis,
        row.policyVersion,
        row.evidence,
      ]),
    ).toEqual([
      ['MARKETING_COMMUNICATIONS', 'GRANTED', 'WIDGET', 'CONSENT', '2026-05-01', 'Send me product news'],
      ['CRM_TRANSFER', 'WITHDRAWN', 'WIDGET', 'CONSENT', '2026-04-01', null],
    ]);
    expect(consents.every((row) => row.subjectEmailNormalized === 'ada@example.com')).toBe(true);

    // A later message adds a detail without erasing the others.
    const token = (await send(message({ conversationId: body.conversationId }), { ip: londonIp })).body
      .conversationToken;
    const update = message({
      conversationId: body.conversationId,
      turnstileToken: undefined,
      conversationToken: token,
      contact: { company: 'Analytical Engines Ltd' },
    });
    expect((await send(update, { ip: londonIp })).status).toBe(200);
    expect((await conversationOf(body.conversationId))?.lead).toMatchObject({
      name: 'Ada Lovelace',
      company: 'Analytical Engines Ltd',
      emailNormalized: 'ada@example.com',
    });
  });

  it('answers bad input with 401, 400 naming each field, and 413, storing nothing', async () => {
    const before = await counts();
    const unknown = await send(message({ siteKey: 'nobody' }));
    expect([unknown.status, unknown.body.error?.code]).toEqual([401, 'UNKNOWN_SITE_KEY']);

    const bad = await send({
      ...message({ channel: 'EMAIL' }),
      message: { id: 'x', role: 'VISITOR', text: '', sentAt: 'soon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields?.map((field) => field.path).sort()).toEqual([
      'channel',
      'message.id',
      'message.sentAt',
      'message.text',
    ]);
    const badContact = await send(message({ contact: { email: 'not-an-email', phone: '12' } }));
    expect(badContact.body.error?.fields?.map((field) => field.path)).toEqual([
      'contact.email',
      'contact.phone',
    ]);
    const consentWithoutEmail = await send(
      message({ consents: [{ purpose: 'CRM_TRANSFER', granted: true }] }),
    );
    expect(consentWithoutEmail.body.error?.fields?.map((field) => field.path)).toEqual(['consents']);
    expect((await send('{"siteKey":')).status).toBe(400);

    const huge = await send(message({}, { text: 'a'.repeat(33 * 1024) }));
    expect([huge.status, huge.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const long = await send(message({}, { text: 'a'.repeat(301) }));
    expect([long.status, long.body.error?.code]).toEqual([413, 'MESSAGE_TOO_LONG']);
    expect(await counts()).toEqual(before);
  });

  it('reads bodies in any form body-parser reads them: compressed, chunked, with a charset', async () => {
    const post = (body: RequestInit['body'], headers: Record<string, string>) =>
      fetch(`${server.url}/v1/widget/messages`, {
        method: 'POST',
        headers: { 'x-forwarded-for': freshIp(), ...headers },
        body,
        duplex: 'half',
      } as RequestInit);
    const chunked = (text: string) =>
      new ReadableStream({
        start(controller) {
          for (let at = 0; at < text.length; at += 1000) {
            controller.enqueue(new TextEncoder().encode(text.slice(at, at + 1000)));
          }
          controller.close();
        },
      });
    const gzipped = message();
    const zipped = await post(gzipSync(JSON.stringify(gzipped)), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(zipped.status).toBe(200);
    const streamed = message();
    const inChunks = await post(chunked(JSON.stringify(streamed)), {
      'content-type': 'application/json; charset=UTF-8',
    });
    expect(inChunks.status).toBe(200);
    for (const sent of [gzipped, streamed]) {
      expect((await conversationOf(sent.conversationId))?.messages.map((row) => row.externalId)).toEqual([
        sent.message.id,
      ]);
    }

    const before = await counts();
    const tooLarge = await post(chunked(JSON.stringify(message({}, { text: 'a'.repeat(40 * 1024) }))), {
      'content-type': 'application/json',
    });
    expect(tooLarge.status).toBe(413);
    const notAnObject = await post('"hello"', { 'content-type': 'application/json' });
    expect([notAnObject.status, ((await notAnObject.json()) as Sent['body']).error?.code]).toEqual([
      400,
      'BAD_REQUEST',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('answers a repeated message id as the first time and stores it once, even when the repeats race', async () => {
    const body = message();
    const ip = freshIp();
    const answers = await Promise.all([1, 2, 3, 4].map(() => send(body, { ip })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    const stored = await conversationOf(body.conversationId);
    expect(stored?.messages).toHaveLength(1);
    expect(stored?.messageCount).toBe(1);
  });

  it('limits messages per IP hash and per site with 429 and Retry-After, storing nothing more', async () => {
    const ip = freshIp();
    const conversationId = randomUUID();
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1)
      statuses.push((await send(message({ conversationId }), { ip })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await send(message({ conversationId }), { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await conversationOf(conversationId))?.messageCount).toBe(5);

    const busy = () => send(message({ siteKey: busySiteKey }), { target: busyServer });
    const busyStatuses = [];
    for (let index = 0; index < 4; index += 1) busyStatuses.push((await busy()).status);
    expect(busyStatuses).toEqual([200, 200, 200, 429]);
  });

  it('keeps a site limit exact under a concurrent burst, rolling back whole messages', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => send(message({ siteKey: burstSiteKey }), { target: busyServer })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    const burstSite = { site: { widgetKeyHash: hashSecret(burstSiteKey) } };
    expect(await database.prisma.conversation.count({ where: burstSite })).toBe(3);
    expect(await database.prisma.message.count({ where: { conversation: burstSite } })).toBe(3);
  });

  it('rolls back every write of a message that passes a limit while it is written', async () => {
    const conversationId = randomUUID();
    // The same bucket twice: the first count passes, the second goes over, as a concurrent message would make it.
    const bucket = { key: `race:${conversationId}`, windowStart: now, limit: 1 };
    const [outcome] = await storeWidgetMessages(database.prisma, [
      storedWidgetMessage(siteId, now, { conversationId, rateLimits: [bucket, bucket] }),
    ]);
    expect(outcome).toEqual({ outcome: 'rate_limited', key: bucket.key });
    expect(await conversationOf(conversationId)).toBeNull();
    expect(await database.prisma.rateLimitBucket.count({ where: { key: bucket.key } })).toBe(0);
  });

  it('allows only the site’s origins (and servers without one) through CORS', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/v1/widget/messages`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight(allowedOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect((await preflight('https://evil.example')).status).toBe(403);

    const fromSite = await send(message(), { headers: { origin: allowedOrigin } });
    expect(fromSite.status).toBe(200);
    expect(fromSite.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    const before = await counts();
    const foreign = await send(message(), { headers: { origin: 'https://evil.example' } });
    expect([foreign.status, foreign.body.error?.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('answers 503 while the database fails, and the retry of the same message loses nothing', async () => {
    const body = message();
    const ip = freshIp();
    await database.prisma.$executeRawUnsafe(
      'ALTER FUNCTION "ingest_widget_messages"(jsonb) RENAME TO "ingest_offline"',
    );
    let outage: Sent;
    try {
      outage = await send(body, { ip });
    } finally {
      await database.prisma.$executeRawUnsafe(
        'ALTER FUNCTION "ingest_offline"(jsonb) RENAME TO "ingest_widget_messages"',
      );
    }
    expect([outage.status, outage.body.error?.code, outage.headers.get('retry-after')]).toEqual([
      503,
      'UNAVAILABLE',
      '5',
    ]);
    expect(await conversationOf(body.conversationId)).toBeNull();
    expect((await send(body, { ip })).status).toBe(200);
    expect((await conversationOf(body.conversationId))?.messages).toHaveLength(1);
  });

  it('answers with the security headers every other route sends', async () => {
    const answer = await send(message());
    const health = await fetch(`${server.url}/healthz`);
    await health.body?.cancel();
    const perResponse = new Set([
      'date',
      'connection',
      'keep-alive',
      'content-type',
      'content-length',
      'etag',
    ]);
    const shared = [...health.headers].filter(([name]) => !perResponse.has(name));
    expect(shared.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'content-security-policy',
        'strict-transport-security',
        'x-content-type-options',
      ]),
    );
    for (const [name, value] of shared) expect(answer.headers.get(name), name).toBe(value);
    expect(answer.headers.get('vary')).toBe('Origin');
  });

  it('serves the demo page', async () => {
    const page = await fetch(`${server.url}/demo/widget/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('demo-site-key');
    expect((await fetch(`${server.url}/demo/widget/widget.js`)).headers.get('content-type')).toMatch(
      /javascript/,
    );
  });

  it('keeps raw IPs out of every table, every log line and the bot check', async () => {
    const tables = await database.prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    let everything = '';
    for (const { name } of tables) {
      const [dump] = await database.prisma.$queryRawUnsafe<{ text: string | null }[]>(
        `SELECT string_agg(row_to_json(t)::text, E'\\n') AS text FROM "${name}" t`,
      );
      everything += dump?.text ?? '';
    }
    expect(everything).toContain(createHmac('sha256', ipHashSecret).update(londonIp).digest('hex'));
    const logged = logs.lines.join('');
    expect(logged).toContain('widget message not stored');
    const sentToTurnstile = stub.calls.map((call) => call.toString()).join('\n');
    for (const ip of usedIps) {
      expect(everything).not.toContain(ip);
      expect(logged).not.toContain(ip);
      expect(sentToTurnstile).not.toContain(ip);
    }
  });
});
