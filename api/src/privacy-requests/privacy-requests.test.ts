import { DEMO_HASH_KEY, seedDemo, subjectHash, type PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../auth/viewer.ts';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';

const now = new Date('2026-04-27T12:00:00.000Z');

const requestFields = `id type status dueAt examinationDueAt timeLeftSeconds overdue requesterEmail
  timeline { type data } extensions { officialName newDueAt }`;
const payload = `request { ${requestFields} } userErrors { field code message }`;

const mutations = {
  create: `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { ${payload} } }`,
  verify: `mutation ($input: VerifyPrivacyRequestInput!) { verifyPrivacyRequest(input: $input) { ${payload} } }`,
  extend: `mutation ($input: ExtendPrivacyRequestInput!) { extendPrivacyRequest(input: $input) { ${payload} } }`,
  reject: `mutation ($input: RejectPrivacyRequestInput!) { rejectPrivacyRequest(input: $input) { ${payload} } }`,
  complete: `mutation ($input: CompletePrivacyRequestInput!) { completePrivacyRequest(input: $input) { ${payload} } }`,
};

interface RequestNode {
  id: string;
  status: string;
  dueAt: string;
  timeLeftSeconds: number | null;
  overdue: boolean;
  timeline: { type: string; data: Record<string, unknown> }[];
}
type Payload = { request: RequestNode | null; userErrors: { field: string[]; code: string }[] };

describe.each(databaseKinds)('privacy requests on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let client: TestGraphQLClient;
  let privacy: Viewer;
  let northwindId: string;
  let rozumnyiDimId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    await seedDemo(prisma, { now });
    client = await createTestGraphQLClient(prisma, {
      now: () => now,
      settings: { SUBJECT_HASH_SECRET: DEMO_HASH_KEY },
    });
    const privacyUser = await prisma.staffUser.findUniqueOrThrow({
      where: { email: 'privacy@confide.test' },
    });
    privacy = testViewers.staff(['PRIVACY'], { id: privacyUser.id, name: privacyUser.name });
    const sites = await prisma.site.findMany({ orderBy: { createdAt: 'asc' } });
    northwindId = sites[0]!.id;
    rozumnyiDimId = sites[1]!.id;
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  async function run(mutation: keyof typeof mutations, input: Record<string, unknown>, viewer = privacy) {
    const result = await client.executeAs<Record<string, Payload>>(viewer, mutations[mutation], { input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data ?? {})[0] as Payload;
  }

  async function create(siteId: string, type: string, email = ' Requester.One@Example.com ') {
    const created = await run('create', {
      siteId: toGlobalId('Site', siteId),
      type,
      channel: 'EMAIL',
      requesterEmail: email,
    });
    expect(created.userErrors).toEqual([]);
    return created.request as RequestNode;
  }

  const stored = (globalId: string) =>
    prisma.privacyRequest.findUniqueOrThrow({
      where: { id: Buffer.from(globalId, 'base64url').toString().split(':')[1] },
      include: { events: { orderBy: { occurredAt: 'asc' } }, extensions: true },
    });

  it("creates a request with the site's deadlines, the keyed hash and a first timeline entry", async () => {
    const request = await create(northwindId, 'ERASURE');
    const row = await stored(request.id);
    expect(row).toMatchObject({
      status: 'RECEIVED',
      requesterEmail: 'Requester.One@Example.com',
      requesterEmailNormalized: 'requester.one@example.com',
      // The same keyed hash the demo seed writes, so seeded and new requests match the same subject.
      requesterEmailHash: subjectHash('requester.one@example.com', DEMO_HASH_KEY),
      receivedAt: now,
      examinationDueAt: null,
    });
    // Monday 27 April 2026, 08:00 in New York: 7 business days → Wednesday 6 May, end of day EDT.
    expect(row.dueAt.toISOString()).toBe('2026-05-07T03:59:59.999Z');
    expect(row.events.map((event) => event.type)).toEqual(['CREATED']);
    expect(request.timeLeftSeconds).toBe(Math.round((row.dueAt.getTime() - now.getTime()) / 1000));
    expect(request.overdue).toBe(false);
    const audit = await prisma.auditEvent.findFirst({
      where: { action: 'privacy_request.create', targetIds: { has: row.id } },
    });
    expect(JSON.stringify(audit?.details)).not.toContain('requester');
  });

  it('refuses sales staff and changes nothing', async () => {
    const before = await prisma.privacyRequest.count();
    const result = await client.executeAs(testViewers.staff(['SALES']), mutations.create, {
      input: {
        siteId: toGlobalId('Site', northwindId),
        type: 'ACCESS',
        channel: 'EMAIL',
        requesterEmail: 'a@example.com',
      },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await prisma.privacyRequest.count()).toBe(before);
  });

  it('walks RECEIVED → VERIFIED → EXTENDED → COMPLETED with a timeline event per change, refusing bad moves', async () => {
    const request = await create(rozumnyiDimId, 'ACCESS');
    const row = await stored(request.id);
    // Policy 003: examined within 10 working days, satisfied within 30 calendar days.
    expect(row.examinationDueAt).not.toBeNull();
    expect(row.dueAt.getTime() - row.receivedAt.getTime()).toBeGreaterThan(29 * 86_400_000);

    const early = await run('extend', {
      requestId: request.id,
      officialName: 'Iryna Melnyk',
      noticeDate: now.toISOString(),
      reason: 'Archive',
      newDueAt: '2026-06-01T00:00:00.000Z',
    });
    expect(early.userErrors.map((error) => error.code)).toEqual(['INVALID_STATE']);

    expect((await run('verify', { requestId: request.id })).request?.status).toBe('VERIFIED');
    expect((await run('verify', { requestId: request.id })).userErrors.map((error) => error.code)).toEqual([
      'INVALID_STATE',
    ]);

    // 45 calendar days from 27 April is 11 June (Kyiv): one day later is refused and nothing is stored.
    const tooLate = await run('extend', {
      requestId: request.id,
      officialName: 'Iryna Melnyk',
      noticeDate: now.toISOString(),
      reason: 'Archive',
      newDueAt: '2026-06-12T12:00:00.000Z',
    });
    expect(tooLate.userErrors.map((error) => error.code)).toEqual(['PAST_MAXIMUM']);
    expect((await stored(request.id)).extensions).toEqual([]);

    const extended = await run('extend', {
      requestId: request.id,
      officialName: 'Iryna Melnyk, data protection officer',
      noticeDate: now.toISOString(),
      reason: 'Part of the data is in the delivery archive',
      newDueAt: '2026-06-10T12:00:00.000Z',
    });
    expect(extended.userErrors).toEqual([]);
    const afterExtension = await stored(request.id);
    expect(afterExtension).toMatchObject({ status: 'EXTENDED', dueAt: new Date('2026-06-10T12:00:00.000Z') });
    expect(afterExtension.extensions).toEqual([
      expect.objectContaining({
        officialName: 'Iryna Melnyk, data protection officer',
        previousDueAt: row.dueAt,
        newDueAt: new Date('2026-06-10T12:00:00.000Z'),
      }),
    ]);

    expect((await run('complete', { requestId: request.id })).request?.status).toBe('COMPLETED');
    const done = await stored(request.id);
    expect(done.completedAt).toEqual(now);
    expect(done.events.map((event) => [event.type, (event.data as { to?: string } | null)?.to])).toEqual([
      ['CREATED', undefined],
      ['VERIFIED', 'VERIFIED'],
      ['EXTENDED', 'EXTENDED'],
      ['COMPLETED', 'COMPLETED'],
    ]);
    expect((await run('reject', { requestId: request.id, reason: 'late' })).userErrors[0]?.code).toBe(
      'INVALID_STATE',
    );
  });

  it('requires a reason to reject, and an executed erasure to complete an erasure request', async () => {
    const request = await create(northwindId, 'ERASURE', 'requester.two@example.com');
    expect((await run('reject', { requestId: request.id, reason: '  ' })).userErrors[0]?.code).toBe(
      'REQUIRED',
    );
    await run('verify', { requestId: request.id });
    expect((await run('complete', { requestId: request.id })).userErrors[0]?.code).toBe('INVALID_STATE');
    const rejected = await run('reject', {
      requestId: request.id,
      reason: 'The sender could not be verified',
    });
    expect(rejected.request?.status).toBe('REJECTED');
    expect(await stored(request.id)).toMatchObject({
      status: 'REJECTED',
      rejectedAt: now,
      rejectionReason: 'The sender could not be verified',
    });
  });

  it('lists by urgency: open requests by due date (overdue first), then closed ones, across pages', async () => {
    const rows = await prisma.privacyRequest.findMany();
    const open = rows.filter((row) => !['COMPLETED', 'REJECTED'].includes(row.status));
    const closed = rows.filter((row) => ['COMPLETED', 'REJECTED'].includes(row.status));
    const byDue = (direction: 1 | -1) => (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      direction * (a.dueAt.getTime() - b.dueAt.getTime()) || direction * (a.id < b.id ? -1 : 1);
    const expected = [...open.sort(byDue(1)), ...closed.sort(byDue(-1))].map((row) =>
      toGlobalId('PrivacyRequest', row.id),
    );
    const seen: string[] = [];
    const overdue: boolean[] = [];
    let after: string | null = null;
    for (;;) {
      const result: {
        data?: {
          privacyRequests: { nodes: RequestNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        } | null;
      } = await client.executeAs(
        privacy,
        `query ($after: String) { privacyRequests(first: 4, after: $after) { nodes { id overdue dueAt status } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page = result.data!.privacyRequests;
      seen.push(...page.nodes.map((node) => node.id));
      overdue.push(...page.nodes.map((node) => node.overdue));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    // The seed's extended and in-progress access requests are past due: they come first and say so.
    expect(overdue[0]).toBe(true);
    expect(open.filter((row) => row.dueAt < now).length).toBe(overdue.filter(Boolean).length);

    const overdueOnly = await client.executeAs<{ privacyRequests: { totalCount: number } }>(
      privacy,
      '{ privacyRequests(first: 10, filter: { overdue: true }) { totalCount } }',
    );
    expect(overdueOnly.data?.privacyRequests.totalCount).toBe(open.filter((row) => row.dueAt < now).length);
  });
});
