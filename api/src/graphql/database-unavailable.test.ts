import { openDatabase } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiTokenPrefix, generateSecret, hashSecret } from '../auth/secrets.ts';
import { tokenScopes } from '../auth/policy.ts';
import type { RunningServer } from '../server/start-server.ts';
import type { Database } from '../shared/database.ts';
import { createTestGraphQLClient, testViewers } from '../testing/graphql-client.ts';
import { startTestServer } from '../testing/test-server.ts';

describe.each(databaseKinds)('GraphQL when the %s database is gone', (kind) => {
  let database: Database;
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    server = await startTestServer(database);
    token = generateSecret(apiTokenPrefix);
    await database.prisma.apiToken.create({
      data: {
        name: 'test',
        tokenHash: hashSecret(token),
        tokenPrefix: token.slice(0, 8),
        scopes: [...tokenScopes],
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  const post = async (query: string, bearer: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: unknown;
        errors?: { message: string; extensions: { code: string } }[];
      },
    };
  };

  it('answers 503 SERVICE_UNAVAILABLE, not a 500, for a query and for a token that needs looking up', async () => {
    const before = await post('{ sites { name } }', token);
    expect(before.status).toBe(200);

    await database.close();
    const unavailable = {
      message: 'The database is unavailable at the moment; try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
    // The token is still cached, so the failure comes from the resolver.
    const query = await post('{ sites { name } }', token);
    expect(query.status).toBe(503);
    expect(query.body.errors).toEqual([expect.objectContaining(unavailable)]);
    // An unknown token has to be looked up while the context is built.
    const lookup = await post('{ sites { name } }', generateSecret(apiTokenPrefix));
    expect(lookup.status).toBe(503);
    expect(lookup.body.errors).toEqual([unavailable]);
  });
});

describe('GraphQL when PostgreSQL refuses connections', () => {
  it('maps the refused connection to SERVICE_UNAVAILABLE', async () => {
    // Nothing listens on port 1: every connection attempt is refused.
    const database = await openDatabase({
      databaseUrl: 'postgresql://postgres@127.0.0.1:1/confide',
      dataDirectory: 'memory://',
    });
    const client = await createTestGraphQLClient(database.prisma);
    try {
      const { data, errors } = await client.executeAs(
        testViewers.token([...tokenScopes]),
        '{ sites { name } }',
      );
      expect(data).toBeNull();
      expect(errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      await client.stop();
      await database.close();
    }
  });
});
