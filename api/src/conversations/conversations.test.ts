import 'reflect-metadata';
import { ERASURE_DEMO_EMAIL, seedDemo, type Conversation as ConversationRow } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { AuditRecorder } from '../audit/audit-recorder.ts';
import { Permission } from '../auth/policy.ts';
import { actorOf } from '../graphql/apollo.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { Database } from '../shared/database.ts';
import { fromGlobalId, toGlobalId } from '../shared/global-id.ts';
import { encodeCursor, type CursorPosition } from '../shared/pagination.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';
import { createCountingPrisma, type CountingPrisma } from '../testing/query-counter.ts';
import { defaultSearchProbeWindow, listConversations } from './list-conversations.ts';

const now = new Date('2026-11-02T10:00:00.000Z');

interface Match {
  field: string;
  messageId: string | null;
  snippet: string;
  highlights: { start: number; end: number }[];
}

interface ConversationNode {
  id: string;
  lastMessageAt: string;
  startedAt: string;
  matches?: Match[] | null;
}

interface ConversationsPage {
  conversations: {
    totalCount?: number;
    edges: { cursor: string; node: ConversationNode }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

const pageQuery = /* GraphQL */ `
  query Page(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $search: String
    $filter: ConversationFilter
    $orderBy: ConversationOrder
  ) {
    conversations(
      first: $first
      after: $after
      last: $last
      before: $before
      search: $search
      filter: $filter
      orderBy: $orderBy
    ) {
      totalCount
      edges {
        cursor
        node {
          id
          lastMessageAt
          startedAt
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

const searchQuery = /* GraphQL */ `
  query Search($search: String!) {
    conversations(search: $search, first: 100) {
      totalCount
      edges {
        node {
          id
          matches {
            field
            messageId
            snippet
            highlights {
              start
              end
            }
          }
        }
      }
    }
  }
`;

/** Words as PostgreSQL's 'simple' parser splits them, lower-cased. */
function wordsOf(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
}

function codesOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): unknown[] {
  return (errors ?? []).map((error) => error.extensions?.code);
}

describe.each(databaseKinds)('conversations on %s', (kind) => {
  let database: Database;
  let client: TestGraphQLClient;
  let sales: Viewer;
  let conversations: ConversationRow[];
  let messages: { id: string; conversationId: string; text: string }[];
  let leads: {
    id: string;
    conversationId: string | null;
    name: string | null;
    emailNormalized: string | null;
    company: string | null;
  }[];
  const globalIds = (ids: Iterable<string>) => [...ids].map((id) => toGlobalId('Conversation', id)).sort();

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    await seedDemo(database.prisma, { now });
    client = await createTestGraphQLClient(database.prisma, { now: () => now });
    const salesUser = await database.prisma.staffUser.findFirstOrThrow({
      where: { email: 'sales@confide.test' },
    });
    sales = testViewers.staff(['SALES'], salesUser);
    conversations = await database.prisma.conversation.findMany();
    messages = await database.prisma.message.findMany({
      select: { id: true, conversationId: true, text: true },
    });
    leads = await database.prisma.lead.findMany({
      select: { id: true, conversationId: true, name: true, emailNormalized: true, company: true },
    });
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  async function page(variables: Record<string, unknown>, viewer: Viewer = sales) {
    return client.executeAs<ConversationsPage>(viewer, pageQuery, variables);
  }

  /** Conversations whose message text holds `word` as a whole word, or whose lead contains it. */
  function expectedForWord(word: string): Set<string> {
    const lower = word.toLowerCase();
    const ids = new Set(
      messages.filter((message) => wordsOf(message.text).has(lower)).map((m) => m.conversationId),
    );
    for (const lead of leads) {
      const contact = [lead.name, lead.emailNormalized, lead.company].filter((value) => value !== null);
      if (lead.conversationId && contact.some((value) => value.toLowerCase().includes(lower))) {
        ids.add(lead.conversationId);
      }
    }
    return ids;
  }

  describe('listing and pagination', () => {
    it('lists every conversation, most recent last message first, with totalCount', async () => {
      const { data, errors } = await page({ first: 100 });
      expect(errors).toBeUndefined();
      const expected = [...conversations]
        .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((conversation) => toGlobalId('Conversation', conversation.id));
      expect(data?.conversations.totalCount).toBe(conversations.length);
      expect(data?.conversations.edges.map((edge) => edge.node.id)).toEqual(expected);
      expect(data?.conversations.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    });

    it.each([
      ['LAST_MESSAGE_AT', 'lastMessageAt'],
      ['STARTED_AT', 'startedAt'],
      ['EXPIRES_AT', 'expiresAt'],
    ] as const)('pages forward and back with cursors, ordered by %s', async (field, column) => {
      for (const direction of ['ASC', 'DESC'] as const) {
        const sign = direction === 'ASC' ? 1 : -1;
        const expected = [...conversations]
          .sort((a, b) => sign * (a[column].getTime() - b[column].getTime() || (a.id < b.id ? -1 : 1)))
          .map((conversation) => toGlobalId('Conversation', conversation.id));
        const orderBy = { field, direction };

        const forward: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 20; pages += 1) {
          const { data, errors } = await page({ first: 7, after, orderBy });
          expect(errors).toBeUndefined();
          const connection = data!.conversations;
          forward.push(...connection.edges.map((edge) => edge.node.id));
          expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
          if (!connection.pageInfo.hasNextPage) break;
          after = connection.pageInfo.endCursor;
        }
        expect(forward).toEqual(expected);

        const backward: string[] = [];
        let before: string | null = null;
        for (let pages = 0; pages < 20; pages += 1) {
          const { data, errors } = await page({ last: 7, before, orderBy });
          expect(errors).toBeUndefined();
          const connection = data!.conversations;
          backward.unshift(...connection.edges.map((edge) => edge.node.id));
          if (!connection.pageInfo.hasPreviousPage) break;
          before = connection.pageInfo.startCursor;
        }
        expect(backward).toEqual(expected);
      }
    });

    it.each([
      ['first above 100', { first: 101 }],
      ['last above 100', { last: 101 }],
      ['first of 0', { first: 0 }],
      ['first and last together', { first: 5, last: 5 }],
      ['an undecodable cursor', { first: 5, after: 'not a cursor!' }],
      ['a cursor that is not base64 JSON', { first: 5, after: 'bm90IGpzb24' }],
      [
        'a cursor with a bad timestamp',
        { first: 5, after: encodeCursor(['yesterday', '01a12ad1-e468-78e7-83b4-a40687028a78']) },
      ],
      [
        'a cursor with a bad id',
        { first: 5, after: encodeCursor(['2026-10-01T00:00:00.000Z', "1' OR '1'='1"]) },
      ],
      ['a backward cursor with a number', { last: 5, before: encodeCursor([42, 'x']) }],
    ])('refuses %s with BAD_USER_INPUT', async (_case, variables) => {
      const { data, errors } = await page(variables);
      expect(data?.conversations ?? null).toBeNull();
      expect(codesOf(errors)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('filters', () => {
    const byFilter: [string, Record<string, unknown>, (conversation: ConversationRow) => boolean][] = [
      ['channel', { channel: 'AI_PAGE' }, (c) => c.channel === 'AI_PAGE'],
      ['country (any case)', { country: 'ua' }, (c) => c.country === 'UA'],
      ['hasLead: true', { hasLead: true }, (c) => leads.some((lead) => lead.conversationId === c.id)],
      ['hasLead: false', { hasLead: false }, (c) => !leads.some((lead) => lead.conversationId === c.id)],
      [
        'started range (half-open)',
        { startedAfter: '2026-10-01T00:00:00.000Z', startedBefore: '2026-10-25T00:00:00.000Z' },
        (c) =>
          c.startedAt >= new Date('2026-10-01T00:00:00.000Z') &&
          c.startedAt < new Date('2026-10-25T00:00:00.000Z'),
      ],
      [
        'last message range',
        { lastMessageAfter: '2026-10-20T00:00:00.000Z', lastMessageBefore: '2026-11-01T00:00:00.000Z' },
        (c) =>
          c.lastMessageAt >= new Date('2026-10-20T00:00:00.000Z') &&
          c.lastMessageAt < new Date('2026-11-01T00:00:00.000Z'),
      ],
      [
        'expiringBefore',
        { expiringBefore: '2026-12-01T00:00:00.000Z' },
        (c) => c.expiresAt < new Date('2026-12-01T00:00:00.000Z'),
      ],
    ];

    it.each(byFilter)('filters by %s', async (_name, filter, predicate) => {
      const expected = conversations.filter(predicate).map((c) => c.id);
      const { data, errors } = await page({ first: 100, filter });
      expect(errors).toBeUndefined();
      expect(data?.conversations.edges.map((edge) => edge.node.id).sort()).toEqual(globalIds(expected));
      expect(data?.conversations.totalCount).toBe(expected.length);
    });

    it('filters by site, combined with other conditions', async () => {
      const siteId = conversations[0]!.siteId;
      const expected = conversations
        .filter((c) => c.siteId === siteId && c.channel === 'WIDGET')
        .map((c) => c.id);
      expect(expected.length).toBeGreaterThan(0);
      const { data, errors } = await page({
        first: 100,
        filter: { siteIds: [toGlobalId('Site', siteId)], channel: 'WIDGET' },
      });
      expect(errors).toBeUndefined();
      expect(data?.conversations.edges.map((edge) => edge.node.id).sort()).toEqual(globalIds(expected));
    });

    it.each([
      [
        'a site id of another type',
        { siteIds: [toGlobalId('Conversation', '01a12ad1-e468-78e7-83b4-a40687028a78')] },
      ],
      ['a site id that is no global id', { siteIds: ['\'; DROP TABLE "Site"; --'] }],
      ['a country that is no ISO code', { country: 'Ukraine' }],
      ['a channel that does not exist', { channel: 'EMAIL' }],
      ['a date that is no date', { startedAfter: 'last tuesday' }],
    ])('refuses %s with BAD_USER_INPUT', async (_case, filter) => {
      const { errors } = await page({ first: 5, filter });
      expect(codesOf(errors)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('search', () => {
    it.each([
      ['Ukrainian', 'тариф'],
      ['Ukrainian', 'зберігаються'],
      ['Ukrainian', 'скільки'],
      ['Russian', 'хранятся'],
      ['Russian', 'спасибо'],
      ['Russian', 'Пожалуйста'],
      ['English', 'Salesforce'],
      ['English', 'gdpr'],
    ])('finds a %s word (%s) in message text, with highlighted snippets', async (_language, word) => {
      const expected = expectedForWord(word);
      expect(expected.size).toBeGreaterThan(0);
      const { data, errors } = await client.executeAs<ConversationsPage>(sales, searchQuery, {
        search: word,
      });
      expect(errors).toBeUndefined();
      const edges = data!.conversations.edges;
      expect(edges.map((edge) => edge.node.id).sort()).toEqual(globalIds(expected));
      expect(data!.conversations.totalCount).toBe(expected.size);
      for (const { node } of edges) {
        const textMatches = node.matches!.filter((match) => match.field === 'MESSAGE_TEXT');
        expect(textMatches.length).toBeGreaterThan(0);
        for (const match of textMatches) {
          expect(match.snippet).not.toContain('\u0002');
          expect(match.snippet).not.toContain('\u0003');
          expect(match.highlights.length).toBeGreaterThan(0);
          for (const { start, end } of match.highlights) {
            expect(match.snippet.slice(start, end).toLowerCase()).toBe(word.toLowerCase());
          }
        }
      }
    });

    it('finds the erasure demo email in message text and in the lead contact, ignoring case', async () => {
      const inText = messages
        .filter((m) => m.text.toLowerCase().includes(ERASURE_DEMO_EMAIL))
        .map((m) => m.conversationId);
      const asLead = leads
        .filter((lead) => lead.emailNormalized === ERASURE_DEMO_EMAIL)
        .map((l) => l.conversationId!);
      expect(inText.length).toBeGreaterThan(0);
      expect(asLead.length).toBe(1);
      const { data, errors } = await client.executeAs<ConversationsPage>(sales, searchQuery, {
        search: ` ${ERASURE_DEMO_EMAIL.toUpperCase()} `,
      });
      expect(errors).toBeUndefined();
      const nodes = data!.conversations.edges.map((edge) => edge.node);
      expect(nodes.map((node) => node.id).sort()).toEqual(globalIds(new Set([...inText, ...asLead])));
      const leadConversation = nodes.find((node) => node.id === toGlobalId('Conversation', asLead[0]!))!;
      const emailMatch = leadConversation.matches!.find((match) => match.field === 'LEAD_EMAIL')!;
      expect(emailMatch.messageId).toBeNull();
      const [highlight] = emailMatch.highlights;
      expect(emailMatch.snippet.slice(highlight!.start, highlight!.end).toLowerCase()).toBe(
        ERASURE_DEMO_EMAIL,
      );
    });

    it('matches lead name and company by substring, treating LIKE wildcards literally', async () => {
      const harbor = await client.executeAs<ConversationsPage>(sales, searchQuery, {
        search: 'harbor & fin',
      });
      const olena = leads.find((lead) => lead.emailNormalized === ERASURE_DEMO_EMAIL)!;
      expect(harbor.errors).toBeUndefined();
      const node = harbor.data!.conversations.edges.find(
        (edge) => edge.node.id === toGlobalId('Conversation', olena.conversationId!),
      )!.node;
      expect(node.matches).toContainEqual({
        field: 'LEAD_COMPANY',
        messageId: null,
        snippet: 'Harbor & Finch',
        highlights: [{ start: 0, end: 12 }],
      });
      const byName = await client.executeAs<ConversationsPage>(sales, searchQuery, { search: 'Kovalenk' });
      expect(byName.data!.conversations.edges.map((edge) => edge.node.id)).toContain(
        toGlobalId('Conversation', olena.conversationId!),
      );
      const wildcard = await client.executeAs<ConversationsPage>(sales, searchQuery, { search: '%_%' });
      expect(wildcard.errors).toBeUndefined();
      expect(wildcard.data!.conversations.totalCount).toBe(0);
    });

    it('combines search with filters and pagination', async () => {
      const word = 'тариф';
      const expected = conversations
        .filter((c) => expectedForWord(word).has(c.id))
        .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : 1))
        .map((c) => toGlobalId('Conversation', c.id));
      const first = await page({
        first: 2,
        search: word,
        orderBy: { field: 'STARTED_AT', direction: 'ASC' },
      });
      expect(first.data!.conversations.totalCount).toBe(expected.length);
      const second = await page({
        first: 100,
        after: first.data!.conversations.pageInfo.endCursor,
        search: word,
        orderBy: { field: 'STARTED_AT', direction: 'ASC' },
      });
      expect(
        [...first.data!.conversations.edges, ...second.data!.conversations.edges].map((edge) => edge.node.id),
      ).toEqual(expected);
    });

    it('pages through search results the same way whether a page stops early or collects every match', async () => {
      const context = {
        prisma: database.prisma,
        viewer: sales,
        audit: new AuditRecorder(database.prisma, actorOf(sales), 'paging-test', () => new Date()),
      };
      const limit = 2;
      // Which way each page went, worked out from the data: both must occur, or the test proves nothing.
      const ways = new Set<string>();
      const cases = [
        { word: 'тариф', channel: undefined },
        { word: 'тариф', channel: 'WIDGET' as const },
        { word: 'gdpr', channel: undefined },
        { word: 'Kovalenk', channel: undefined },
      ];
      for (const window of [1, 3, 6, defaultSearchProbeWindow]) {
        for (const { word, channel } of cases) {
          for (const [field, column] of [
            ['LAST_MESSAGE_AT', 'lastMessageAt'],
            ['STARTED_AT', 'startedAt'],
          ] as const) {
            for (const direction of ['ASC', 'DESC'] as const) {
              const sign = direction === 'ASC' ? 1 : -1;
              const inOrder = conversations
                .filter((c) => channel === undefined || c.channel === channel)
                .sort((a, b) => sign * (a[column].getTime() - b[column].getTime() || (a.id < b.id ? -1 : 1)));
              const matching = expectedForWord(word);
              const expected = inOrder.filter((c) => matching.has(c.id)).map((c) => c.id);
              expect(expected.length).toBeGreaterThan(0);

              const found: string[] = [];
              let after: CursorPosition | undefined;
              for (let pages = 0; pages < 50; pages += 1) {
                const rest = after
                  ? inOrder.slice(inOrder.findIndex((c) => c.id === after![1]) + 1)
                  : inOrder;
                const early = rest.slice(0, window).filter((c) => matching.has(c.id)).length > limit;
                ways.add(early || rest.length < window ? 'early' : 'every match');
                const result = await listConversations(context, {
                  search: word,
                  criteria: { channel },
                  orderBy: { field, direction },
                  page: { direction: 'forward', limit, after },
                  searchProbeWindow: window,
                });
                const rows = result.rows.slice(0, limit);
                found.push(...rows.map((row) => row.id));
                if (result.rows.length <= limit) break;
                after = result.sortValueOf(rows.at(-1)!);
              }
              expect(found, `${word} ${channel} ${field} ${direction}, window ${window}`).toEqual(expected);
            }
          }
        }
      }
      expect([...ways].sort()).toEqual(['early', 'every match']);
    });

    it.each([
      ['SQL', `'; DROP TABLE "Message"; --`],
      ['SQL in quotes', `" OR 1=1 --`],
      ['tsquery operators', `!(foo & | bar):* <-> '`],
      ['only punctuation', `-"" or ( )`],
      ['control characters', 'тариф\u0001\u0007\u001b[31m\u007f'],
      ['markup', '<script>alert(1)</script>'],
      ['backslashes', '\\\\%\\_'],
      ['an empty string', ''],
      ['whitespace', ' \t\n '],
      ['200 characters', 'я'.repeat(200)],
    ])('answers a hostile search (%s) without a server error', async (_case, search) => {
      const { data, errors } = await page({ first: 10, search });
      expect(errors).toBeUndefined();
      expect(data?.conversations.totalCount).toBeGreaterThanOrEqual(0);
      expect(await database.prisma.message.count()).toBe(messages.length);
    });

    it.each([
      ['a NUL character', 'тариф\u0000'],
      ['a lone surrogate', 'abc\ud800def'],
      ['201 characters', 'x'.repeat(201)],
      ['10 KB', 'тариф '.repeat(2000)],
    ])('refuses a search of %s with BAD_USER_INPUT', async (_case, search) => {
      const { errors } = await page({ first: 10, search });
      expect(codesOf(errors)).toEqual(['BAD_USER_INPUT']);
      expect(errors?.[0]?.message).not.toContain(search.slice(0, 50));
    });

    it('writes a conversation.search audit event with the result count, never the search text', async () => {
      const { data, context } = await client.executeAs<ConversationsPage>(sales, searchQuery, {
        search: ERASURE_DEMO_EMAIL,
      });
      const events = await database.prisma.auditEvent.findMany({
        where: { requestId: context.requestId, action: 'conversation.search' },
      });
      expect(events).toHaveLength(1);
      const resultCount = data!.conversations.edges.length;
      expect(events[0]).toMatchObject({
        actorType: 'STAFF',
        actorId: sales.kind === 'staff' ? sales.staffUserId : null,
        targetType: 'Conversation',
        details: { resultCount, searchLength: ERASURE_DEMO_EMAIL.length },
      });
      expect(events[0]!.targetIds).toHaveLength(resultCount);
      expect(JSON.stringify(events[0]!.details)).not.toContain('kovalenko');
    });
  });

  describe('authorization', () => {
    const detailQuery = /* GraphQL */ `
      {
        conversations(first: 5) {
          edges {
            node {
              id
              country
              city
              channel
              messages(first: 2) {
                nodes {
                  role
                  text
                }
              }
            }
          }
        }
      }
    `;

    it('gives a token with only conversations:read metadata, and null with FORBIDDEN for personal fields', async () => {
      const token = testViewers.token([Permission.conversationsRead]);
      const { data, errors } = await client.executeAs<{
        conversations: {
          edges: {
            node: {
              id: string;
              channel: string;
              city: null;
              messages: { nodes: { role: string; text: null }[] };
            };
          }[];
        };
      }>(token, detailQuery);
      const nodes = data!.conversations.edges.map((edge) => edge.node);
      expect(nodes).toHaveLength(5);
      for (const node of nodes) {
        expect(node.channel).toMatch(/WIDGET|AI_PAGE/);
        expect(node.city).toBeNull();
        for (const message of node.messages.nodes) {
          expect(message.role).toMatch(/VISITOR|ASSISTANT/);
          expect(message.text).toBeNull();
        }
      }
      expect(errors!.length).toBeGreaterThan(0);
      expect(new Set(codesOf(errors))).toEqual(new Set(['FORBIDDEN']));
      const paths = errors!.map((error) => error.path!.at(-1));
      expect(new Set(paths)).toEqual(new Set(['city', 'text']));
    });

    it('refuses a search to a caller without personal-data:read, and writes no search event', async () => {
      const token = testViewers.token([Permission.conversationsRead]);
      const { errors, context } = await client.executeAs(token, searchQuery, { search: 'тариф' });
      expect(codesOf(errors)).toEqual(['FORBIDDEN']);
      expect(await database.prisma.auditEvent.count({ where: { requestId: context.requestId } })).toBe(0);
    });

    it('refuses conversations to an ADMIN-only staff member and to a token without conversations:read', async () => {
      for (const viewer of [
        testViewers.staff(['ADMIN']),
        testViewers.token([Permission.leadsRead, Permission.personalDataRead]),
      ]) {
        const { data, errors } = await client.executeAs(viewer, detailQuery);
        expect(data).toBeNull();
        expect(codesOf(errors)).toEqual(['FORBIDDEN']);
      }
    });

    it('shows the lead of a conversation only with leads:read', async () => {
      const query =
        '{ conversations(first: 100, filter: { hasLead: true }) { nodes { id lead { status } } } }';
      const withoutLeads = await client.executeAs<{ conversations: { nodes: { lead: unknown }[] } }>(
        testViewers.token([Permission.conversationsRead]),
        query,
      );
      expect(withoutLeads.data!.conversations.nodes.every((node) => node.lead === null)).toBe(true);
      expect(new Set(codesOf(withoutLeads.errors))).toEqual(new Set(['FORBIDDEN']));
      const withLeads = await client.executeAs<{ conversations: { nodes: { lead: unknown }[] } }>(
        testViewers.token([Permission.conversationsRead, Permission.leadsRead]),
        query,
      );
      expect(withLeads.errors).toBeUndefined();
      expect(withLeads.data!.conversations.nodes.every((node) => node.lead !== null)).toBe(true);
    });

    it('refuses anonymous callers with UNAUTHENTICATED', async () => {
      const { errors } = await client.executeAs(testViewers.anonymous, detailQuery);
      expect(codesOf(errors)).toEqual(['UNAUTHENTICATED']);
    });

    it('audits personal fields read, naming the database ids of the records returned', async () => {
      const { data, errors, context } = await client.executeAs<{
        conversations: {
          edges: { node: { id: string; city: string | null; messages: { nodes: { text: string }[] } } }[];
        };
      }>(sales, detailQuery);
      expect(errors).toBeUndefined();
      const events = await database.prisma.auditEvent.findMany({
        where: { requestId: context.requestId, action: 'personal_data.read' },
        orderBy: { targetType: 'asc' },
      });
      const returnedConversations = data!.conversations.edges.map((edge) => edge.node);
      const conversationIds = returnedConversations
        .filter((node) => node.city !== null)
        .map((node) => node.id);
      const byType = Object.fromEntries(events.map((event) => [event.targetType, event]));
      expect(Object.keys(byType).sort()).toEqual(
        conversationIds.length > 0 ? ['Conversation', 'Message'] : ['Message'],
      );
      expect(globalIds(byType.Conversation?.targetIds ?? [])).toEqual([...conversationIds].sort());
      expect(byType.Conversation?.details ?? { fields: ['city'] }).toEqual({ fields: ['city'] });
      const expectedMessageIds = messages
        .filter((message) =>
          returnedConversations.some(
            (node) => node.id === toGlobalId('Conversation', message.conversationId),
          ),
        )
        .map((message) => message.id);
      expect(byType.Message!.targetIds).toHaveLength(returnedConversations.length * 2);
      for (const id of byType.Message!.targetIds) expect(expectedMessageIds).toContain(id);
      expect(byType.Message!.details).toEqual({ fields: ['text'] });
    });
  });

  describe('a conversation', () => {
    const detail = /* GraphQL */ `
      query Detail($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
        node(id: $id) {
          __typename
          id
          ... on Conversation {
            channel
            referrer
            userAgent
            site {
              id
              name
            }
            lastMessage {
              id
              sentAt
            }
            retention {
              expiresAt
              daysLeft
              onHold
            }
            matches {
              snippet
            }
            messages(first: $first, after: $after, last: $last, before: $before) {
              totalCount
              edges {
                cursor
                node {
                  id
                  role
                  text
                  redactionCount
                  sentAt
                }
              }
              pageInfo {
                hasNextPage
                hasPreviousPage
                startCursor
                endCursor
              }
            }
          }
        }
      }
    `;

    interface Detail {
      node: {
        __typename: string;
        id: string;
        referrer: string | null;
        site: { id: string; name: string };
        lastMessage: { id: string; sentAt: string } | null;
        retention: { expiresAt: string; daysLeft: number; onHold: boolean };
        matches: null;
        messages: {
          totalCount: number;
          edges: { cursor: string; node: { id: string; sentAt: string; text: string } }[];
          pageInfo: {
            hasNextPage: boolean;
            hasPreviousPage: boolean;
            startCursor: string;
            endCursor: string;
          };
        };
      };
    }

    it('has its site, last message, retention and messages, oldest first, paged both ways', async () => {
      const conversation = [...conversations].sort((a, b) => b.messageCount - a.messageCount)[0]!;
      const ordered = messages
        .filter((message) => message.conversationId === conversation.id)
        .map((message) => toGlobalId('Message', message.id));
      const rows = await database.prisma.message.findMany({
        where: { conversationId: conversation.id },
        orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
      });
      const expected = rows.map((row) => toGlobalId('Message', row.id));
      expect(ordered.sort()).toEqual([...expected].sort());
      const id = toGlobalId('Conversation', conversation.id);

      const { data, errors } = await client.executeAs<Detail>(sales, detail, { id, first: 3 });
      expect(errors).toBeUndefined();
      const node = data!.node;
      expect(node.__typename).toBe('Conversation');
      expect(node.id).toBe(id);
      expect(node.site.id).toBe(toGlobalId('Site', conversation.siteId));
      expect(node.lastMessage?.id).toBe(expected.at(-1));
      expect(node.matches).toBeNull();
      expect(node.retention).toEqual({
        expiresAt: conversation.expiresAt.toISOString(),
        daysLeft: Math.max(0, Math.ceil((conversation.expiresAt.getTime() - now.getTime()) / 86_400_000)),
        onHold:
          (await database.prisma.legalHold.count({
            where: { conversationId: conversation.id, releasedAt: null },
          })) > 0,
      });
      expect(node.messages.totalCount).toBe(expected.length);
      const forward = node.messages.edges.map((edge) => edge.node.id);
      let after = node.messages.pageInfo.endCursor;
      while (forward.length < expected.length) {
        const next = await client.executeAs<Detail>(sales, detail, { id, first: 3, after });
        forward.push(...next.data!.node.messages.edges.map((edge) => edge.node.id));
        after = next.data!.node.messages.pageInfo.endCursor;
        if (!next.data!.node.messages.pageInfo.hasNextPage) break;
      }
      expect(forward).toEqual(expected);

      const lastPage = await client.executeAs<Detail>(sales, detail, { id, last: 2 });
      expect(lastPage.data!.node.messages.edges.map((edge) => edge.node.id)).toEqual(expected.slice(-2));
      expect(lastPage.data!.node.messages.pageInfo.hasPreviousPage).toBe(expected.length > 2);
      const before = await client.executeAs<Detail>(sales, detail, {
        id,
        last: 2,
        before: lastPage.data!.node.messages.pageInfo.startCursor,
      });
      expect(before.data!.node.messages.edges.map((edge) => edge.node.id)).toEqual(expected.slice(-4, -2));

      const bad = await client.executeAs<Detail>(sales, detail, { id, first: 3, after: 'nonsense' });
      expect(codesOf(bad.errors)).toEqual(['BAD_USER_INPUT']);
    });

    it('says when a legal hold stops its deletion', async () => {
      const hold = await database.prisma.legalHold.findFirst({
        where: { conversationId: { not: null }, releasedAt: null },
      });
      expect(hold).not.toBeNull();
      const { data } = await client.executeAs<Detail>(sales, detail, {
        id: toGlobalId('Conversation', hold!.conversationId!),
        first: 1,
      });
      expect(data!.node.retention.onHold).toBe(true);
    });

    it('never shows the query string of a referrer', async () => {
      const withQuery = await database.prisma.conversation.create({
        data: {
          siteId: conversations[0]!.siteId,
          externalId: '0199a000-0000-7000-8000-000000000001',
          channel: 'WIDGET',
          startedAt: now,
          lastMessageAt: now,
          expiresAt: new Date(now.getTime() + 90 * 86_400_000),
          referrer: 'https://news.example/article?email=someone%40example.com#comment',
          userAgent: 'x'.repeat(2000),
        },
      });
      try {
        const { data } = await client.executeAs<Detail & { node: { userAgent: string } }>(sales, detail, {
          id: toGlobalId('Conversation', withQuery.id),
          first: 1,
        });
        expect(data!.node.referrer).toBe('https://news.example/article');
        expect(data!.node.userAgent).toHaveLength(512);
      } finally {
        await database.prisma.conversation.delete({ where: { id: withQuery.id } });
      }
    });
  });

  describe('the columns a page reads', () => {
    const fields = [
      'channel',
      'startedAt',
      'lastMessageAt',
      'messageCount',
      'country',
      'city',
      'userAgent',
      'referrer',
      'site { name }',
      'retention { expiresAt daysLeft }',
    ];
    type Nodes = { conversations: { nodes: Record<string, unknown>[] } };
    const nodesWith = async (selection: string, search?: string) => {
      const { data, errors } = await client.executeAs<Nodes>(
        testViewers.staff(['PRIVACY']),
        /* GraphQL */ `query ($search: String) { conversations(first: 20, search: $search) { nodes { id ${selection} } } }`,
        { search },
      );
      expect(errors).toBeUndefined();
      return data!.conversations.nodes;
    };

    it.each([undefined, 'тариф'])(
      'gives each field the same value whether it is asked for alone or with every other (search: %s)',
      async (search) => {
        const everything = await nodesWith(fields.join(' '), search);
        expect(everything.length).toBeGreaterThan(0);
        for (const field of fields) {
          const name = field.split(' ')[0]!;
          const alone = await nodesWith(field, search);
          expect(
            alone.map((node) => node[name]),
            field,
          ).toEqual(everything.map((node) => node[name]));
          expect(
            alone.some((node) => node[name] !== null),
            field,
          ).toBe(true);
        }
      },
    );
  });

  describe('query count', () => {
    let counting: CountingPrisma;
    let countingClient: TestGraphQLClient;

    beforeAll(async () => {
      counting = createCountingPrisma(database);
      countingClient = await createTestGraphQLClient(counting.prisma, { now: () => now });
    });
    afterAll(async () => {
      await countingClient?.stop();
      await counting?.disconnect();
    });

    it('reads a page of 50 conversations with site, lead, last message and retention in a bounded number of queries', async () => {
      const query = /* GraphQL */ `
        query Page($first: Int!) {
          conversations(first: $first) {
            totalCount
            nodes {
              id
              city
              site {
                name
                retentionPolicy {
                  conversationRetentionDays
                }
              }
              lead {
                status
                name
              }
              lastMessage {
                text
                sentAt
              }
              retention {
                daysLeft
                onHold
              }
            }
          }
        }
      `;
      const statementsFor = async (first: number) => {
        counting.reset();
        const { data, errors } = await countingClient.executeAs<{ conversations: { nodes: unknown[] } }>(
          sales,
          query,
          { first },
        );
        expect(errors).toBeUndefined();
        expect(data!.conversations.nodes).toHaveLength(first);
        return [...counting.statements];
      };
      // The first audit write of a Prisma client also reads the chain's head, and the first read of
      // a site is reused for `siteReuseMs`: the first page reads both, later ones neither.
      const first = await statementsFor(50);
      expect(first.filter((sql) => /FROM "public"\."Site"/.test(sql))).toHaveLength(1);
      const fifty = await statementsFor(50);
      // The page with its leads and last messages in one query; totalCount; legal holds; and the
      // request's audit events (the personal fields read) in one insert.
      expect(fifty).toHaveLength(4);
      expect(fifty.filter((sql) => /^\s*INSERT INTO "AuditEvent"/.test(sql))).toHaveLength(1);
      expect(await statementsFor(5)).toHaveLength(fifty.length);
    });

    it("writes a search's audit event in the search's own statement once the chain's head is known", async () => {
      const query = /* GraphQL */ `
        query Search($search: String!) {
          conversations(search: $search, first: 3) {
            nodes {
              id
            }
          }
        }
      `;
      const search = async () => {
        counting.reset();
        const { data, errors, context } = await countingClient.executeAs<{
          conversations: { nodes: { id: string }[] };
        }>(sales, query, { search: 'тариф' });
        expect(errors).toBeUndefined();
        return { ids: data!.conversations.nodes.map((node) => node.id), requestId: context.requestId };
      };
      await search();
      const { ids, requestId } = await search();
      expect(ids.length).toBeGreaterThan(0);
      expect(counting.statements).toHaveLength(1);
      expect(counting.statements[0]).toContain('INSERT INTO "AuditEvent"');
      const events = await database.prisma.auditEvent.findMany({ where: { requestId } });
      expect(events).toMatchObject([
        {
          action: 'conversation.search',
          targetType: 'Conversation',
          targetIds: ids.map((id) => fromGlobalId(id, 'Conversation', 'id')),
          details: { resultCount: ids.length, searchLength: 'тариф'.length },
        },
      ]);
      expect(await verifyAuditChain(database.prisma)).toMatchObject({ valid: true });
    });
  });
});
