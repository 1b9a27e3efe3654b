import { ERASURE_DEMO_EMAIL, seedDemo, type PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Permission } from '../auth/policy.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';

const now = new Date('2026-04-27T12:00:00.000Z');

const listQuery = /* GraphQL */ `
  query Consents($first: Int, $after: String, $filter: ConsentFilter) {
    consents(first: $first, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        subjectEmail
        purpose
        legalBasis
        action
        source
        policyVersion
        evidence
        occurredAt
        recordedAt
        site {
          id
        }
        recordedBy {
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const recordMutation = /* GraphQL */ `
  mutation Record($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      consent {
        id
        subjectEmail
        purpose
        legalBasis
        action
        source
        policyVersion
        occurredAt
        lead {
          id
        }
        recordedBy {
          name
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

const withdrawMutation = /* GraphQL */ `
  mutation Withdraw($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      consent {
        id
        purpose
        legalBasis
        action
        source
        occurredAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

interface ConsentNode {
  id: string;
  subjectEmail: string;
  purpose: string;
  action: string;
  occurredAt: string;
}

describe.each(databaseKinds)('the consent ledger on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let client: TestGraphQLClient;
  let privacy: Viewer;
  let sales: Viewer;
  let northwindId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    await seedDemo(prisma, { now });
    client = await createTestGraphQLClient(prisma, { now: () => now });
    const privacyUser = await prisma.staffUser.findUniqueOrThrow({
      where: { email: 'privacy@confide.test' },
    });
    privacy = testViewers.staff(['PRIVACY'], { id: privacyUser.id, name: privacyUser.name });
    sales = testViewers.staff(['SALES']);
    const northwind = await prisma.site.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    northwindId = northwind.id;
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  const ledgerSnapshot = () => prisma.consent.findMany({ orderBy: { id: 'asc' } });

  it('lists the ledger newest first, filtered by subject (ignoring case), purpose, action and site', async () => {
    const all = await prisma.consent.findMany();
    const expectedOrder = [...all]
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => toGlobalId('Consent', row.id));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: {
        data:
          | {
              consents: {
                totalCount: number;
                nodes: ConsentNode[];
                pageInfo: { hasNextPage: boolean; endCursor: string };
              };
            }
          | null
          | undefined;
      } = await client.executeAs(sales, listQuery, { first: 25, after });
      expect(result.data?.consents.totalCount).toBe(all.length);
      seen.push(...result.data!.consents.nodes.map((node) => node.id));
      if (!result.data!.consents.pageInfo.hasNextPage) break;
      after = result.data!.consents.pageInfo.endCursor;
    }
    expect(seen).toEqual(expectedOrder);

    const subject = await client.executeAs<{ consents: { totalCount: number; nodes: ConsentNode[] } }>(
      sales,
      listQuery,
      {
        first: 100,
        filter: { subjectEmail: ERASURE_DEMO_EMAIL.toUpperCase() },
      },
    );
    expect(subject.errors).toBeUndefined();
    const expected = all.filter((row) => row.subjectEmailNormalized === ERASURE_DEMO_EMAIL);
    expect(expected.length).toBeGreaterThan(0);
    expect(subject.data?.consents.totalCount).toBe(expected.length);
    expect(subject.data?.consents.nodes.every((node) => node.subjectEmail === ERASURE_DEMO_EMAIL)).toBe(true);

    const filters: [Record<string, unknown>, (row: (typeof all)[number]) => boolean][] = [
      [{ purpose: 'MARKETING_COMMUNICATIONS' }, (row) => row.purpose === 'MARKETING_COMMUNICATIONS'],
      [{ action: 'WITHDRAWN' }, (row) => row.action === 'WITHDRAWN'],
      [
        { siteId: toGlobalId('Site', northwindId), action: 'GRANTED' },
        (row) => row.siteId === northwindId && row.action === 'GRANTED',
      ],
    ];
    for (const [filter, matches] of filters) {
      const result = await client.executeAs<{ consents: { totalCount: number } }>(sales, listQuery, {
        first: 1,
        filter,
      });
      const count = all.filter(matches).length;
      expect(count, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(result.data?.consents.totalCount, JSON.stringify(filter)).toBe(count);
    }
  });

  it('keeps the subject email and evidence from a token without personal-data:read', async () => {
    const token = testViewers.token([Permission.consentsRead]);
    const result = await client.executeAs<{ consents: { nodes: ConsentNode[] } }>(token, listQuery, {
      first: 3,
    });
    expect(result.data?.consents.nodes[0]).toMatchObject({ subjectEmail: null });
    expect(result.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    const none = await client.executeAs(testViewers.token([Permission.leadsRead]), listQuery, { first: 3 });
    expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('appends a grant with the address normalised, recorded by the staff member, and audits it without the address', async () => {
    const lead = await prisma.lead.findFirstOrThrow({ where: { emailNormalized: ERASURE_DEMO_EMAIL } });
    const before = await prisma.consent.count();
    const result = await client.executeAs<{
      recordConsent: { consent: Record<string, unknown> | null; userErrors: unknown[] };
    }>(privacy, recordMutation, {
      input: {
        siteId: toGlobalId('Site', lead.siteId),
        subjectEmail: 'Olena.Kovalenko@EXAMPLE.com',
        purpose: 'MARKETING_COOKIES',
        legalBasis: 'CONSENT',
        evidence: 'Cookie banner: "Accept marketing cookies" clicked',
        leadId: toGlobalId('Lead', lead.id),
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordConsent).toMatchObject({
      userErrors: [],
      consent: {
        subjectEmail: ERASURE_DEMO_EMAIL,
        purpose: 'MARKETING_COOKIES',
        legalBasis: 'CONSENT',
        action: 'GRANTED',
        source: 'STAFF',
        policyVersion: (await prisma.site.findUniqueOrThrow({ where: { id: lead.siteId } })).policyVersion,
        occurredAt: now.toISOString(),
        lead: { id: toGlobalId('Lead', lead.id) },
        recordedBy: { name: 'Iryna Melnyk' },
      },
    });
    expect(await prisma.consent.count()).toBe(before + 1);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { requestId: result.context.requestId, action: 'consent.record' },
    });
    expect(event.targetType).toBe('Consent');
    expect(JSON.stringify(event.details)).not.toContain('olena');
    expect(event.details).toMatchObject({ purpose: 'MARKETING_COOKIES', leadId: lead.id });
  });

  it('withdraws by appending a new entry, leaving the grant untouched; the lead shows the purpose withdrawn at once', async () => {
    const grant = await prisma.consent.findFirstOrThrow({
      where: { subjectEmailNormalized: ERASURE_DEMO_EMAIL, purpose: 'CHAT_LOGGING', action: 'GRANTED' },
    });
    const before = await ledgerSnapshot();
    const result = await client.executeAs<{
      withdrawConsent: { consent: Record<string, unknown> | null; userErrors: unknown[] };
    }>(testViewers.token([Permission.consentsWrite]), withdrawMutation, {
      input: {
        siteId: toGlobalId('Site', grant.siteId),
        subjectEmail: ERASURE_DEMO_EMAIL,
        purpose: 'CHAT_LOGGING',
        evidence: 'Message-ID <abc@mail.example.com>',
      },
    });
    expect(result.data?.withdrawConsent).toMatchObject({
      userErrors: [],
      consent: { purpose: 'CHAT_LOGGING', action: 'WITHDRAWN', legalBasis: grant.legalBasis, source: 'API' },
    });
    const after = await ledgerSnapshot();
    expect(after).toHaveLength(before.length + 1);
    // Append-only: every earlier entry is exactly as it was.
    expect(after.filter((row) => before.some((old) => old.id === row.id))).toEqual(before);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { requestId: result.context.requestId, action: 'consent.withdraw' },
    });
    expect(event).toMatchObject({ actorType: 'TOKEN', targetType: 'Consent' });

    const lead = await prisma.lead.findFirstOrThrow({ where: { emailNormalized: ERASURE_DEMO_EMAIL } });
    const state = await client.executeAs<{
      node: { consents: { current: { purpose: string; granted: boolean }[] } };
    }>(
      sales,
      `query ($id: ID!) { node(id: $id) { ... on Lead { consents { current { purpose granted } } } } }`,
      { id: toGlobalId('Lead', lead.id) },
    );
    expect(state.data?.node.consents.current).toContainEqual({ purpose: 'CHAT_LOGGING', granted: false });
  });

  it('refuses a withdrawal of what is not granted, and invalid grants, as userErrors, appending nothing', async () => {
    const before = await ledgerSnapshot();
    const site = toGlobalId('Site', northwindId);
    const withdrawals: [Record<string, unknown>, { field: string[]; code: string }[]][] = [
      [
        { siteId: site, subjectEmail: 'nobody@example.com', purpose: 'MARKETING_COMMUNICATIONS' },
        [{ field: ['input', 'purpose'], code: 'NOT_GRANTED' }],
      ],
      [
        // Withdrawn just above: a second withdrawal has nothing to withdraw.
        { siteId: site, subjectEmail: ERASURE_DEMO_EMAIL, purpose: 'CHAT_LOGGING' },
        [{ field: ['input', 'purpose'], code: 'NOT_GRANTED' }],
      ],
      [
        {
          siteId: toGlobalId('Site', '0190a000-0000-7000-8000-000000000000'),
          subjectEmail: ERASURE_DEMO_EMAIL,
          purpose: 'CHAT_LOGGING',
        },
        [{ field: ['input', 'siteId'], code: 'NOT_FOUND' }],
      ],
    ];
    for (const [input, errors] of withdrawals) {
      const result = await client.executeAs<{ withdrawConsent: { consent: unknown; userErrors: unknown[] } }>(
        privacy,
        withdrawMutation,
        { input },
      );
      expect(result.errors, JSON.stringify(input)).toBeUndefined();
      expect(result.data?.withdrawConsent.consent).toBeNull();
      expect(result.data?.withdrawConsent.userErrors).toEqual(
        errors.map((error) => expect.objectContaining(error)),
      );
    }
    const grant = {
      siteId: site,
      subjectEmail: 'new.subject@example.com',
      purpose: 'CRM_TRANSFER',
      legalBasis: 'CONSENT',
    };
    const grants: [Record<string, unknown>, { field: string[]; code: string }[]][] = [
      [
        { ...grant, purpose: 'MARKETING_COMMUNICATIONS', legalBasis: 'LEGITIMATE_INTEREST' },
        [{ field: ['input', 'legalBasis'], code: 'INVALID' }],
      ],
      [
        { ...grant, occurredAt: new Date(now.getTime() + 3_600_000).toISOString() },
        [{ field: ['input', 'occurredAt'], code: 'INVALID' }],
      ],
      [{ ...grant, evidence: 'x'.repeat(2001) }, [{ field: ['input', 'evidence'], code: 'TOO_LONG' }]],
      [
        { ...grant, policyVersion: 'v'.repeat(51) },
        [{ field: ['input', 'policyVersion'], code: 'TOO_LONG' }],
      ],
      [
        { ...grant, leadId: toGlobalId('Lead', (await prisma.lead.findFirstOrThrow()).id) },
        [{ field: ['input', 'leadId'], code: 'INVALID' }],
      ],
      [{ ...grant, siteId: 'not-an-id' }, [{ field: ['input', 'siteId'], code: 'NOT_FOUND' }]],
    ];
    for (const [input, errors] of grants) {
      const result = await client.executeAs<{ recordConsent: { consent: unknown; userErrors: unknown[] } }>(
        privacy,
        recordMutation,
        { input },
      );
      expect(result.errors, JSON.stringify(input)).toBeUndefined();
      expect(result.data?.recordConsent.consent).toBeNull();
      expect(result.data?.recordConsent.userErrors).toEqual(
        errors.map((error) => expect.objectContaining(error)),
      );
    }
    const malformed = await client.executeAs(privacy, recordMutation, {
      input: { ...grant, subjectEmail: 'not an email' },
    });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await ledgerSnapshot()).toEqual(before);
  });

  it('refuses SALES, ADMIN, a read-only token and anonymous callers, and appends nothing', async () => {
    const before = await ledgerSnapshot();
    const consentEvents = () => prisma.auditEvent.count({ where: { action: { startsWith: 'consent.' } } });
    const eventsBefore = await consentEvents();
    const input = {
      siteId: toGlobalId('Site', northwindId),
      subjectEmail: 'someone@example.com',
      purpose: 'MARKETING_COMMUNICATIONS',
      legalBasis: 'CONSENT',
    };
    for (const viewer of [
      sales,
      testViewers.staff(['ADMIN']),
      testViewers.token([Permission.consentsRead]),
    ]) {
      const result = await client.executeAs(viewer, recordMutation, { input });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const withdrawal = await client.executeAs(viewer, withdrawMutation, {
        input: { siteId: input.siteId, subjectEmail: ERASURE_DEMO_EMAIL, purpose: 'ANALYTICS_COOKIES' },
      });
      expect(withdrawal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await client.executeAs(testViewers.anonymous, recordMutation, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await ledgerSnapshot()).toEqual(before);
    expect(await consentEvents()).toBe(eventsBefore);
  });
});
