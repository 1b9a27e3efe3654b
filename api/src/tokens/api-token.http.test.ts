import { seedDemo } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { hashSecret } from '../auth/secrets.ts';
import { startServer, type RunningServer } from '../server/start-server.ts';
import { loadConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import { createLogger } from '../shared/logger.ts';
import { codesOf, requestGraphql, signIn, type HttpGraphqlResult } from '../testing/staff-sessions.ts';

const logger = createLogger({ logLevel: 'silent', environment: 'test' });
const start = new Date('2026-05-04T10:00:00.000Z');

const createMutation = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
    apiToken { id name prefix scopes createdAt expiresAt lastUsedAt revokedAt active createdBy { name email } }
    userErrors { field message code }
  }
}`;
const revokeMutation = `mutation ($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) { apiToken { id revokedAt active } userErrors { field code } }
}`;
const tokenViewerQuery = '{ viewer { __typename permissions ... on TokenViewer { name scopes expiresAt } } }';

interface CreatedToken {
  token: string | null;
  apiToken: { id: string; prefix: string; scopes: string[]; [field: string]: unknown } | null;
  userErrors: { field: string[]; message: string; code: string }[];
}

describe.each(databaseKinds)('API tokens over HTTP on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let clock: Date;
  let admin: Record<string, string>;
  let sales: Record<string, string>;

  const bearer = (token: string | null | undefined) => ({ authorization: `Bearer ${token ?? ''}` });

  async function createToken(input: Record<string, unknown>, headers = admin) {
    const result = await requestGraphql<{ createApiToken: CreatedToken }>(
      server.url,
      createMutation,
      { input },
      headers,
    );
    return { result, payload: result.body.data?.createApiToken };
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    await seedDemo(database.prisma, { now: start });
    clock = start;
    const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DEMO_DATA: 'false' });
    server = await startServer({ config, database, logger, now: () => clock });
    admin = { cookie: (await signIn(server.url, 'admin@confide.test', 'confide-demo')).cookie ?? '' };
    sales = { cookie: (await signIn(server.url, 'sales@confide.test', 'confide-demo')).cookie ?? '' };
  });
  beforeEach(() => {
    clock = start;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('creates a token whose secret appears only in the payload; the database keeps its hash and prefix', async () => {
    const { payload } = await createToken({
      name: '  CRM sync ',
      scopes: ['LEADS_READ', 'PERSONAL_DATA_READ', 'LEADS_READ'],
    });
    expect(payload).toEqual({
      token: expect.stringMatching(/^cfd_[A-Za-z0-9_-]{43}$/),
      apiToken: {
        id: expect.any(String),
        name: 'CRM sync',
        prefix: payload?.token?.slice(0, 12),
        scopes: ['LEADS_READ', 'PERSONAL_DATA_READ'],
        createdAt: start.toISOString(),
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
        active: true,
        createdBy: { name: 'Amara Okafor', email: 'admin@confide.test' },
      },
      userErrors: [],
    });
    const token = payload?.token ?? '';
    const row = await database.prisma.apiToken.findFirstOrThrow({ where: { name: 'CRM sync' } });
    expect(row).toMatchObject({
      tokenHash: hashSecret(token),
      tokenPrefix: token.slice(0, 12),
      scopes: ['leads:read', 'personal-data:read'],
    });
    const rows = await database.prisma.$queryRaw<{ row: string }[]>`SELECT t::text AS row FROM "ApiToken" t`;
    expect(rows.some(({ row }) => row.includes(token.slice(12)))).toBe(false);
    const audit = await database.prisma.$queryRaw<
      { row: string }[]
    >`SELECT e::text AS row FROM "AuditEvent" e`;
    expect(audit.some(({ row }) => row.includes(token.slice(12)))).toBe(false);

    const list = await requestGraphql(
      server.url,
      '{ apiTokens(first: 100) { nodes { name prefix } } }',
      {},
      admin,
    );
    expect(JSON.stringify(list.body)).not.toContain(token.slice(12));
    expect(list.body.data?.apiTokens).toMatchObject({
      nodes: expect.arrayContaining([{ name: 'CRM sync', prefix: token.slice(0, 12) }]),
    });
  });

  it('authenticates a Bearer token as a TokenViewer with its scopes and records when it was used', async () => {
    const expiresAt = new Date(start.getTime() + 30 * 86_400_000).toISOString();
    const { payload } = await createToken({ name: 'viewer check', scopes: ['SITES_READ'], expiresAt });
    const viewer = await requestGraphql(server.url, tokenViewerQuery, {}, bearer(payload?.token));
    expect(viewer.body).toEqual({
      data: {
        viewer: {
          __typename: 'TokenViewer',
          permissions: ['SITES_READ'],
          name: 'viewer check',
          scopes: ['SITES_READ'],
          expiresAt,
        },
      },
    });
    const row = await database.prisma.apiToken.findFirstOrThrow({ where: { name: 'viewer check' } });
    expect(row.lastUsedAt).toEqual(start);
  });

  it('enforces scopes: a token reaches exactly what its scopes allow, never administration', async () => {
    const sitesToken = (await createToken({ name: 'sites only', scopes: ['SITES_READ'] })).payload?.token;
    const leadsToken = (await createToken({ name: 'leads only', scopes: ['LEADS_READ'] })).payload?.token;
    expect(codesOf(await requestGraphql(server.url, '{ sites { name } }', {}, bearer(sitesToken)))).toEqual(
      [],
    );
    expect(codesOf(await requestGraphql(server.url, '{ sites { name } }', {}, bearer(leadsToken)))).toEqual([
      'FORBIDDEN',
    ]);
    for (const token of [sitesToken, leadsToken]) {
      expect(
        codesOf(
          await requestGraphql(server.url, '{ apiTokens(first: 5) { totalCount } }', {}, bearer(token)),
        ),
      ).toEqual(['FORBIDDEN']);
    }
    const before = await database.prisma.apiToken.count();
    const escalation = await createToken({ name: 'escalate', scopes: ['SITES_READ'] }, bearer(sitesToken));
    expect(codesOf(escalation.result)).toEqual(['FORBIDDEN']);
    expect(await database.prisma.apiToken.count()).toBe(before);
  });

  it('never grants ADMIN as a scope, and refuses names, scopes and expiries that make no sense', async () => {
    const admin = await createToken({ name: 'root', scopes: ['ADMIN'] });
    expect(admin.result.body.errors?.[0]?.extensions?.code).toMatch(
      /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/,
    );
    const before = await database.prisma.apiToken.count();
    const { payload } = await createToken({
      name: '   ',
      scopes: [],
      expiresAt: new Date(start.getTime() - 1000).toISOString(),
    });
    expect(payload).toEqual({
      token: null,
      apiToken: null,
      userErrors: [
        { field: ['input', 'name'], message: 'Give the token a name', code: 'REQUIRED' },
        { field: ['input', 'scopes'], message: 'Give the token at least one scope', code: 'REQUIRED' },
        { field: ['input', 'expiresAt'], message: 'The expiry must be in the future', code: 'INVALID' },
      ],
    });
    expect(await database.prisma.apiToken.count()).toBe(before);
  });

  it('lets only admins manage tokens: SALES gets FORBIDDEN, anonymous UNAUTHENTICATED, and nothing changes', async () => {
    const existing = (await createToken({ name: 'kept', scopes: ['SITES_READ'] })).payload?.apiToken?.id;
    const before = await database.prisma.apiToken.findMany({ orderBy: { id: 'asc' } });
    const attempts: [Record<string, string>, string][] = [
      [sales, 'FORBIDDEN'],
      [{}, 'UNAUTHENTICATED'],
    ];
    for (const [headers, code] of attempts) {
      expect(
        codesOf((await createToken({ name: 'sneaky', scopes: ['LEADS_READ'] }, headers)).result),
      ).toEqual([code]);
      expect(
        codesOf(await requestGraphql(server.url, revokeMutation, { input: { id: existing } }, headers)),
      ).toEqual([code]);
      expect(
        codesOf(await requestGraphql(server.url, '{ apiTokens(first: 5) { totalCount } }', {}, headers)),
      ).toEqual([code]);
    }
    expect(await database.prisma.apiToken.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('revokes a token: 401 from then on; revoking again is harmless; unknown ids are a userError', async () => {
    const { payload } = await createToken({ name: 'to revoke', scopes: ['SITES_READ'] });
    const id = payload?.apiToken?.id;
    expect((await requestGraphql(server.url, '{ sites { name } }', {}, bearer(payload?.token))).status).toBe(
      200,
    );
    clock = new Date(start.getTime() + 60_000);
    const revoked = await requestGraphql(server.url, revokeMutation, { input: { id } }, admin);
    expect(revoked.body.data).toEqual({
      revokeApiToken: { apiToken: { id, revokedAt: clock.toISOString(), active: false }, userErrors: [] },
    });
    const refused = await requestGraphql(server.url, '{ sites { name } }', {}, bearer(payload?.token));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      errors: [
        { message: 'The API token is unknown, expired or revoked', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });

    clock = new Date(start.getTime() + 120_000);
    const again = await requestGraphql(server.url, revokeMutation, { input: { id } }, admin);
    expect(again.body.data).toEqual({
      revokeApiToken: {
        apiToken: { id, revokedAt: new Date(start.getTime() + 60_000).toISOString(), active: false },
        userErrors: [],
      },
    });
    const events = await database.prisma.auditEvent.count({ where: { action: 'api_token.revoke' } });
    expect(events).toBe(1);

    const unknownId = Buffer.from('ApiToken:00000000-0000-7000-8000-000000000000').toString('base64url');
    expect(
      (await requestGraphql(server.url, revokeMutation, { input: { id: unknownId } }, admin)).body.data,
    ).toEqual({
      revokeApiToken: { apiToken: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }] },
    });
    expect(
      codesOf(await requestGraphql(server.url, revokeMutation, { input: { id: 'garbage' } }, admin)),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an expired token with 401, and unknown tokens too', async () => {
    const expiresAt = new Date(start.getTime() + 3_600_000);
    const { payload } = await createToken({
      name: 'short-lived',
      scopes: ['SITES_READ'],
      expiresAt: expiresAt.toISOString(),
    });
    clock = new Date(expiresAt.getTime() - 1);
    expect((await requestGraphql(server.url, '{ sites { name } }', {}, bearer(payload?.token))).status).toBe(
      200,
    );
    clock = expiresAt;
    const expired: HttpGraphqlResult = await requestGraphql(
      server.url,
      '{ sites { name } }',
      {},
      bearer(payload?.token),
    );
    expect(expired.status).toBe(401);
    expect(codesOf(expired)).toEqual(['UNAUTHENTICATED']);
    const list = await requestGraphql(
      server.url,
      '{ apiTokens(first: 100) { nodes { name active } } }',
      {},
      admin,
    );
    expect(list.body.data?.apiTokens).toMatchObject({
      nodes: expect.arrayContaining([{ name: 'short-lived', active: false }]),
    });

    const unknown = await requestGraphql(server.url, '{ apiVersion }', {}, bearer(`cfd_${'x'.repeat(43)}`));
    expect(unknown.status).toBe(401);
    expect(codesOf(unknown)).toEqual(['UNAUTHENTICATED']);
  });

  it('pages through tokens newest first', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      clock = new Date(clock.getTime() + 1000);
      await createToken({ name, scopes: ['SITES_READ'] });
    }
    const query = `query ($after: String) { apiTokens(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`;
    const first = await requestGraphql<{
      apiTokens: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: { name: string }[];
      };
    }>(server.url, query, {}, admin);
    const page = first.body.data?.apiTokens;
    expect(page?.nodes.map(({ name }) => name)).toEqual(['page-c', 'page-b']);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    expect(page?.totalCount).toBe(await database.prisma.apiToken.count());
    const second = await requestGraphql<{ apiTokens: { nodes: { name: string }[] } }>(
      server.url,
      query,
      { after: page?.pageInfo.endCursor },
      admin,
    );
    expect(second.body.data?.apiTokens.nodes[0]?.name).toBe('page-a');
  });

  it('fetches a token by global id through node(id:) for admins only', async () => {
    const id = (await createToken({ name: 'by node', scopes: ['SITES_READ'] })).payload?.apiToken?.id;
    const query = 'query ($id: ID!) { node(id: $id) { __typename ... on ApiToken { name } } }';
    expect((await requestGraphql(server.url, query, { id }, admin)).body.data).toEqual({
      node: { __typename: 'ApiToken', name: 'by node' },
    });
    expect(codesOf(await requestGraphql(server.url, query, { id }, sales))).toEqual(['NOT_FOUND']);
  });
});
