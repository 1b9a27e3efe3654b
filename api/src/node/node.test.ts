import 'reflect-metadata';
import { seedDemo } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Permission } from '../auth/policy.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';

const now = new Date('2026-11-02T10:00:00.000Z');

const nodeQuery = /* GraphQL */ `
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Conversation {
        channel
      }
      ... on Message {
        role
      }
      ... on Site {
        name
      }
    }
  }
`;

const nodesQuery = /* GraphQL */ `
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
    }
  }
`;

type NodeResult = { __typename: string; id: string } | null;

function codesOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): unknown[] {
  return (errors ?? []).map((error) => error.extensions?.code);
}

describe.each(databaseKinds)('node and nodes on %s', (kind) => {
  let database: Database;
  let client: TestGraphQLClient;
  const sales: Viewer = testViewers.staff(['SALES']);
  let ids: { conversation: string; message: string; site: string };

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    await seedDemo(database.prisma, { now });
    client = await createTestGraphQLClient(database.prisma, { now: () => now });
    const message = await database.prisma.message.findFirstOrThrow({ include: { conversation: true } });
    ids = {
      conversation: toGlobalId('Conversation', message.conversationId),
      message: toGlobalId('Message', message.id),
      site: toGlobalId('Site', message.conversation.siteId),
    };
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  it.each([
    ['Conversation', 'conversation'],
    ['Message', 'message'],
    ['Site', 'site'],
  ] as const)('fetches a %s by its global id', async (typeName, key) => {
    const { data, errors } = await client.executeAs<{ node: NodeResult }>(sales, nodeQuery, { id: ids[key] });
    expect(errors).toBeUndefined();
    expect(data!.node).toMatchObject({ __typename: typeName, id: ids[key] });
  });

  it.each([
    ['an id of nothing', toGlobalId('Conversation', '01a00000-0000-7000-8000-000000000000')],
    ['an id of an unknown type', toGlobalId('Spaceship', '01a00000-0000-7000-8000-000000000000')],
    ['a malformed id', '\'; DROP TABLE "Site"; --'],
    ['an empty id', ''],
  ])('answers NOT_FOUND for %s', async (_case, id) => {
    const { data, errors } = await client.executeAs<{ node: NodeResult }>(sales, nodeQuery, { id });
    expect(data).toBeNull();
    expect(codesOf(errors)).toEqual(['NOT_FOUND']);
  });

  it('answers NOT_FOUND for an object the caller may not see, exactly as for a missing one', async () => {
    const sitesOnly = testViewers.token([Permission.sitesRead]);
    const hidden = await client.executeAs<{ node: NodeResult }>(sitesOnly, nodeQuery, {
      id: ids.conversation,
    });
    const missing = await client.executeAs<{ node: NodeResult }>(sitesOnly, nodeQuery, {
      id: toGlobalId('Conversation', '01a00000-0000-7000-8000-000000000000'),
    });
    expect(hidden.errors).toEqual(missing.errors);
    expect(codesOf(hidden.errors)).toEqual(['NOT_FOUND']);
    const site = await client.executeAs<{ node: NodeResult }>(sitesOnly, nodeQuery, { id: ids.site });
    expect(site.data!.node).toMatchObject({ __typename: 'Site' });
  });

  it('fetches several objects in order, with null for what the caller cannot see', async () => {
    const missing = toGlobalId('Message', '01a00000-0000-7000-8000-000000000000');
    const { data, errors } = await client.executeAs<{ nodes: NodeResult[] }>(sales, nodesQuery, {
      ids: [ids.site, 'garbage', ids.message, missing, ids.conversation, ids.site],
    });
    expect(errors).toBeUndefined();
    expect(data!.nodes.map((node) => node?.__typename ?? null)).toEqual([
      'Site',
      null,
      'Message',
      null,
      'Conversation',
      'Site',
    ]);
    const token = testViewers.token([Permission.conversationsRead]);
    const limited = await client.executeAs<{ nodes: NodeResult[] }>(token, nodesQuery, {
      ids: [ids.site, ids.conversation],
    });
    expect(limited.data!.nodes.map((node) => node?.__typename ?? null)).toEqual([null, 'Conversation']);
  });

  it('refuses more than 100 ids with BAD_USER_INPUT', async () => {
    const { errors } = await client.executeAs(sales, nodesQuery, {
      ids: Array.from({ length: 101 }, () => ids.site),
    });
    expect(codesOf(errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses anonymous callers', async () => {
    const { errors } = await client.executeAs(testViewers.anonymous, nodeQuery, { id: ids.site });
    expect(codesOf(errors)).toEqual(['UNAUTHENTICATED']);
  });
});
