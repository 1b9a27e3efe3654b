import http from 'node:http';
import pg from 'pg';
import { openDatabase, type Database } from '@confide/db';
import { hashSecret, generateSecret, apiTokenPrefix } from '../api/src/auth/secrets.ts';
import { tokenScopes } from '../api/src/auth/policy.ts';
import { loadConfig } from '../api/src/shared/config.ts';
import { createLogger } from '../api/src/shared/logger.ts';
import { startServer } from '../api/src/server/start-server.ts';
import { measureLatencyInTurn } from './latency.ts';
import type { Benchmark } from './run.ts';
import { productionSettings } from './production-settings.ts';
import { scaleDatabase } from './scale-database.ts';

export interface Case {
  name: string;
  graphql: { query: string; variables?: Record<string, unknown> };
  /** The same data fetched with one hand-written SQL statement. */
  sql: { text: string; values?: unknown[] };
}

/** The leads list an integrator or the console asks for most: also the retention-sweep bench's probe. */
export const leadsCase: Case = {
  name: 'leads(first: 50) with conversation and its last message',
  graphql: {
    query: `{ leads(first: 50) { edges { cursor node { id status name email company
      conversation { id lastMessage { text sentAt } } } } } }`,
  },
  sql: {
    text: `SELECT l.id, l.status, l.name, l.email, l.company, c.id AS conversation, m.text, m."sentAt"
      FROM "Lead" l LEFT JOIN "Conversation" c ON c.id = l."conversationId"
      LEFT JOIN LATERAL (SELECT text, "sentAt" FROM "Message" WHERE "conversationId" = c.id
        ORDER BY "sentAt" DESC LIMIT 1) m ON true
      ORDER BY l."createdAt" DESC, l.id DESC LIMIT 51`,
  },
};

// Two words that occur together in many English conversations of the data set.
const searchWords = 'free trial';

const cases: Case[] = [
  {
    name: 'conversations(first: 50) with site, lead, last message',
    graphql: {
      query: `{ conversations(first: 50) { edges { cursor node { id channel lastMessageAt site { name }
        lead { name email company } lastMessage { text sentAt } } } } }`,
    },
    sql: {
      text: `SELECT c.id, c.channel, c."lastMessageAt", s.name AS site, l.name, l.email, l.company, m.text, m."sentAt"
        FROM "Conversation" c JOIN "Site" s ON s.id = c."siteId"
        LEFT JOIN "Lead" l ON l."conversationId" = c.id
        LEFT JOIN LATERAL (SELECT text, "sentAt" FROM "Message" WHERE "conversationId" = c.id
          ORDER BY "sentAt" DESC LIMIT 1) m ON true
        ORDER BY c."lastMessageAt" DESC, c.id DESC LIMIT 51`,
    },
  },
  leadsCase,
  {
    name: `conversations(search: "${searchWords}", first: 50)`,
    graphql: {
      query: `query ($search: String!) { conversations(search: $search, first: 50) {
        edges { node { id lastMessageAt site { name } } } } }`,
      variables: { search: searchWords },
    },
    // The statement the API runs (list-conversations.ts): the newest conversations checked one by one,
    // up to 1,000, until a page of them match; every match when fewer do.
    sql: {
      text: `WITH matched AS MATERIALIZED (
          SELECT "conversationId" AS id FROM "Message" WHERE "searchVector" @@ websearch_to_tsquery('simple', $1)
          UNION
          SELECT "conversationId" FROM "Lead" WHERE "conversationId" IS NOT NULL
            AND (name ILIKE $2 OR "emailNormalized" ILIKE $2 OR company ILIKE $2)),
        early AS MATERIALIZED (
          SELECT c.id FROM (SELECT id, "lastMessageAt" FROM "Conversation"
            ORDER BY "lastMessageAt" DESC, id DESC LIMIT 1000) c
          WHERE EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id
              AND ts_match_vq(m."searchVector", websearch_to_tsquery('simple', $1)) OFFSET 0)
            OR EXISTS (SELECT 1 FROM "Lead" l WHERE l."conversationId" = c.id
              AND (l.name ILIKE $2 OR l."emailNormalized" ILIKE $2 OR l.company ILIKE $2) OFFSET 0)
          ORDER BY c."lastMessageAt" DESC, c.id DESC LIMIT 51),
        decision AS MATERIALIZED (
          SELECT (SELECT count(*) FROM early) >= 51
            OR (SELECT count(*) FROM (SELECT FROM "Conversation" LIMIT 1000) walked) < 1000 AS "earlyIsPage"),
        page AS (
          SELECT id, "siteId", "lastMessageAt" FROM "Conversation"
          WHERE id IN (SELECT id FROM early) AND (SELECT "earlyIsPage" FROM decision)
          UNION ALL
          (SELECT id, "siteId", "lastMessageAt" FROM "Conversation" WHERE id IN (SELECT id FROM matched)
            AND NOT (SELECT "earlyIsPage" FROM decision)
            ORDER BY "lastMessageAt" DESC, id DESC LIMIT 51))
        SELECT p.id, p."lastMessageAt", s.name FROM page p JOIN "Site" s ON s.id = p."siteId"
        ORDER BY p."lastMessageAt" DESC, p.id DESC`,
      values: [searchWords, `%${searchWords}%`],
    },
  },
];

/**
 * Requests per case before and during measurement, GraphQL and raw SQL in turn. A server in service
 * has run its hot paths many thousands of times; in the first few hundred requests after start V8 is
 * still optimising them and growing its young generation, and p95 was 1.5–2× what it settles at
 * after about a thousand (see docs/benchmarks.md). A thousand samples make p95 steadier than 300.
 */
const sampling = { warmup: 1_000, iterations: 1_000 };

/** p95 over HTTP of the main list queries, each beside the raw SQL p95 of the same data. */
export const apiLatencyBenchmark: Benchmark = {
  name: 'api-latency',
  description: 'GraphQL over HTTP, one client, against the same query in raw SQL',
  async run() {
    const { databaseUrl, summary } = await scaleDatabase();
    console.log(
      `Dataset: ${summary.conversations.toLocaleString('en')} conversations, ` +
        `${summary.messages.toLocaleString('en')} messages, ${summary.leads.toLocaleString('en')} leads`,
    );
    const api = await startBenchApi(databaseUrl);
    const raw = new pg.Client({ connectionString: databaseUrl });
    await raw.connect();
    try {
      for (const benchmarkCase of cases) {
        const body = JSON.stringify(benchmarkCase.graphql);
        const [viaGraphql, viaSql] = await measureLatencyInTurn(
          () => api.post(body),
          () => raw.query(benchmarkCase.sql.text, benchmarkCase.sql.values),
          sampling,
        );
        console.log(
          `${benchmarkCase.name}: GraphQL p50 ${viaGraphql.p50.toFixed(1)} ms, p95 ${viaGraphql.p95.toFixed(1)} ms; ` +
            `raw SQL p95 ${viaSql.p95.toFixed(1)} ms; ratio ${(viaGraphql.p95 / viaSql.p95).toFixed(2)}×`,
        );
      }
    } finally {
      await raw.end();
      await api.stop();
    }
  },
};

export interface BenchApi {
  url: string;
  database: Database;
  /** POSTs a GraphQL body with an all-scopes token; throws on GraphQL errors. */
  post(body: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The production server over `databaseUrl`, with an API token holding every scope. */
export async function startBenchApi(databaseUrl: string, now?: () => Date): Promise<BenchApi> {
  const config = loadConfig(
    productionSettings({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'silent',
      RETENTION_SWEEP_SCHEDULED: 'false',
    }),
  );
  const database = await openDatabase({
    databaseUrl,
    dataDirectory: 'memory://',
    poolMax: config.databasePoolMax,
  });
  const server = await startServer({ config, database, logger: createLogger(config), ...(now && { now }) });
  const token = generateSecret(apiTokenPrefix);
  await database.prisma.apiToken.create({
    data: {
      name: 'bench',
      tokenHash: hashSecret(token),
      tokenPrefix: token.slice(0, 8),
      scopes: [...tokenScopes],
    },
  });
  // One kept-alive connection, as a client library would hold. node:http rather than fetch: the
  // client shares the server's process and event loop here, and fetch's stream machinery cost about
  // a millisecond per request of that loop's time, which is not the API's.
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    url: server.url,
    database,
    async post(body) {
      const result = (await postJson(keepAlive, `${server.url}/graphql`, body, {
        authorization: `Bearer ${token}`,
      })) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data ?? {};
    },
    async stop() {
      keepAlive.destroy();
      await server.stop();
      await database.close();
    },
  };
}

function postJson(
  agent: http.Agent,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error as Error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
