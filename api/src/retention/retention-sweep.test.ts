import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEvents, redactedDetails, verifyAuditChain } from '../audit/audit-log.ts';
import type { Database } from '../shared/database.ts';
import { createLogger } from '../shared/logger.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';
import { addMonths } from './lead-retention.ts';
import { RetentionSweeper } from './retention-sweeper.ts';
import { startSweep } from './run-sweep.ts';
import { acquireSweepLease, sweepLeaseTimeoutMs } from './sweep-lease.ts';

const dayMs = 24 * 60 * 60 * 1000;
const start = new Date('2026-01-05T09:00:00.000Z');
const silent = createLogger({ logLevel: 'silent', environment: 'test' });

/** The time every query and sweep sees; tests move it. */
const clock = { now: start };
const travelTo = (date: Date) => {
  clock.now = date;
};

const sweepMutation = /* GraphQL */ `
  mutation Sweep($input: RunRetentionSweepInput!) {
    runRetentionSweep(input: $input) {
      run {
        id
        status
        dryRun
        trigger
        skippedOnHold
        counts {
          recordType
          count
        }
        triggeredBy {
          name
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`;
const placeMutation = /* GraphQL */ `
  mutation Place($input: PlaceLegalHoldInput!) {
    placeLegalHold(input: $input) {
      legalHold {
        id
        reason
        active
        owner {
          name
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`;
const releaseMutation = /* GraphQL */ `
  mutation Release($input: ReleaseLegalHoldInput!) {
    releaseLegalHold(input: $input) {
      legalHold {
        id
        active
        releasedAt
      }
      userErrors {
        field
        code
      }
    }
  }
`;

interface SweepResult {
  runRetentionSweep: {
    run: {
      id: string;
      status: string;
      dryRun: boolean;
      skippedOnHold: number;
      counts: { recordType: string; count: number }[];
    } | null;
    userErrors: { field: string[]; code: string }[];
  };
}

describe.each(databaseKinds)('retention sweeps on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let client: TestGraphQLClient;
  let siteId: string;
  let otherSiteId: string;
  let privacyUserId: string;
  const privacy = () => testViewers.staff(['PRIVACY'], { id: privacyUserId, name: 'Pia Privacy' });

  /** A conversation whose last message was at `lastMessageAt`, with two messages and a detected email. */
  async function conversation(lastMessageAt: Date, site = siteId, email = `${randomUUID()}@example.com`) {
    const retentionDays = (await prisma.site.findUniqueOrThrow({ where: { id: site } }))
      .conversationRetentionDays;
    const created = await prisma.conversation.create({
      data: {
        siteId: site,
        externalId: randomUUID(),
        channel: 'WIDGET',
        startedAt: new Date(lastMessageAt.getTime() - 60_000),
        lastMessageAt,
        expiresAt: new Date(lastMessageAt.getTime() + retentionDays * dayMs),
        messageCount: 2,
        messages: {
          create: [
            {
              externalId: randomUUID(),
              role: 'VISITOR',
              text: `Reach me at ${email}`,
              sentAt: lastMessageAt,
            },
            { externalId: randomUUID(), role: 'ASSISTANT', text: 'Thanks!', sentAt: lastMessageAt },
          ],
        },
      },
    });
    await prisma.detectedContact.create({
      data: { conversationId: created.id, kind: 'EMAIL', value: email },
    });
    return { ...created, email };
  }

  async function chatLead(conversationId: string, email: string, data: Record<string, unknown> = {}) {
    return prisma.lead.create({
      data: {
        siteId,
        conversationId,
        source: 'CHAT',
        name: 'Visitor',
        email,
        emailNormalized: email,
        createdAt: clock.now,
        notes: { create: { body: 'Called back' } },
        ...data,
      },
    });
  }

  async function sweep(input: { siteId?: string | null; dryRun?: boolean } = {}) {
    const result = await client.executeAs<SweepResult>(privacy(), sweepMutation, {
      input: { siteId: input.siteId === undefined ? null : input.siteId, dryRun: input.dryRun ?? false },
    });
    expect(result.errors).toBeUndefined();
    await client.retentionSweeper.settled();
    const run = result.data!.runRetentionSweep.run;
    return run && (await prisma.retentionRun.findUniqueOrThrow({ where: { id: fromRunId(run.id) } }));
  }
  const fromRunId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;
  const exists = {
    conversation: async (id: string) => (await prisma.conversation.count({ where: { id } })) === 1,
    lead: async (id: string) => (await prisma.lead.count({ where: { id } })) === 1,
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    client = await createTestGraphQLClient(prisma, { now: () => clock.now });
    const site = (domain: string) =>
      prisma.site.create({
        data: {
          name: domain,
          domain,
          widgetKeyHash: randomUUID(),
          widgetKeyPrefix: 'wk_',
          erasureReplyTemplate: 'Done',
        },
      });
    siteId = (await site('retention.test')).id;
    otherSiteId = (await site('other.test')).id;
    privacyUserId = (
      await prisma.staffUser.create({
        data: { email: 'pia@staff.test', name: 'Pia Privacy', passwordHash: 'x', roles: ['PRIVACY'] },
      })
    ).id;
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  it('deletes a conversation on the day it expires and not a moment earlier, with its messages, contacts and lead', async () => {
    travelTo(start);
    const expiring = await conversation(start);
    const lead = await chatLead(expiring.id, expiring.email);
    await prisma.consent.create({
      data: {
        siteId,
        subjectEmailNormalized: expiring.email,
        leadId: lead.id,
        purpose: 'CHAT_LOGGING',
        legalBasis: 'CONSENT',
        action: 'GRANTED',
        source: 'WIDGET',
        policyVersion: '1',
        occurredAt: start,
      },
    });
    // A new message 10 days later moves the date by 10 days.
    const extended = await conversation(start);
    const later = new Date(start.getTime() + 10 * dayMs);
    await prisma.message.create({
      data: {
        conversationId: extended.id,
        externalId: randomUUID(),
        role: 'VISITOR',
        text: 'Still there?',
        sentAt: later,
      },
    });
    await prisma.conversation.update({
      where: { id: extended.id },
      data: { lastMessageAt: later, expiresAt: new Date(later.getTime() + 90 * dayMs) },
    });
    const otherSite = await conversation(start, otherSiteId);

    travelTo(new Date(start.getTime() + 90 * dayMs - 1));
    const early = await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(early?.status).toBe('COMPLETED');
    expect(await exists.conversation(expiring.id)).toBe(true);
    expect(await exists.lead(lead.id)).toBe(true);

    travelTo(new Date(start.getTime() + 90 * dayMs));
    const due = await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(due).toMatchObject({
      status: 'COMPLETED',
      dryRun: false,
      trigger: 'MANUAL',
      triggeredById: privacyUserId,
    });
    expect(due?.counts).toMatchObject({
      conversations: 1,
      messages: 2,
      detectedContacts: 1,
      leads: 1,
      leadNotes: 1,
      consents: 1,
    });
    expect(await exists.conversation(expiring.id)).toBe(false);
    expect(await prisma.message.count({ where: { conversationId: expiring.id } })).toBe(0);
    expect(await prisma.detectedContact.count({ where: { conversationId: expiring.id } })).toBe(0);
    expect(await exists.lead(lead.id)).toBe(false);
    expect(await prisma.leadNote.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await prisma.consent.count({ where: { subjectEmailNormalized: expiring.email } })).toBe(0);
    // The extended conversation and the other site's (a site sweep covers one site) remain.
    expect(await exists.conversation(extended.id)).toBe(true);
    expect(await exists.conversation(otherSite.id)).toBe(true);

    travelTo(new Date(later.getTime() + 90 * dayMs));
    await sweep();
    expect(await exists.conversation(extended.id)).toBe(false);
    expect(await exists.conversation(otherSite.id)).toBe(false);

    // Each sweep wrote one audit event with its counts; the chain still verifies.
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: 'retention.sweep', targetIds: { has: due!.id } },
    });
    expect(event).toMatchObject({ actorType: 'STAFF', actorId: privacyUserId, targetType: 'RetentionRun' });
    expect(event.details).toMatchObject({ status: 'COMPLETED', counts: { conversations: 1, leads: 1 } });
    expect((await verifyAuditChain(prisma)).valid).toBe(true);
  });

  it("keeps a subject's consents while they have another lead on the site, and redacts only change events of what it deletes", async () => {
    travelTo(start);
    const consent = (site: string, email: string, leadId: string | null) =>
      prisma.consent.create({
        data: {
          siteId: site,
          subjectEmailNormalized: email,
          leadId,
          purpose: 'MARKETING_COMMUNICATIONS',
          legalBasis: 'CONSENT',
          action: 'GRANTED',
          source: 'WIDGET',
          policyVersion: '1',
          occurredAt: start,
        },
      });
    // Subject X has a lead in an expiring conversation and another in a later one.
    const expiringX = await conversation(start);
    const goneX = await chatLead(expiringX.id, expiringX.email);
    const laterX = await conversation(new Date(start.getTime() + 30 * dayMs), siteId, expiringX.email);
    const keptX = await chatLead(laterX.id, expiringX.email);
    await consent(siteId, expiringX.email, goneX.id);
    await consent(siteId, expiringX.email, null);
    // Subject Y's only lead on the site expires; Y's entry on the other site is another site's business.
    const expiringY = await conversation(start);
    const goneY = await chatLead(expiringY.id, expiringY.email);
    await consent(siteId, expiringY.email, goneY.id);
    await consent(otherSiteId, expiringY.email, null);
    const actor = { type: 'STAFF' as const, id: privacyUserId, label: 'pia@staff.test' };
    await appendAuditEvents(
      prisma,
      actor,
      null,
      [
        { action: 'lead.update', targetType: 'Lead', targetIds: [goneY.id], details: { name: 'Old name' } },
        { action: 'lead.update', targetType: 'Lead', targetIds: [keptX.id], details: { name: 'Kept name' } },
        {
          action: 'personal_data.read',
          targetType: 'Lead',
          targetIds: [goneX.id, goneY.id, keptX.id],
          details: { fields: ['email'] },
        },
      ],
      start,
    );

    travelTo(new Date(start.getTime() + 90 * dayMs));
    await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(await exists.lead(goneX.id)).toBe(false);
    expect(await exists.lead(goneY.id)).toBe(false);
    expect(await exists.lead(keptX.id)).toBe(true);
    const ledger = async (site: string, email: string) =>
      prisma.consent.count({ where: { siteId: site, subjectEmailNormalized: email } });
    expect(await ledger(siteId, expiringX.email)).toBe(2);
    expect(await ledger(siteId, expiringY.email)).toBe(0);
    expect(await ledger(otherSiteId, expiringY.email)).toBe(1);

    const events = await prisma.auditEvent.findMany({
      where: { targetIds: { hasSome: [goneY.id, keptX.id] } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => [event.action, event.details, event.redactedAt !== null])).toEqual([
      ['lead.update', redactedDetails, true],
      ['lead.update', { name: 'Kept name' }, false],
      ['personal_data.read', { fields: ['email'] }, false],
    ]);
    expect((await verifyAuditChain(prisma)).valid).toBe(true);
    travelTo(new Date(start.getTime() + 120 * dayMs));
    await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(await ledger(siteId, expiringX.email)).toBe(0);
  });

  it('keeps held records (a hold on a conversation or its lead keeps both) until the hold is released', async () => {
    travelTo(start);
    const heldConversation = await conversation(start);
    const heldLeadConversation = await conversation(start);
    const heldLead = await chatLead(heldLeadConversation.id, heldLeadConversation.email);

    const placeOn = async (recordId: string) => {
      const result = await client.executeAs<{
        placeLegalHold: { legalHold: { id: string; active: boolean; owner: { name: string } } | null };
      }>(privacy(), placeMutation, { input: { recordId, reason: '  Dispute 2026-17  ' } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.placeLegalHold.legalHold).toMatchObject({
        active: true,
        owner: { name: 'Pia Privacy' },
      });
      return result.data!.placeLegalHold.legalHold!.id;
    };
    const conversationHold = await placeOn(toGlobalId('Conversation', heldConversation.id));
    const leadHold = await placeOn(toGlobalId('Lead', heldLead.id));
    expect(await prisma.legalHold.findFirstOrThrow({ where: { leadId: heldLead.id } })).toMatchObject({
      reason: 'Dispute 2026-17',
      ownerId: privacyUserId,
      releasedAt: null,
    });

    travelTo(new Date(start.getTime() + 100 * dayMs));
    const held = await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(held?.skippedOnHold).toBe(2);
    expect(await exists.conversation(heldConversation.id)).toBe(true);
    expect(await exists.conversation(heldLeadConversation.id)).toBe(true);
    expect(await exists.lead(heldLead.id)).toBe(true);

    // The hold shows on the records' retention info.
    const retention = await client.executeAs<{
      node: { retention: { onHold: boolean; daysLeft: number; holds: { id: string }[] } };
    }>(
      privacy(),
      `query ($id: ID!) { node(id: $id) { ... on Conversation { retention { onHold daysLeft holds { id } } } } }`,
      {
        id: toGlobalId('Conversation', heldLeadConversation.id),
      },
    );
    expect(retention.data?.node.retention).toEqual({ onHold: true, daysLeft: 0, holds: [{ id: leadHold }] });

    const release = async (id: string) =>
      client.executeAs<{
        releaseLegalHold: { legalHold: { active: boolean } | null; userErrors: { code: string }[] };
      }>(privacy(), releaseMutation, { input: { id } });
    expect((await release(leadHold)).data?.releaseLegalHold).toMatchObject({
      legalHold: { active: false },
      userErrors: [],
    });
    expect((await release(leadHold)).data?.releaseLegalHold).toMatchObject({
      legalHold: null,
      userErrors: [{ code: 'ALREADY_RELEASED' }],
    });
    const next = await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(next?.skippedOnHold).toBe(1);
    expect(await exists.conversation(heldLeadConversation.id)).toBe(false);
    expect(await exists.lead(heldLead.id)).toBe(false);
    expect(await exists.conversation(heldConversation.id)).toBe(true);

    await release(conversationHold);
    await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(await exists.conversation(heldConversation.id)).toBe(false);
    // The holds went with their records; audit events about them keep their skeleton.
    expect(
      await prisma.legalHold.count({ where: { id: { in: [conversationHold, leadHold].map(fromRunId) } } }),
    ).toBe(0);
    const placed = await prisma.auditEvent.findMany({
      where: { action: 'legal_hold.place', targetIds: { has: heldLead.id } },
    });
    expect(placed).toHaveLength(1);
    expect(placed[0]!.details).toEqual(redactedDetails);
  });

  it('refuses a hold without a reason, on an unknown record, or owned by someone who cannot release it', async () => {
    const sales = await prisma.staffUser.create({
      data: { email: `sales-${randomUUID()}@staff.test`, name: 'Sal', passwordHash: 'x', roles: ['SALES'] },
    });
    const target = await conversation(clock.now);
    const before = await prisma.legalHold.count();
    const cases: [Record<string, unknown>, { field: string[]; code: string }[]][] = [
      [
        { recordId: toGlobalId('Conversation', target.id), reason: '  ' },
        [{ field: ['input', 'reason'], code: 'REQUIRED' }],
      ],
      [
        { recordId: toGlobalId('Lead', randomUUID()), reason: 'x' },
        [{ field: ['input', 'recordId'], code: 'NOT_FOUND' }],
      ],
      [
        { recordId: toGlobalId('Site', siteId), reason: 'x' },
        [{ field: ['input', 'recordId'], code: 'NOT_FOUND' }],
      ],
      [
        {
          recordId: toGlobalId('Conversation', target.id),
          reason: 'x',
          ownerId: toGlobalId('StaffMember', sales.id),
        },
        [{ field: ['input', 'ownerId'], code: 'NOT_ASSIGNABLE' }],
      ],
    ];
    for (const [input, userErrors] of cases) {
      const result = await client.executeAs<{ placeLegalHold: { userErrors: unknown[] } }>(
        privacy(),
        placeMutation,
        {
          input,
        },
      );
      expect(result.data?.placeLegalHold.userErrors).toEqual(userErrors);
    }
    expect(await prisma.legalHold.count()).toBe(before);
  });

  it('keeps an exported lead after its conversation for the lead retention, an engaged one for the engagement plus the legal period', async () => {
    travelTo(start);
    const site = await prisma.site.findUniqueOrThrow({ where: { id: siteId } });
    const exportedConversation = await conversation(start);
    const exported = await chatLead(exportedConversation.id, exportedConversation.email);
    const exportedAt = new Date(start.getTime() + dayMs);
    await prisma.lead.update({ where: { id: exported.id }, data: { exportedAt } });
    const { refreshLeadRetention } = await import('./lead-retention.ts');
    await refreshLeadRetention(prisma, [exported.id]);
    const retainUntil = addMonths(exportedAt, site.leadRetentionMonths);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: exported.id } })).retainUntil).toEqual(
      retainUntil,
    );

    const engagedConversation = await conversation(start);
    const engaged = await chatLead(engagedConversation.id, engagedConversation.email);
    const sales = testViewers.staff(['SALES']);
    const setStatus = async (status: string) => {
      const result = await client.executeAs(
        sales,
        `mutation ($input: UpdateLeadInput!) { updateLead(input: $input) { userErrors { code } } }`,
        {
          input: { id: toGlobalId('Lead', engaged.id), status },
        },
      );
      expect(result.errors).toBeUndefined();
    };
    await setStatus('ENGAGED');
    expect(await prisma.lead.findUniqueOrThrow({ where: { id: engaged.id } })).toMatchObject({
      engagedAt: start,
      engagementEndedAt: null,
      retainUntil: null,
    });

    travelTo(new Date(start.getTime() + 91 * dayMs));
    await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(await exists.conversation(exportedConversation.id)).toBe(false);
    expect(await exists.conversation(engagedConversation.id)).toBe(false);
    expect(await prisma.lead.findUniqueOrThrow({ where: { id: exported.id } })).toMatchObject({
      conversationId: null,
    });
    expect(await exists.lead(engaged.id)).toBe(true);

    const ended = new Date(start.getTime() + 200 * dayMs);
    travelTo(ended);
    await setStatus('DISQUALIFIED');
    const legalEnd = addMonths(ended, site.engagedLegalRetentionMonths);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: engaged.id } })).retainUntil).toEqual(
      legalEnd,
    );

    travelTo(new Date(retainUntil.getTime() - 1));
    await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(await exists.lead(exported.id)).toBe(true);
    travelTo(retainUntil);
    await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(await exists.lead(exported.id)).toBe(false);
    expect(await exists.lead(engaged.id)).toBe(true);
    travelTo(legalEnd);
    await sweep({ siteId: toGlobalId('Site', siteId) });
    expect(await exists.lead(engaged.id)).toBe(false);
  });

  it('deletes closed request records after their retention, expired exports and sessions, stale rate-limit buckets', async () => {
    travelTo(start);
    const site = await prisma.site.findUniqueOrThrow({ where: { id: siteId } });
    const request = (status: 'COMPLETED' | 'IN_PROGRESS', completedAt: Date | null) =>
      prisma.privacyRequest.create({
        data: {
          siteId,
          type: 'ACCESS',
          channel: 'EMAIL',
          requesterEmailHash: randomUUID(),
          status,
          receivedAt: start,
          dueAt: start,
          completedAt,
          events: { create: { type: 'CREATED', occurredAt: start } },
          exports: { create: { json: {}, html: '', expiresAt: new Date(start.getTime() + 400 * dayMs) } },
        },
      });
    const closed = await request('COMPLETED', start);
    const open = await request('IN_PROGRESS', null);
    const staff = await prisma.staffUser.create({
      data: { email: `s-${randomUUID()}@staff.test`, name: 'S', passwordHash: 'x', roles: ['SALES'] },
    });
    const session = (expiresAt: Date) =>
      prisma.session.create({ data: { tokenHash: randomUUID(), staffUserId: staff.id, expiresAt } });
    const expiredSession = await session(new Date(start.getTime() + dayMs));
    await prisma.rateLimitBucket.create({ data: { key: 'login:ip:x', windowStart: start, count: 3 } });

    const closedUntil = addMonths(start, site.requestRecordRetentionMonths);
    travelTo(new Date(closedUntil.getTime() - 1));
    const liveSession = await session(new Date(closedUntil.getTime() + dayMs));
    await sweep();
    expect(await prisma.privacyRequest.count({ where: { id: closed.id } })).toBe(1);
    // The open request's export expired on its own date.
    expect(await prisma.subjectExport.count({ where: { requestId: open.id } })).toBe(0);
    expect(await prisma.session.count({ where: { id: expiredSession.id } })).toBe(0);
    expect(await prisma.session.count({ where: { id: liveSession.id } })).toBe(1);
    expect(await prisma.rateLimitBucket.count({ where: { key: 'login:ip:x' } })).toBe(0);

    travelTo(closedUntil);
    const run = await sweep();
    expect(run?.counts).toMatchObject({ privacyRequests: 1 });
    expect(await prisma.privacyRequest.count({ where: { id: closed.id } })).toBe(0);
    expect(await prisma.privacyRequestEvent.count({ where: { requestId: closed.id } })).toBe(0);
    expect(await prisma.privacyRequest.count({ where: { id: open.id } })).toBe(1);
  });

  it('deletes in batches, counts a dry run the same without deleting, and previews what goes when', async () => {
    travelTo(start);
    const batch = await Promise.all(Array.from({ length: 5 }, () => conversation(start)));
    const notYet = await conversation(new Date(start.getTime() + 5 * dayMs));
    travelTo(new Date(start.getTime() + 92 * dayMs));

    const preview = await client.executeAs<{
      retentionPreview: {
        totalCount: number;
        nodes: {
          recordType: string;
          recordId: string;
          overdue: boolean;
          reason: string;
          deletesAt: string;
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      privacy(),
      `query ($siteId: ID!, $after: String) { retentionPreview(siteId: $siteId, horizonDays: 7, first: 3, after: $after) {
        totalCount nodes { recordType recordId overdue reason deletesAt } pageInfo { hasNextPage endCursor } } }`,
      { siteId: toGlobalId('Site', siteId) },
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data?.retentionPreview.totalCount).toBe(6);
    expect(preview.data?.retentionPreview.nodes[0]).toMatchObject({
      recordType: 'Conversation',
      overdue: true,
      reason: 'CONVERSATION',
    });
    const second = await client.executeAs<typeof preview.data>(
      privacy(),
      `query ($siteId: ID!, $after: String) { retentionPreview(siteId: $siteId, horizonDays: 7, first: 3, after: $after) {
        totalCount nodes { recordType recordId overdue reason deletesAt } pageInfo { hasNextPage endCursor } } }`,
      {
        siteId: toGlobalId('Site', siteId),
        after: preview.data?.retentionPreview.pageInfo.endCursor,
      },
    );
    const listed = [...preview.data!.retentionPreview.nodes, ...second.data!.retentionPreview.nodes];
    expect(listed.map((item) => item.recordId).sort()).toEqual(
      [...batch, notYet].map((row) => toGlobalId('Conversation', row.id)).sort(),
    );
    expect(listed.at(-1)).toMatchObject({ recordId: toGlobalId('Conversation', notYet.id), overdue: false });

    const dryRun = await sweep({ siteId: toGlobalId('Site', siteId), dryRun: true });
    expect(dryRun).toMatchObject({ dryRun: true, status: 'COMPLETED' });
    expect(dryRun?.counts).toMatchObject({ conversations: 5, messages: 10, detectedContacts: 5 });
    expect(await prisma.conversation.count({ where: { id: { in: batch.map((row) => row.id) } } })).toBe(5);

    // A sweeper with batches of two: three transactions, the same result.
    const sweeper = new RetentionSweeper({
      prisma,
      clock: () => clock.now,
      logger: silent,
      intervalMinutes: 60,
      scheduled: false,
      batchSize: 2,
    });
    const run = await sweeper.begin({
      siteId,
      dryRun: false,
      trigger: 'MANUAL',
      triggeredById: null,
      actor: { type: 'SYSTEM', id: null, label: 'test' },
      requestId: null,
    });
    expect(run?.status).toBe('RUNNING');
    await sweeper.settled();
    await sweeper.stop();
    const finished = await prisma.retentionRun.findUniqueOrThrow({ where: { id: run!.id } });
    expect(finished).toMatchObject({ status: 'COMPLETED' });
    expect(finished.counts).toEqual({ ...(dryRun!.counts as object), consents: 0 });
    expect(await prisma.conversation.count({ where: { id: { in: batch.map((row) => row.id) } } })).toBe(0);
    expect(await exists.conversation(notYet.id)).toBe(true);
  });

  it('lets only one sweeper delete at a time, and takes over a lease its holder abandoned', async () => {
    const environment = { prisma, clock: () => clock.now, holder: 'other-instance' };
    const lease = await acquireSweepLease(prisma, 'other-instance', clock.now);
    expect(lease).not.toBeNull();
    const abandoned = await prisma.retentionRun.create({
      data: { trigger: 'SCHEDULE', startedAt: clock.now },
    });
    const refused = await client.executeAs<SweepResult>(privacy(), sweepMutation, {
      input: { dryRun: false },
    });
    expect(refused.data?.runRetentionSweep).toEqual({
      run: null,
      userErrors: [{ field: [], code: 'SWEEP_RUNNING' }],
    });
    // A dry run deletes nothing and needs no lease.
    expect(
      await startSweep(environment, {
        siteId: null,
        dryRun: true,
        trigger: 'MANUAL',
        triggeredById: null,
        actor: { type: 'SYSTEM', id: null, label: 'test' },
        requestId: null,
      }),
    ).not.toBeNull();

    travelTo(new Date(clock.now.getTime() + sweepLeaseTimeoutMs + 1));
    const takeover = await sweep();
    expect(takeover?.status).toBe('COMPLETED');
    expect(await prisma.retentionRun.findUniqueOrThrow({ where: { id: abandoned.id } })).toMatchObject({
      status: 'FAILED',
    });
    // The abandoned holder renews in vain: it deletes nothing more.
    await expect(prisma.$transaction((transaction) => lease!.renew(transaction, clock.now))).rejects.toThrow(
      /took over/,
    );
    expect(await prisma.job.count({ where: { singletonKey: 'retention-sweep' } })).toBe(0);
  });

  it('sweeps on the schedule once per interval, and stops cleanly', async () => {
    const runs = () => prisma.retentionRun.count({ where: { trigger: 'SCHEDULE', status: 'COMPLETED' } });
    const before = await runs();
    // Past the interval since the last scheduled run (the one the previous test abandoned).
    travelTo(new Date(clock.now.getTime() + 2 * 60 * 60_000));
    const scheduled = new RetentionSweeper({
      prisma,
      clock: () => clock.now,
      logger: silent,
      intervalMinutes: 60,
      scheduled: true,
      firstCheckDelayMs: 0,
    });
    scheduled.start();
    await expect.poll(runs, { timeout: 20_000 }).toBe(before + 1);
    await scheduled.stop();
    // A second instance starting now finds the schedule fresh and does not sweep again.
    const second = new RetentionSweeper({
      prisma,
      clock: () => clock.now,
      logger: silent,
      intervalMinutes: 60,
      scheduled: true,
      firstCheckDelayMs: 0,
    });
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await second.stop();
    expect(await runs()).toBe(before + 1);
  });
});
