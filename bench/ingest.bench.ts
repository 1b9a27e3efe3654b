import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { migrateDatabase, openDatabase } from '@confide/db';
import { startThrowawayPostgres } from '@confide/db/testing';
import { hashSecret } from '../api/src/auth/secrets.ts';
import { signConversationToken } from '../api/src/ingest/conversation-token.ts';
import { familyCpuBetween, familyCpuSeconds, parentOf, processCpuSeconds } from './process-cpu.ts';
import { productionSettings } from './production-settings.ts';
import type { Benchmark } from './run.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const durationSeconds = Number(process.env.INGEST_BENCH_SECONDS ?? 60);
/** Where the API server writes a V8 CPU profile of the run, when set (open it in Chrome DevTools). */
const profileDirectory = process.env.INGEST_BENCH_PROFILE_DIR;
/**
 * Clients sending at once, each waiting for its answer before the next message (as a widget does).
 * Latency here is mostly queueing, so it grows with this number: 56 keeps the machine busy with
 * enough in flight for full batches; 64 gave 5–10 % more messages per second and a p99 about 15 %
 * higher (docs/benchmarks.md). `INGEST_BENCH_CONNECTIONS` overrides it.
 */
const connections = Number(process.env.INGEST_BENCH_CONNECTIONS ?? 56);
const siteCount = 50;
const clientIpCount = 20_000;
const messagesPerConversation = 8;
const activeConversations = 2_000;
/** Request bodies built ahead per second of the run: more than the machine can send. */
const preparedPerSecond = 2_500;
const conversationTokenSecret = 'bench-conversation-token-'.padEnd(40, 'x');

/** What visitors write: small talk, payment data to redact, contact details to detect. */
const texts = [
  'Hello, do you offer a free trial for teams of 20?',
  'Can I pay with card 4111 1111 1111 1111 exp 12/29 cvv 123?',
  'My order 123456 from 2026-04-27 has not arrived, call me on +44 20 7946 0958',
  'Please send the quote to ada.lovelace@example.com',
  'Our IBAN is DE89 3704 0044 0532 0130 00, can you refund there?',
  'What does the enterprise plan include?',
];

const cpuSecondsOf = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1e6;

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Turnstile's siteverify on loopback: every token passes (the check itself is what is measured). */
async function startTurnstileStub(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end('{"success":true,"error-codes":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`, server };
}

/** The API server in its own process, as in production, so the load generator does not share its event loop. */
async function startApiProcess(
  environment: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // Started from api/, where tsx finds the tsconfig with the decorator settings.
  const child = spawn(
    process.execPath,
    [
      ...(profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : []),
      '--import',
      'tsx',
      'src/main.ts',
    ],
    {
      cwd: path.join(repositoryRoot, 'api'),
      env: { ...process.env, ...environment, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`API server exited with ${child.exitCode}`);
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('API server did not start within 60 s');
}

/**
 * Sustained widget load: many sites, conversations and client IPs (X-Forwarded-For behind a
 * trusted proxy), with redaction, IP hashing, lead capture, consents, the Turnstile check of first
 * messages and rate limiting all on. Afterwards every message sent without an answer is retried
 * with the same id, as the widget would, and the stored count must equal the accepted count.
 */
export const ingestBenchmark: Benchmark = {
  name: 'ingest',
  description: `POST /v1/widget/messages under autocannon load for ${durationSeconds} s, PostgreSQL`,
  async run() {
    const cluster = await startThrowawayPostgres();
    const turnstile = await startTurnstileStub();
    let api: ChildProcess | undefined;
    try {
      const databaseUrl = await cluster.createDatabase('confide_ingest');
      const database = await openDatabase({ databaseUrl, dataDirectory: 'memory://' });
      const sites: { id: string; key: string }[] = [];
      let postmaster: number | undefined;
      try {
        await migrateDatabase(database);
        const [backend] = await database.prisma.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
        postmaster = parentOf(backend.pid);
        for (let index = 0; index < siteCount; index += 1) {
          const key = `bench-site-key-${index}`;
          const site = await database.prisma.site.create({
            data: {
              name: `Bench ${index}`,
              domain: `bench-${index}.example`,
              widgetKeyHash: hashSecret(key),
              widgetKeyPrefix: key.slice(0, 8),
              allowedOrigins: [`https://bench-${index}.example`],
              erasureReplyTemplate: 'Deleted.',
            },
          });
          sites.push({ id: site.id, key });
        }
      } finally {
        await database.close();
      }

      const started = await startApiProcess(
        productionSettings({
          DATABASE_URL: databaseUrl,
          DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '20',
          LOG_LEVEL: 'warn',
          DEMO_DATA: 'false',
          CONSOLE_DIST: '/nonexistent',
          CONVERSATION_TOKEN_SECRET: conversationTokenSecret,
          TURNSTILE_VERIFY_URL: turnstile.url,
          TRUST_PROXY: '1',
        }),
      );
      api = started.child;

      const sent = new Map<string, { messageId: string; body: Buffer; ip: string }>();
      const accepted = new Set<string>();
      let refused = 0;
      let counter = 0;
      /**
       * Request n goes to one of `activeConversations` open conversations in turn, so a
       * conversation's messages arrive about a second apart, as in a real chat; after 8 messages
       * the slot starts a new conversation. Site and client IP follow the conversation.
       */
      const nextBody = () => {
        const n = counter++;
        const slot = n % activeConversations;
        const round = Math.floor(n / activeConversations);
        const position = round % messagesPerConversation;
        const conversation = Math.floor(round / messagesPerConversation) * activeConversations + slot;
        const site = sites[conversation % siteCount] as { id: string; key: string };
        const conversationId = `00000000-0000-4000-8000-${conversation.toString(16).padStart(12, '0')}`;
        const messageId = randomUUID();
        // Bytes rather than a string: autocannon would otherwise encode it on every send.
        const body = Buffer.from(
          JSON.stringify({
            siteKey: site.key,
            conversationId,
            channel: conversation % 4 === 0 ? 'AI_PAGE' : 'WIDGET',
            message: {
              id: messageId,
              role: position % 2 === 0 ? 'VISITOR' : 'ASSISTANT',
              text: texts[n % texts.length],
              sentAt: new Date().toISOString(),
            },
            page: {
              url: `https://bench-${conversation % siteCount}.example/pricing`,
              referrer: 'https://search.example/',
            },
            ...(position === 0
              ? { turnstileToken: `token-${conversation}` }
              : {
                  conversationToken: signConversationToken(conversationTokenSecret, site.id, conversationId),
                }),
            ...(position === 2 && {
              contact: {
                name: 'Ada Lovelace',
                email: `ada${conversation}@example.com`,
                phone: '+44 20 7946 0958',
              },
              consents: [{ purpose: 'MARKETING_COMMUNICATIONS', granted: true, text: 'Send me news' }],
            }),
          }),
        );
        const ip = conversation % clientIpCount;
        return { messageId, body, ip: `10.${ip >> 16}.${(ip >> 8) & 255}.${ip & 255}` };
      };
      // Bodies are built before the run, so the load generator's share of the two cores goes on
      // sending rather than on JSON and HMACs; more are built should the run need them.
      const prepared: (ReturnType<typeof nextBody> | undefined)[] = Array.from(
        { length: durationSeconds * preparedPerSecond },
        nextBody,
      );
      let nextPrepared = 0;
      const takeBody = () => {
        const request = prepared[nextPrepared] ?? nextBody();
        prepared[nextPrepared++] = undefined;
        sent.set(request.messageId, request);
        return request;
      };

      const cpuBefore = {
        api: processCpuSeconds(started.child.pid ?? 0),
        database: familyCpuSeconds(postmaster ?? 0),
        loadGenerator: process.cpuUsage(),
      };
      const result = await autocannon({
        url: `${started.url}/v1/widget/messages`,
        connections,
        duration: durationSeconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const { body, ip } = takeBody();
              return {
                ...request,
                body,
                headers: { ...request.headers, 'content-type': 'application/json', 'x-forwarded-for': ip },
              };
            },
            onResponse: (status, body) => {
              if (status === 200) accepted.add((JSON.parse(body) as { messageId: string }).messageId);
              else refused += 1;
            },
          },
        ],
      });
      const acceptedInRun = accepted.size;
      const apiCpuAfter = processCpuSeconds(started.child.pid ?? 0);
      const cpu = {
        api: apiCpuAfter !== undefined && cpuBefore.api !== undefined ? apiCpuAfter - cpuBefore.api : NaN,
        database: familyCpuBetween(cpuBefore.database, familyCpuSeconds(postmaster ?? 0)),
        loadGenerator: cpuSecondsOf(process.cpuUsage(cpuBefore.loadGenerator)),
      };

      // Messages cut off by the end of the run: retried with the same id, as the widget does.
      const unanswered = [...sent.keys()].filter((id) => !accepted.has(id));
      for (const id of unanswered) {
        const { body, ip } = sent.get(id) as { body: Buffer; ip: string };
        const response = await fetch(`${started.url}/v1/widget/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body,
        });
        if (response.ok) accepted.add(id);
      }

      const check = await openDatabase({ databaseUrl, dataDirectory: 'memory://' });
      try {
        const stored = await check.prisma.message.count();
        const conversations = await check.prisma.conversation.count();
        const leads = await check.prisma.lead.count();
        const rate = acceptedInRun / durationSeconds;
        console.log(
          `${acceptedInRun.toLocaleString('en')} messages accepted in ${durationSeconds} s = ${rate.toFixed(0)} messages/s ` +
            `(${connections} connections, ${siteCount} sites, ${conversations.toLocaleString('en')} conversations, ` +
            `${leads.toLocaleString('en')} leads)`,
        );
        console.log(
          `latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, ` +
            `max ${result.latency.max} ms; refused ${refused}, connection errors ${result.errors}, timeouts ${result.timeouts}`,
        );
        console.log(
          `${unanswered.length} unanswered at the end, retried; accepted ${accepted.size.toLocaleString('en')}, ` +
            `stored ${stored.toLocaleString('en')}: ${stored === accepted.size ? 'equal' : 'MISMATCH'}`,
        );
        const perMessage = (seconds: number) => `${((seconds * 1000) / acceptedInRun).toFixed(2)} ms`;
        const cpuTotal = cpu.api + cpu.database + cpu.loadGenerator;
        console.log(
          `CPU per accepted message: API ${perMessage(cpu.api)}, PostgreSQL ${perMessage(cpu.database)}, ` +
            `load generator (autocannon, Turnstile stub) ${perMessage(cpu.loadGenerator)}; ` +
            `total ${perMessage(cpuTotal)}, ${(cpuTotal / durationSeconds).toFixed(2)} cores busy on average`,
        );
        if (stored !== accepted.size) process.exitCode = 1;
      } finally {
        await check.close();
      }
    } finally {
      api?.kill('SIGTERM');
      await new Promise<void>((resolve) => turnstile.server.close(() => resolve()));
      await cluster.stop();
    }
  },
};
