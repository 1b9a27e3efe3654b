import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import type { RunningServer } from '../server/start-server.ts';
import { startTestServer } from '../testing/test-server.ts';
import {
  createStaffCaller,
  createTokenCaller,
  postGraphql,
  type HttpCaller,
} from '../testing/http-callers.ts';
import { appendAuditEvents, type AuditActor } from './audit-log.ts';

const alice: AuditActor = {
  type: 'STAFF',
  id: '01960000-0000-7000-8000-0000000000a1',
  label: 'alice@x.test',
};
const robot: AuditActor = { type: 'TOKEN', id: '01960000-0000-7000-8000-0000000000b1', label: 'token crm' };
const leadId = '01960000-0000-7000-8000-0000000000c1';
const day = (n: number) => new Date(Date.UTC(2025, 0, n, 12));

const pageQuery = `query Audit($first: Int, $after: String, $last: Int, $before: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { id occurredAt actorType actorLabel action targetType targetIds requestId details redactedAt }
  }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  nodes: { id: string; action: string; actorLabel: string; targetIds: string[]; requestId: string | null }[];
}

describe.each(databaseKinds)('auditEvents and auditChainVerification on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let privacy: HttpCaller & { staffUserId: string };
  let token: HttpCaller;
  /** Database id of the event each request wrote (the server may have written some before). */
  const eventIds: Record<string, string> = {};

  async function page(caller: HttpCaller, variables: Record<string, unknown>): Promise<Page> {
    const response = await postGraphql(server.url, caller, { query: pageQuery, variables });
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.auditEvents as Page;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    server = await startTestServer(database);
    // Five events on five days: ids 1–5, oldest first.
    await appendAuditEvents(
      database.prisma,
      alice,
      'r1',
      [{ action: 'lead.update', targetType: 'Lead', targetIds: [leadId], details: { fields: ['status'] } }],
      day(1),
    );
    await appendAuditEvents(
      database.prisma,
      robot,
      'r2',
      [
        {
          action: 'personal_data.read',
          targetType: 'Lead',
          targetIds: [leadId],
          details: { fields: ['email'] },
        },
      ],
      day(2),
    );
    await appendAuditEvents(database.prisma, alice, 'r3', [{ action: 'consent.withdraw' }], day(3));
    await appendAuditEvents(
      database.prisma,
      robot,
      'r4',
      [
        {
          action: 'personal_data.read',
          targetType: 'Conversation',
          targetIds: ['01960000-0000-7000-8000-0000000000d1'],
        },
      ],
      day(4),
    );
    await appendAuditEvents(
      database.prisma,
      alice,
      'r5',
      [{ action: 'lead.update', targetType: 'Lead', targetIds: [leadId] }],
      day(5),
    );
    for (const event of await database.prisma.auditEvent.findMany({
      where: { requestId: { in: ['r1', 'r2', 'r3', 'r4', 'r5'] } },
    })) {
      eventIds[event.requestId!] = event.id.toString();
    }
    privacy = await createStaffCaller(database.prisma, ['PRIVACY']);
    token = await createTokenCaller(database.prisma, ['audit:read']);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('lists events newest first, with global ids for the events and their targets', async () => {
    const result = await page(token, { first: 2, filter: { occurredBefore: day(6).toISOString() } });
    expect(result.totalCount).toBe(5);
    expect(result.nodes).toEqual([
      {
        id: toGlobalId('AuditEvent', eventIds.r5!),
        occurredAt: day(5).toISOString(),
        actorType: 'STAFF',
        actorLabel: 'alice@x.test',
        action: 'lead.update',
        targetType: 'Lead',
        targetIds: [toGlobalId('Lead', leadId)],
        requestId: 'r5',
        details: null,
        redactedAt: null,
      },
      expect.objectContaining({
        id: toGlobalId('AuditEvent', eventIds.r4!),
        actorType: 'TOKEN',
        requestId: 'r4',
      }),
    ]);
    expect(result.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('pages forward and backward with cursors', async () => {
    const filter = { occurredBefore: day(6).toISOString() };
    const first = await page(token, { first: 2, filter });
    const second = await page(token, { first: 2, after: first.pageInfo.endCursor, filter });
    expect(second.nodes.map((node) => node.requestId)).toEqual(['r3', 'r2']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const third = await page(token, { first: 2, after: second.pageInfo.endCursor, filter });
    expect(third.nodes.map((node) => node.requestId)).toEqual(['r1']);
    expect(third.pageInfo.hasNextPage).toBe(false);

    const back = await page(token, { last: 2, before: third.pageInfo.startCursor, filter });
    expect(back.nodes.map((node) => node.requestId)).toEqual(['r3', 'r2']);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const oldest = await page(token, { last: 1, filter });
    expect(oldest.nodes.map((node) => node.requestId)).toEqual(['r1']);
  });

  it('filters by action, actor, target and time', async () => {
    const byActions = await page(token, { filter: { actions: ['lead.update', 'consent.withdraw'] } });
    expect(byActions.nodes.map((node) => node.requestId)).toEqual(['r5', 'r3', 'r1']);

    const byActor = await page(token, { filter: { actorId: toGlobalId('ApiToken', robot.id!) } });
    expect(byActor.nodes.map((node) => node.requestId)).toEqual(['r4', 'r2']);

    const byTarget = await page(token, { filter: { targetId: toGlobalId('Lead', leadId) } });
    expect(byTarget.nodes.map((node) => node.requestId)).toEqual(['r5', 'r2', 'r1']);
    expect(byTarget.totalCount).toBe(3);

    const byTime = await page(token, {
      filter: { occurredAfter: day(2).toISOString(), occurredBefore: day(4).toISOString() },
    });
    expect(byTime.nodes.map((node) => node.requestId)).toEqual(['r3', 'r2']);
  });

  it('records every read of the trail as an audit.read event naming what was returned', async () => {
    const read = await postGraphql(server.url, privacy, {
      query: '{ auditEvents(first: 2, filter: { actions: ["lead.update"] }) { nodes { id } } }',
    });
    const returned = (read.body.data?.auditEvents as { nodes: { id: string }[] }).nodes.map(
      (node) => node.id,
    );
    const trail = await page(token, {
      first: 1,
      filter: { actions: ['audit.read'], actorId: toGlobalId('StaffMember', privacy.staffUserId) },
    });
    expect(trail.nodes).toEqual([
      expect.objectContaining({
        action: 'audit.read',
        actorLabel: expect.stringMatching(/^privacy-.*@confide\.test$/),
        targetIds: returned,
        details: { filter: { actions: ['lead.update'] } },
      }),
    ]);
  });

  it('refuses cursors and ids that are not ours with BAD_USER_INPUT', async () => {
    const cases = [
      [{ after: 'not-a-cursor' }, 'after is not a valid cursor'],
      [
        { after: Buffer.from(JSON.stringify([null, '1 OR 1=1'])).toString('base64url') },
        'after is not a valid cursor',
      ],
      [{ filter: { actorId: 'abc' } }, 'filter.actorId is not a valid id'],
      [{ filter: { targetId: toGlobalId('Lead', 'not-a-uuid') } }, 'filter.targetId is not a valid id'],
    ] as const;
    for (const [variables, message] of cases) {
      const response = await postGraphql(server.url, token, { query: pageQuery, variables });
      expect(response.body.errors).toMatchObject([{ message, extensions: { code: 'BAD_USER_INPUT' } }]);
    }
  });

  it('verifies the chain, and names the first event that was tampered with', async () => {
    const query = '{ auditChainVerification { valid eventsChecked firstBrokenEventId redactedEvents } }';
    const valid = await postGraphql(server.url, privacy, { query });
    expect(valid.body.data?.auditChainVerification).toMatchObject({
      valid: true,
      firstBrokenEventId: null,
      redactedEvents: 0,
    });

    await database.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    try {
      await database.prisma.auditEvent.update({
        where: { id: BigInt(eventIds.r3!) },
        data: { actorLabel: 'mallory@x.test' },
      });
    } finally {
      await database.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    }
    const broken = await postGraphql(server.url, privacy, { query });
    expect(broken.body.data?.auditChainVerification).toEqual({
      valid: false,
      eventsChecked: await database.prisma.auditEvent.count({ where: { id: { lt: BigInt(eventIds.r3!) } } }),
      firstBrokenEventId: toGlobalId('AuditEvent', eventIds.r3!),
      redactedEvents: 0,
    });
    // The verification itself is on the record.
    expect(await database.prisma.auditEvent.count({ where: { action: 'audit.verify' } })).toBe(2);
  });
});
