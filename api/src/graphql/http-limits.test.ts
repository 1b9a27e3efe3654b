import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../shared/database.ts';
import type { RunningServer } from '../server/start-server.ts';
import { startTestServer } from '../testing/test-server.ts';
import {
  anonymousCaller,
  createStaffCaller,
  createTokenCaller,
  errorCodes,
  postGraphql,
  type HttpCaller,
} from '../testing/http-callers.ts';

/** Every field of an audit event: ten scalars per node, for the cost limit. */
const auditEventFields =
  'id occurredAt actorType actorLabel action targetType targetIds requestId details redactedAt';

/**
 * A query `depth` fields deep whatever the schema holds: `__type { ofType { … } }` nests without
 * end, and unlike `__schema` it is not exempt from the depth limit.
 */
function nestedTypeQuery(depth: number): string {
  return `{ __type(name: "Query") { ${'ofType { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)} } }`;
}

/** The text that broke a hostile-input request, for a readable failure. */
const show = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** Strings that must never produce a 500: SQL, huge, control characters, broken UTF-16, look-alikes. */
const hostileStrings = [
  "' OR 1=1 --",
  '"; DROP TABLE "AuditEvent"; --',
  '\') UNION SELECT * FROM "Session" --',
  '%_\\',
  '$1::text',
  'x'.repeat(50_000),
  '\u0000',
  'a\u0000b',
  Array.from({ length: 31 }, (_, code) => String.fromCharCode(code + 1)).join(''),
  '\u007f\u0085\u2028\u2029\u202e',
  '\ud800',
  'tail\udfff',
  '\udbff\udfff',
  '🙂 Ünïcödé',
  '<script>alert(1)</script>',
  '{"$gt": ""}',
  'QXVkaXRFdmVudDox', // a real-looking global id
];

describe.each(databaseKinds)('limits and bad input over HTTP on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let production: RunningServer;
  let privacy: HttpCaller;
  let token: HttpCaller;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    server = await startTestServer(database);
    production = await startTestServer(database, {
      NODE_ENV: 'production',
      IP_HASH_SECRET: 'test-'.repeat(8),
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      CONVERSATION_TOKEN_SECRET: 'test-'.repeat(8),
      TURNSTILE_SECRET: 'test-turnstile-secret',
      SUBJECT_HASH_SECRET: 'subject-'.repeat(4),
    });
    privacy = await createStaffCaller(database.prisma, ['PRIVACY']);
    token = await createTokenCaller(database.prisma, ['audit:read']);
  });
  afterAll(async () => {
    await server?.stop();
    await production?.stop();
    await database?.close();
  });

  describe('graphql-armor limits', () => {
    it('accepts an ordinary Relay query well within the limits', async () => {
      const response = await postGraphql(server.url, privacy, {
        query: `{ auditEvents(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${auditEventFields} } } } }`,
      });
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
    });

    it('refuses a query nested deeper than 12 levels', async () => {
      expect((await postGraphql(server.url, privacy, { query: nestedTypeQuery(12) })).status).toBe(200);
      const response = await postGraphql(server.url, privacy, { query: nestedTypeQuery(14) });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          message: 'Query depth limit of 12 exceeded, found 14.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    });

    it('refuses a query whose estimated cost is over 20,000 (lists count `first` times)', async () => {
      const aliases = [1, 2, 3, 4, 5].map(
        (index) => `page${index}: auditEvents(first: 100) { edges { node { ${auditEventFields} } } }`,
      );
      const response = await postGraphql(server.url, token, { query: `{ ${aliases.join(' ')} }` });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          message: 'Query Cost limit of 20000 exceeded, found 21625.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    });

    it('refuses more than 20 aliases', async () => {
      const aliases = Array.from({ length: 21 }, (_, index) => `v${index}: apiVersion`);
      const response = await postGraphql(server.url, anonymousCaller, { query: `{ ${aliases.join(' ')} }` });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          message: 'Aliases limit of 20 exceeded, found 21.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    });

    it('refuses more than 20 directives', async () => {
      const fields = Array.from({ length: 21 }, () => '__typename @include(if: true)');
      const response = await postGraphql(server.url, anonymousCaller, { query: `{ ${fields.join(' ')} }` });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          message: 'Directives limit of 20 exceeded, found 21.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    });

    it('refuses a document of more than 2,000 tokens before parsing all of it', async () => {
      const response = await postGraphql(server.url, anonymousCaller, {
        query: `{ ${'__typename '.repeat(2_000)} }`,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toMatchObject([
        {
          message:
            'Syntax Error: The document has more than 2000 tokens (names, punctuation, values), the most one request may have.',
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ]);
    });
  });

  describe('bad requests', () => {
    it('answers first: 101 and last: 0 with BAD_USER_INPUT naming the argument', async () => {
      const tooMany = await postGraphql(server.url, privacy, {
        query: '{ auditEvents(first: 101) { totalCount } }',
      });
      expect(tooMany.body.errors).toMatchObject([
        {
          message: 'first must not be greater than 100',
          path: ['auditEvents'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
        },
      ]);
      const none = await postGraphql(server.url, privacy, {
        query: '{ auditEvents(last: 0) { totalCount } }',
      });
      expect(none.body.errors).toMatchObject([
        { message: 'last must not be less than 1', extensions: { code: 'BAD_USER_INPUT', argument: 'last' } },
      ]);
      // The error names nested input fields by their path and never echoes the value back.
      const nested = await postGraphql(server.url, privacy, {
        query: 'query($actions: [String!]) { auditEvents(filter: { actions: $actions }) { totalCount } }',
        variables: { actions: ['x'.repeat(101)] },
      });
      expect(nested.body.errors).toMatchObject([
        {
          message: 'each value in filter.actions must be shorter than or equal to 100 characters',
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.actions' },
        },
      ]);
      expect(JSON.stringify(nested.body)).not.toContain('x'.repeat(101));
    });

    it('answers a body that is not JSON with a 400 JSON error', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": "{ apiVersion }"',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
    });

    it('answers a body over 100 kB with a 413 JSON error in the media type asked for', async () => {
      const body = JSON.stringify({
        query: '{ apiVersion }',
        variables: { padding: 'x'.repeat(101 * 1024) },
      });
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body,
        });
        expect(response.status).toBe(413);
        expect(response.headers.get('content-type')).toMatch(new RegExp(`^${accept.replace('+', '\\+')}`));
        expect(await response.json()).toEqual({
          errors: [
            {
              message: 'The request body is larger than the 100 kB limit',
              extensions: { code: 'PAYLOAD_TOO_LARGE' },
            },
          ],
        });
      }
    });

    it('answers a variable of the wrong type with a 400 BAD_USER_INPUT naming it', async () => {
      const response = await postGraphql(server.url, privacy, {
        query: 'query($first: Int) { auditEvents(first: $first) { totalCount } }',
        variables: { first: 'ten' },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toMatchObject([
        {
          message: 'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ]);
    });

    it('answers a syntax error with a 400 GRAPHQL_PARSE_FAILED and its location', async () => {
      const response = await postGraphql(server.url, anonymousCaller, { query: '{ auditEvents(first: ) }' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          message: 'Syntax Error: Unexpected ")".',
          locations: [{ line: 1, column: 22 }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ]);
    });

    it('answers in application/graphql-response+json when asked to', async () => {
      const response = await postGraphql(
        server.url,
        anonymousCaller,
        { query: '{ apiVersion }' },
        { accept: 'application/graphql-response+json' },
      );
      expect(response.contentType).toMatch(/^application\/graphql-response\+json/);
      const failed = await postGraphql(
        server.url,
        anonymousCaller,
        { query: '{ nope }' },
        { accept: 'application/graphql-response+json' },
      );
      expect(failed.status).toBe(400);
      expect(failed.contentType).toMatch(/^application\/graphql-response\+json/);
    });

    it('serves queries over GET when a preflight-forcing header is present, never mutations', async () => {
      const url = `${server.url}/graphql?query=${encodeURIComponent('{ apiVersion }')}`;
      const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { apiVersion: '0.1.0' } });
      const mutation = `${server.url}/graphql?query=${encodeURIComponent('mutation { __typename }')}`;
      expect((await fetch(mutation, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(405);
    });
  });

  describe('what anonymous callers learn about the schema', () => {
    it('gives field suggestions to signed-in callers only', async () => {
      const query = '{ apiVersio auditEvents(firs: 1) { totalCount } }';
      const anonymous = await postGraphql(server.url, anonymousCaller, { query });
      expect(anonymous.status).toBe(400);
      expect(anonymous.body.errors?.map((error) => error.message)).toEqual([
        'Cannot query field "apiVersio" on type "Query".',
        'Unknown argument "firs" on field "Query.auditEvents".',
      ]);
      for (const caller of [privacy, token]) {
        const signedIn = await postGraphql(server.url, caller, { query });
        expect(signedIn.body.errors?.map((error) => error.message)).toEqual([
          'Cannot query field "apiVersio" on type "Query". Did you mean "apiVersion"?',
          'Unknown argument "firs" on field "Query.auditEvents". Did you mean "first"?',
        ]);
      }
    });

    it('refuses introspection to anonymous callers in production, not to staff or tokens', async () => {
      for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Query") { name } }']) {
        const anonymous = await postGraphql(production.url, anonymousCaller, { query });
        expect(anonymous.status).toBe(401);
        expect(anonymous.body.errors).toEqual([
          {
            message: 'Introspection needs a signed-in user or an API token',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ]);
        for (const caller of [privacy, token]) {
          const allowed = await postGraphql(production.url, caller, { query });
          expect(allowed.status).toBe(200);
          expect(allowed.body.errors).toBeUndefined();
        }
      }
      // Outside production (development, tests), introspection stays open for tools.
      const development = await postGraphql(server.url, anonymousCaller, {
        query: '{ __schema { queryType { name } } }',
      });
      expect(development.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      // __typename is not introspection of the schema.
      const typename = await postGraphql(production.url, anonymousCaller, { query: '{ __typename }' });
      expect(typename.body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('hostile strings in arguments', () => {
    const query = `query($actions: [String!], $actorId: ID, $targetId: ID, $after: String) {
      auditEvents(first: 5, after: $after, filter: { actions: $actions, actorId: $actorId, targetId: $targetId }) {
        totalCount edges { node { id action } }
      }
    }`;

    it.each(hostileStrings.map((value) => [show(value), value] as const))(
      'never answers %s with a 500',
      async (_label, value) => {
        const variableSets = [
          { actions: [value] },
          { actorId: value },
          { targetId: value },
          { after: value },
        ];
        for (const variables of variableSets) {
          const response = await postGraphql(server.url, token, { query, variables });
          expect(response.status, JSON.stringify(variables).slice(0, 80)).toBeLessThan(500);
          expect(errorCodes(response)).not.toContain('INTERNAL_SERVER_ERROR');
          for (const code of errorCodes(response)) expect(code).toBe('BAD_USER_INPUT');
        }
      },
    );

    it('refuses NUL characters and broken UTF-16 with a message naming the variable', async () => {
      const nul = await postGraphql(server.url, token, { query, variables: { actions: ['ok', 'a\u0000b'] } });
      expect(nul.status).toBe(400);
      expect(nul.body.errors).toEqual([
        {
          message: 'Variable "$actions[1]" contains a NUL character (U+0000), which text cannot hold',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ]);
      const surrogate = await postGraphql(server.url, token, { query, variables: { targetId: 'x\ud800' } });
      expect(surrogate.body.errors?.[0]?.message).toBe(
        'Variable "$targetId" is not valid Unicode (an unpaired UTF-16 surrogate), which text cannot hold',
      );
      const literal = await postGraphql(server.url, token, {
        query: '{ auditEvents(filter: { actions: ["a\\u0000"] }) { totalCount } }',
      });
      expect(literal.body.errors?.[0]?.message).toBe(
        'The string literal on line 1 contains a NUL character (U+0000), which text cannot hold',
      );
    });

    it('treats SQL in a filter as plain text', async () => {
      const before = await database.prisma.auditEvent.count();
      const response = await postGraphql(server.url, token, {
        query,
        variables: { actions: ["x' OR '1'='1", '"; DELETE FROM "AuditEvent"; --'] },
      });
      expect(response.body).toEqual({ data: { auditEvents: { totalCount: 0, edges: [] } } });
      // Only the audit.read event of that very request was added.
      expect(await database.prisma.auditEvent.count()).toBe(before + 1);
    });
  });
});
