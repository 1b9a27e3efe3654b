import 'reflect-metadata';
import { ERASURE_DEMO_EMAIL, seedDemo, type Lead as LeadRow, type PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Permission } from '../auth/policy.ts';
import type { Viewer } from '../auth/viewer.ts';
import {
  conversationById,
  lastMessageByConversationId,
  primeConversation,
} from '../conversations/conversation.loaders.ts';
import { createLoaderCache, type RequestContext } from '../shared/context.ts';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';
import { createCountingPrisma } from '../testing/query-counter.ts';
import { listLeads } from './list-leads.ts';

const now = new Date('2026-04-27T12:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;

interface LeadsPage {
  leads: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; createdAt: string; updatedAt: string; status: string } }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

const pageQuery = /* GraphQL */ `
  query Leads(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $search: String
    $filter: LeadFilter
    $orderBy: LeadOrder
  ) {
    leads(
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
          createdAt
          updatedAt
          status
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

const updateMutation = /* GraphQL */ `
  mutation Update($input: UpdateLeadInput!) {
    updateLead(input: $input) {
      lead {
        id
        status
        engagedAt
        engagementEndedAt
        owner {
          id
          name
        }
        notes(first: 100) {
          totalCount
          nodes {
            body
            author {
              name
            }
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const bulkMutation = /* GraphQL */ `
  mutation Bulk($input: BulkUpdateLeadsInput!) {
    bulkUpdateLeads(input: $input) {
      updatedCount
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const leadId = (id: string) => toGlobalId('Lead', id);
const staffId = (id: string) => toGlobalId('StaffMember', id);
const siteId = (id: string) => toGlobalId('Site', id);

/** Newest first, as the API sorts by default: createdAt, then id. */
function newestFirst(rows: Pick<LeadRow, 'id' | 'createdAt'>[]): string[] {
  return [...rows]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((row) => leadId(row.id));
}

async function snapshotLeads(prisma: PrismaClient) {
  const [leads, notes, events] = await Promise.all([
    prisma.lead.findMany({ orderBy: { id: 'asc' } }),
    prisma.leadNote.count(),
    prisma.auditEvent.count(),
  ]);
  return { leads, notes, events };
}

describe.each(databaseKinds)('leads on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let client: TestGraphQLClient;
  let sales: Viewer;
  let privacy: Viewer;
  let salesUserId: string;
  let privacyUserId: string;
  let bothRolesUserId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    await seedDemo(prisma, { now });
    client = await createTestGraphQLClient(prisma, { now: () => now });
    const staff = await prisma.staffUser.findMany();
    const byEmail = (email: string) => staff.find((member) => member.email === email)!;
    salesUserId = byEmail('sales@confide.test').id;
    privacyUserId = byEmail('privacy@confide.test').id;
    bothRolesUserId = byEmail('lead@confide.test').id;
    sales = testViewers.staff(['SALES'], {
      id: salesUserId,
      name: 'Daniel Brooks',
      email: 'sales@confide.test',
    });
    privacy = testViewers.staff(['PRIVACY'], { id: privacyUserId, name: 'Iryna Melnyk' });
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  async function page(viewer: Viewer, variables: Record<string, unknown>) {
    const result = await client.executeAs<LeadsPage>(viewer, pageQuery, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.leads;
  }

  describe('listing', () => {
    it('lists every lead newest first, with totalCount, page by page forward and backward', async () => {
      const expected = newestFirst(await prisma.lead.findMany());
      expect(expected.length).toBeGreaterThan(30);

      const forward: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const result: LeadsPage['leads'] = await page(sales, { first: 10, after });
        expect(result.totalCount).toBe(expected.length);
        forward.push(...result.edges.map((edge) => edge.node.id));
        expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
        pages++;
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(forward).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 10));

      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const result: LeadsPage['leads'] = await page(sales, { last: 7, before });
        backward.unshift(...result.edges.map((edge) => edge.node.id));
        if (!result.pageInfo.hasPreviousPage) break;
        before = result.pageInfo.startCursor;
      }
      expect(backward).toEqual(expected);
    });

    it('reads a page of every lead with the values Prisma reads, whichever way it is read', async () => {
      const all = await prisma.lead.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      const middle = all[10] as LeadRow;
      const after = [middle.createdAt.toISOString(), middle.id] as const;
      const read = (direction: 'forward' | 'backward', cursor?: readonly [string, string]) =>
        listLeads({ prisma } as RequestContext, { page: { direction, limit: 5, after: cursor } });
      expect((await read('forward')).rows).toEqual(all.slice(0, 6));
      expect((await read('forward', after)).rows).toEqual(all.slice(11, 17));
      expect((await read('backward', after)).rows).toEqual(all.slice(4, 10).reverse());
    });

    it('reads that page with its conversations and their last messages, as the loaders read them', async () => {
      const all = await prisma.lead.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      const context = { prisma, loader: createLoaderCache() } as RequestContext;
      const { rows, conversations } = await listLeads(context, {
        page: { direction: 'forward', limit: 5, after: undefined },
        withConversations: { lastMessage: true },
      });
      expect(rows).toEqual(all.slice(0, 6));
      for (const { conversation, lastMessage } of conversations ?? []) {
        primeConversation(context, conversation, lastMessage);
      }
      const ids = rows.flatMap((row) => row.conversationId ?? []);
      expect(ids.length).toBeGreaterThan(1);
      const fresh = { prisma, loader: createLoaderCache() } as RequestContext;
      const expected = await Promise.all(
        ids.map(async (id) => [
          await conversationById(fresh).load(id),
          await lastMessageByConversationId(fresh).load(id),
        ]),
      );
      // Without a database, only what was primed can be answered.
      Object.assign(context, { prisma: undefined });
      const primed = await Promise.all(
        ids.map(async (id) => [
          await conversationById(context).load(id),
          await lastMessageByConversationId(context).load(id),
        ]),
      );
      expect(primed).toEqual(expected);
    });

    it('sorts by updatedAt ascending', async () => {
      const rows = await prisma.lead.findMany();
      const expected = [...rows]
        .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.id < b.id ? -1 : 1))
        .map((row) => leadId(row.id));
      const first = await page(sales, { first: 20, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } });
      const second = await page(sales, {
        first: 100,
        after: first.pageInfo.endCursor,
        orderBy: { field: 'UPDATED_AT', direction: 'ASC' },
      });
      expect([...first.edges, ...second.edges].map((edge) => edge.node.id)).toEqual(expected);
    });

    it('filters by site, status, source, owner, creation time and export, matching a count in the database', async () => {
      const rows = await prisma.lead.findMany();
      const [site] = await prisma.site.findMany({ orderBy: { createdAt: 'asc' } });
      const cutoff = new Date(now.getTime() - 30 * dayMs);
      const cases: [Record<string, unknown>, (row: LeadRow) => boolean][] = [
        [{ siteIds: [siteId(site!.id)] }, (row) => row.siteId === site!.id],
        [{ statuses: ['NEW', 'QUALIFIED'] }, (row) => row.status === 'NEW' || row.status === 'QUALIFIED'],
        [{ source: 'CONTACT_FORM' }, (row) => row.source === 'CONTACT_FORM'],
        [{ ownerId: staffId(salesUserId) }, (row) => row.ownerId === salesUserId],
        [{ createdAfter: cutoff.toISOString() }, (row) => row.createdAt >= cutoff],
        [{ createdBefore: cutoff.toISOString() }, (row) => row.createdAt < cutoff],
        [{ exported: true }, (row) => row.exportedAt !== null],
        [{ exported: false, source: 'CHAT' }, (row) => row.exportedAt === null && row.source === 'CHAT'],
      ];
      for (const [filter, matches] of cases) {
        const expected = newestFirst(rows.filter(matches));
        expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
        const result = await page(sales, { first: 100, filter });
        expect(result.totalCount, JSON.stringify(filter)).toBe(expected.length);
        expect(result.edges.map((edge) => edge.node.id)).toEqual(expected);
      }
    });

    it('searches name, email and company ignoring case, with wildcards matching themselves, and audits it', async () => {
      const olena = await prisma.lead.findFirstOrThrow({ where: { emailNormalized: ERASURE_DEMO_EMAIL } });
      for (const search of ['olena', 'KOVALENKO@EXAMPLE', 'harbor & finch', '  Olena Kovalenko ']) {
        const result = await page(sales, { first: 100, search });
        expect(
          result.edges.map((edge) => edge.node.id),
          search,
        ).toContain(leadId(olena.id));
      }
      const rows = await prisma.lead.findMany();
      for (const search of ['%', '_', 'o%a', '\\']) {
        // Literal substring matches only: "%" is not "anything", "_" is not "any character".
        const literal = rows.filter((row) =>
          [row.name, row.emailNormalized, row.company].some((value) => value?.toLowerCase().includes(search)),
        );
        const result = await page(sales, { first: 100, search });
        expect(result.totalCount, search).toBe(literal.length);
        expect(result.totalCount, search).toBeLessThan(rows.length);
      }
      const { context } = await client.executeAs(sales, pageQuery, { first: 5, search: 'olena' });
      const event = await prisma.auditEvent.findFirstOrThrow({
        where: { requestId: context.requestId, action: 'lead.search' },
      });
      expect(event.targetIds).toEqual([olena.id]);
      // The search text may be an email address: it is not written to the trail.
      expect(JSON.stringify(event.details)).not.toContain('olena');
    });

    it('refuses a search to a token without personal-data:read, and hostile search strings precisely', async () => {
      const token = testViewers.token([Permission.leadsRead]);
      const refused = await client.executeAs(token, pageQuery, { first: 5, search: 'olena' });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const listed = await client.executeAs<LeadsPage>(token, pageQuery, { first: 5 });
      expect(listed.errors).toBeUndefined();

      const tooLong = await client.executeAs(sales, pageQuery, { first: 5, search: 'x'.repeat(201) });
      expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      for (const search of ['\'; DROP TABLE "Lead"; --', '\u0007olena\u001b']) {
        const result = await client.executeAs<LeadsPage>(sales, pageQuery, { first: 5, search });
        expect(result.errors, JSON.stringify(search)).toBeUndefined();
      }
      for (const search of ['a\u0000b', '\uD800']) {
        const unencodable = await client.executeAs(sales, pageQuery, { first: 5, search });
        expect(unencodable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
      const badCursor = await client.executeAs(sales, pageQuery, { first: 5, after: 'not-a-cursor' });
      expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const forgedCursor = await client.executeAs(sales, pageQuery, {
        first: 5,
        after: Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url'),
      });
      expect(forgedCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const tooMany = await client.executeAs(sales, pageQuery, { first: 101 });
      expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('hides personal fields from a token without personal-data:read, and requires leads:read at all', async () => {
      const query = /* GraphQL */ `
        {
          leads(first: 1) {
            nodes {
              id
              status
              email
            }
          }
        }
      `;
      const token = await client.executeAs<{ leads: { nodes: { email: string | null }[] } }>(
        testViewers.token([Permission.leadsRead]),
        query,
      );
      expect(token.data?.leads.nodes[0]?.email).toBeNull();
      expect(token.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const admin = await client.executeAs(testViewers.staff(['ADMIN']), query);
      expect(admin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const anonymous = await client.executeAs(testViewers.anonymous, query);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('batching', () => {
    it('loads a page of leads with their relations in a number of queries that does not grow with the page', async () => {
      const counting = createCountingPrisma(database);
      const counted = await createTestGraphQLClient(counting.prisma, { now: () => now });
      const query = /* GraphQL */ `
        query Page($first: Int!) {
          leads(first: $first) {
            nodes {
              id
              name
              email
              status
              site {
                name
              }
              owner {
                name
              }
              conversation {
                id
                lastMessageAt
              }
              retention {
                expiresAt
                daysLeft
                onHold
              }
              restricted
              objected
              consents {
                current {
                  purpose
                  granted
                }
              }
            }
          }
        }
      `;
      try {
        const statementsFor = async (first: number) => {
          counting.reset();
          const result = await counted.executeAs<{ leads: { nodes: unknown[] } }>(sales, query, { first });
          expect(result.errors).toBeUndefined();
          expect(result.data?.leads.nodes).toHaveLength(first);
          return counting.statements.length;
        };
        // The first audit write of a Prisma client also reads the chain's head, and the first read of
        // a site is reused for `siteReuseMs`; later pages need neither.
        await statementsFor(40);
        const small = await statementsFor(3);
        const large = await statementsFor(40);
        expect(large).toBe(small);
        // The page with its conversations; owners; holds on leads and their conversations (one
        // statement); subject flags; consents; and the request's audit events in one insert.
        expect(large).toBe(6);
      } finally {
        await counted.stop();
        await counting.disconnect();
      }
    });

    it("serves a conversation's lead as the Lead type", async () => {
      const result = await client.executeAs<{
        conversations: { nodes: { lead: { id: string; email: string } }[] };
      }>(
        sales,
        '{ conversations(first: 50, filter: { hasLead: true }) { nodes { lead { id email status owner { name } } } } }',
      );
      expect(result.errors).toBeUndefined();
      const olena = await prisma.lead.findFirstOrThrow({ where: { emailNormalized: ERASURE_DEMO_EMAIL } });
      expect(result.data?.conversations.nodes.map((node) => node.lead)).toContainEqual(
        expect.objectContaining({ id: leadId(olena.id), email: 'Olena.Kovalenko@example.com' }),
      );
    });
  });

  describe('a lead', () => {
    const detailQuery = /* GraphQL */ `
      query Lead($id: ID!) {
        node(id: $id) {
          ... on Lead {
            id
            name
            email
            company
            source
            status
            site {
              name
            }
            owner {
              name
            }
            conversation {
              id
            }
            notes(first: 10) {
              totalCount
              nodes {
                body
                author {
                  name
                }
              }
            }
            consents {
              current {
                purpose
                granted
                legalBasis
              }
              ledger {
                purpose
                action
                subjectEmail
              }
            }
            retention {
              expiresAt
              daysLeft
              onHold
            }
            restricted
            objected
          }
        }
      }
    `;

    it('shows contact fields, owner, notes, conversation, consents and retention, and audits the read', async () => {
      const olena = await prisma.lead.findFirstOrThrow({
        where: { emailNormalized: ERASURE_DEMO_EMAIL },
        include: { conversation: true, owner: true },
      });
      const result = await client.executeAs<{ node: Record<string, unknown> }>(sales, detailQuery, {
        id: leadId(olena.id),
      });
      expect(result.errors).toBeUndefined();
      const node = result.data!.node as {
        email: string;
        notes: { totalCount: number; nodes: { body: string }[] };
        consents: { current: { purpose: string; granted: boolean }[]; ledger: { subjectEmail: string }[] };
        retention: { expiresAt: string; daysLeft: number; onHold: boolean };
      };
      expect(node).toMatchObject({
        name: 'Olena Kovalenko',
        // Stored as typed (" Olena.Kovalenko@…"); returned trimmed, as an email address.
        email: 'Olena.Kovalenko@example.com',
        company: 'Harbor & Finch',
        source: 'CHAT',
        status: 'QUALIFIED',
        conversation: { id: toGlobalId('Conversation', olena.conversationId!) },
        restricted: false,
        objected: false,
      });
      expect(node.notes.nodes.map((note) => note.body)).toContain(
        'Asked for a quote for 25 seats; call booked with Olena for Thursday.',
      );
      expect(node.consents.current.map((state) => state.purpose)).toEqual([
        'MARKETING_COMMUNICATIONS',
        'ANALYTICS_COOKIES',
        'MARKETING_COOKIES',
        'CHAT_LOGGING',
        'CRM_TRANSFER',
      ]);
      const ledgerCount = await prisma.consent.count({
        where: { subjectEmailNormalized: ERASURE_DEMO_EMAIL },
      });
      expect(node.consents.ledger).toHaveLength(ledgerCount);
      expect(node.retention.expiresAt).toBe(olena.conversation!.expiresAt.toISOString());
      expect(node.retention.daysLeft).toBe(
        Math.ceil((olena.conversation!.expiresAt.getTime() - now.getTime()) / dayMs),
      );

      const read = await prisma.auditEvent.findFirstOrThrow({
        where: { requestId: result.context.requestId, action: 'personal_data.read', targetType: 'Lead' },
      });
      expect(read.targetIds).toEqual([olena.id]);
      expect(read.details).toEqual({ fields: ['company', 'email', 'name'] });
    });

    it('reports restriction and objection flags of the subject on its site', async () => {
      const flags = await prisma.subjectFlag.findMany({ where: { liftedAt: null } });
      let checked = 0;
      for (const flag of flags) {
        const lead = await prisma.lead.findFirst({
          where: { siteId: flag.siteId, emailNormalized: flag.subjectEmailNormalized },
        });
        if (!lead) continue;
        const result = await client.executeAs<{ node: { restricted: boolean; objected: boolean } }>(
          sales,
          detailQuery,
          { id: leadId(lead.id) },
        );
        expect(result.data?.node).toMatchObject(
          flag.kind === 'RESTRICTION' ? { restricted: true } : { objected: true },
        );
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  });

  describe('updateLead', () => {
    it('changes status and owner, adds a note, stamps engagement, and writes one audit event', async () => {
      const lead = await prisma.lead.findFirstOrThrow({ where: { status: 'NEW', ownerId: null } });
      const engaged = await client.executeAs<{ updateLead: Record<string, unknown> }>(sales, updateMutation, {
        input: {
          id: leadId(lead.id),
          status: 'ENGAGED',
          ownerId: staffId(bothRolesUserId),
          note: '  Signed a pilot.  ',
        },
      });
      expect(engaged.errors).toBeUndefined();
      expect(engaged.data?.updateLead).toMatchObject({
        userErrors: [],
        lead: {
          status: 'ENGAGED',
          engagedAt: now.toISOString(),
          engagementEndedAt: null,
          owner: { id: staffId(bothRolesUserId), name: 'Sofia Marin' },
          notes: { totalCount: 1, nodes: [{ body: 'Signed a pilot.', author: { name: 'Daniel Brooks' } }] },
        },
      });
      const stored = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(stored).toMatchObject({
        status: 'ENGAGED',
        ownerId: bothRolesUserId,
        engagedAt: now,
        updatedAt: now,
      });
      const event = await prisma.auditEvent.findFirstOrThrow({
        where: { requestId: engaged.context.requestId, action: 'lead.update' },
      });
      expect(event).toMatchObject({
        actorType: 'STAFF',
        actorId: salesUserId,
        targetType: 'Lead',
        targetIds: [lead.id],
      });
      const note = await prisma.leadNote.findFirstOrThrow({ where: { leadId: lead.id } });
      expect(event.details).toEqual({
        fields: ['status', 'owner', 'note'],
        status: { from: 'NEW', to: 'ENGAGED' },
        owner: { from: null, to: bothRolesUserId },
        noteId: note.id,
      });
      // Neither contact data nor the note's text goes into the trail.
      expect(JSON.stringify(event.details)).not.toContain('pilot');

      const ended = await client.executeAs<{ updateLead: Record<string, unknown> }>(sales, updateMutation, {
        input: { id: leadId(lead.id), status: 'DISQUALIFIED', ownerId: null },
      });
      expect(ended.data?.updateLead).toMatchObject({
        userErrors: [],
        lead: { status: 'DISQUALIFIED', engagementEndedAt: now.toISOString(), owner: null },
      });
      const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id }, include: { site: true } });
      // Kept for the legally required period after the engagement ended.
      const legalEnd = new Date(now);
      legalEnd.setUTCMonth(legalEnd.getUTCMonth() + after.site.engagedLegalRetentionMonths);
      expect(after.retainUntil).toEqual(legalEnd);
      expect(after.engagedAt).toEqual(now);
    });

    it('returns userErrors for an unknown owner, an owner without SALES, a long or blank note, nothing to do, an unknown lead — and changes nothing', async () => {
      const lead = await prisma.lead.findFirstOrThrow({ where: { status: 'QUALIFIED' } });
      const before = await snapshotLeads(prisma);
      const cases: [Record<string, unknown>, { field: string[]; code: string }[]][] = [
        [
          { ownerId: staffId('0190a000-0000-7000-8000-000000000000') },
          [{ field: ['input', 'ownerId'], code: 'NOT_FOUND' }],
        ],
        [{ ownerId: staffId(privacyUserId) }, [{ field: ['input', 'ownerId'], code: 'NOT_ASSIGNABLE' }]],
        [{ ownerId: leadId(lead.id) }, [{ field: ['input', 'ownerId'], code: 'NOT_FOUND' }]],
        [{ note: 'x'.repeat(5001) }, [{ field: ['input', 'note'], code: 'TOO_LONG' }]],
        [{ note: '   ' }, [{ field: ['input', 'note'], code: 'INVALID' }]],
        [{}, [{ field: ['input'], code: 'REQUIRED' }]],
        [
          { status: 'CONTACTED', ownerId: staffId(privacyUserId), note: 'x'.repeat(5001) },
          [
            { field: ['input', 'note'], code: 'TOO_LONG' },
            { field: ['input', 'ownerId'], code: 'NOT_ASSIGNABLE' },
          ],
        ],
      ];
      for (const [change, errors] of cases) {
        const result = await client.executeAs<{ updateLead: { lead: unknown; userErrors: unknown[] } }>(
          sales,
          updateMutation,
          { input: { id: leadId(lead.id), ...change } },
        );
        expect(result.errors, JSON.stringify(change)).toBeUndefined();
        expect(result.data?.updateLead.lead).toBeNull();
        expect(result.data?.updateLead.userErrors).toEqual(
          errors.map((error) => expect.objectContaining(error)),
        );
      }
      const unknown = await client.executeAs<{ updateLead: { userErrors: unknown[] } }>(
        sales,
        updateMutation,
        {
          input: { id: leadId('0190a000-0000-7000-8000-000000000000'), status: 'CONTACTED' },
        },
      );
      expect(unknown.data?.updateLead.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' }),
      ]);
      expect(await snapshotLeads(prisma)).toEqual(before);
    });

    it('refuses callers without leads:write and changes nothing', async () => {
      const lead = await prisma.lead.findFirstOrThrow({ where: { status: 'CONTACTED' } });
      const before = await snapshotLeads(prisma);
      const input = { id: leadId(lead.id), status: 'DISQUALIFIED', note: 'no' };
      for (const viewer of [
        privacy,
        testViewers.staff(['ADMIN']),
        testViewers.token([Permission.leadsRead, Permission.personalDataRead]),
      ]) {
        const result = await client.executeAs(viewer, updateMutation, { input });
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(result.data?.updateLead ?? null).toBeNull();
      }
      const anonymous = await client.executeAs(testViewers.anonymous, updateMutation, { input });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await snapshotLeads(prisma)).toEqual(before);
    });

    it('lets a token with leads:write change a lead, with no note author', async () => {
      const lead = await prisma.lead.findFirstOrThrow({ where: { status: 'DISQUALIFIED' } });
      const token = testViewers.token([
        Permission.leadsRead,
        Permission.leadsWrite,
        Permission.personalDataRead,
      ]);
      const result = await client.executeAs<{ updateLead: Record<string, unknown> }>(token, updateMutation, {
        input: { id: leadId(lead.id), status: 'QUALIFIED', note: 'Reopened by the CRM sync' },
      });
      expect(result.data?.updateLead).toMatchObject({
        userErrors: [],
        lead: {
          status: 'QUALIFIED',
          notes: { nodes: expect.arrayContaining([{ body: 'Reopened by the CRM sync', author: null }]) },
        },
      });
      const event = await prisma.auditEvent.findFirstOrThrow({
        where: { requestId: result.context.requestId, action: 'lead.update' },
      });
      expect(event.actorType).toBe('TOKEN');
    });
  });

  describe('bulkUpdateLeads', () => {
    it('updates leads by ids, counting only those that changed, with one audit event', async () => {
      const leads = await prisma.lead.findMany({ where: { status: { in: ['NEW', 'QUALIFIED'] } }, take: 4 });
      const alreadyContacted = await prisma.lead.update({
        where: { id: (await prisma.lead.findFirstOrThrow({ where: { status: 'CONTACTED' } })).id },
        data: { ownerId: salesUserId },
      });
      const ids = [...leads, alreadyContacted].map((lead) => leadId(lead.id));
      const result = await client.executeAs<{ bulkUpdateLeads: unknown }>(sales, bulkMutation, {
        input: { ids, status: 'CONTACTED', ownerId: staffId(salesUserId) },
      });
      expect(result.data?.bulkUpdateLeads).toEqual({ updatedCount: 4, userErrors: [] });
      const stored = await prisma.lead.findMany({ where: { id: { in: leads.map((lead) => lead.id) } } });
      for (const lead of stored)
        expect(lead).toMatchObject({ status: 'CONTACTED', ownerId: salesUserId, updatedAt: now });

      const event = await prisma.auditEvent.findFirstOrThrow({
        where: { requestId: result.context.requestId, action: 'lead.bulk_update' },
      });
      expect([...event.targetIds].sort()).toEqual(leads.map((lead) => lead.id).sort());
      const details = event.details as { selection: string; fields: string[]; changes: unknown[] };
      expect(details.selection).toBe('ids');
      expect(details.fields).toEqual(['status', 'owner']);
      expect(details.changes).toEqual(
        expect.arrayContaining(
          leads.map((lead) =>
            expect.objectContaining({
              leadId: lead.id,
              status: { from: lead.status, to: 'CONTACTED' },
            }),
          ),
        ),
      );
    });

    it('updates every lead a filter matches and adds the note to each', async () => {
      const [, secondSite] = await prisma.site.findMany({ orderBy: { createdAt: 'asc' } });
      const matching = await prisma.lead.findMany({
        where: { siteId: secondSite!.id, status: 'DISQUALIFIED' },
      });
      expect(matching.length).toBeGreaterThan(0);
      const notesBefore = await prisma.leadNote.count();
      const result = await client.executeAs<{ bulkUpdateLeads: unknown }>(sales, bulkMutation, {
        input: {
          filter: { siteIds: [siteId(secondSite!.id)], statuses: ['DISQUALIFIED'] },
          status: 'QUALIFIED',
          note: 'Second look after the price change',
        },
      });
      expect(result.data?.bulkUpdateLeads).toEqual({ updatedCount: matching.length, userErrors: [] });
      expect(await prisma.leadNote.count()).toBe(notesBefore + matching.length);
      expect(
        await prisma.lead.count({
          where: { id: { in: matching.map((lead) => lead.id) }, status: 'QUALIFIED' },
        }),
      ).toBe(matching.length);
    });

    it('refuses the whole batch on any problem, and over 500 leads, changing nothing', async () => {
      const leads = await prisma.lead.findMany({ take: 3 });
      const before = await snapshotLeads(prisma);
      const cases: [Record<string, unknown>, { field: string[]; code: string }[]][] = [
        [
          {
            ids: [leadId(leads[0]!.id), leadId('0190a000-0000-7000-8000-000000000000'), 'garbage'],
            status: 'NEW',
          },
          [
            { field: ['input', 'ids', '1'], code: 'NOT_FOUND' },
            { field: ['input', 'ids', '2'], code: 'NOT_FOUND' },
          ],
        ],
        [
          { ids: Array.from({ length: 501 }, () => leadId(leads[0]!.id)), status: 'NEW' },
          [{ field: ['input', 'ids'], code: 'TOO_MANY' }],
        ],
        [{ status: 'NEW' }, [{ field: ['input'], code: 'REQUIRED' }]],
        [
          { ids: [leadId(leads[0]!.id)], filter: { statuses: ['NEW'] }, status: 'NEW' },
          [{ field: ['input'], code: 'REQUIRED' }],
        ],
        [{ ids: [leadId(leads[1]!.id)] }, [{ field: ['input'], code: 'REQUIRED' }]],
        [
          { ids: [leadId(leads[2]!.id)], ownerId: staffId(privacyUserId) },
          [{ field: ['input', 'ownerId'], code: 'NOT_ASSIGNABLE' }],
        ],
      ];
      for (const [input, errors] of cases) {
        const result = await client.executeAs<{
          bulkUpdateLeads: { updatedCount: number; userErrors: unknown[] };
        }>(sales, bulkMutation, { input });
        expect(result.errors, JSON.stringify(input).slice(0, 200)).toBeUndefined();
        expect(result.data?.bulkUpdateLeads.updatedCount).toBe(0);
        expect(result.data?.bulkUpdateLeads.userErrors).toEqual(
          errors.map((error) => expect.objectContaining(error)),
        );
      }
      expect(await snapshotLeads(prisma)).toEqual(before);

      const refused = await client.executeAs(privacy, bulkMutation, {
        input: { ids: [leadId(leads[0]!.id)], status: 'DISQUALIFIED' },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await snapshotLeads(prisma)).toEqual(before);
    });
  });
});
