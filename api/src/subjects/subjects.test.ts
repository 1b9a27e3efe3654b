import { DEMO_HASH_KEY, ERASURE_DEMO_EMAIL, seedDemo, type PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEvents, verifyAuditChain } from '../audit/audit-log.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { Database } from '../shared/database.ts';
import { decryptText, encryptText } from '../shared/encryption.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';
import { scanSubjectTraces } from './scan-subject-traces.ts';

const start = new Date('2026-04-27T12:00:00.000Z');
const encryptionKey = Buffer.alloc(32, 5).toString('base64');

/** Rows of every table (each row as text, all columns) that contain any of `needles`, per table. */
async function tracesEverywhere(prisma: PrismaClient, needles: string[]): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const patterns = needles.map((needle) => `%${needle.toLowerCase()}%`);
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "${name}" t WHERE t::text ILIKE ANY($1::text[])`,
      patterns,
    );
    if (row && row.count > 0) found[name] = row.count;
  }
  return found;
}

const subjectQuery = `query ($email: String!, $siteId: ID) {
  subjectData(email: $email, siteId: $siteId) {
    email
    counts { conversations messages matchingMessages leads detectedContacts consents requests crmRecords flags }
    leads { id name email }
    conversations { conversation { id } linkedBy matchingMessages { snippet highlights { start end } } }
  }
}`;

describe.each(databaseKinds)('subject rights on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let client: TestGraphQLClient;
  let privacy: Viewer;
  let clock = start;
  let northwindId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    await seedDemo(prisma, { now: start });
    client = await createTestGraphQLClient(prisma, {
      now: () => clock,
      settings: { SUBJECT_HASH_SECRET: DEMO_HASH_KEY, ENCRYPTION_KEY: encryptionKey },
    });
    const privacyUser = await prisma.staffUser.findUniqueOrThrow({
      where: { email: 'privacy@confide.test' },
    });
    privacy = testViewers.staff(['PRIVACY'], { id: privacyUser.id, name: privacyUser.name });
    northwindId = (await prisma.site.findFirstOrThrow({ orderBy: { createdAt: 'asc' } })).id;
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  async function call<T>(query: string, variables: Record<string, unknown>, viewer = privacy): Promise<T> {
    const result = await client.executeAs<Record<string, T>>(viewer, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data ?? {})[0] as T;
  }

  /** A verified request of `type` from `email` on `siteId`; returns its global id. */
  async function verifiedRequest(type: string, email: string, siteId = northwindId): Promise<string> {
    const created = await call<{ request: { id: string } }>(
      `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { request { id } userErrors { code } } }`,
      { input: { siteId: toGlobalId('Site', siteId), type, channel: 'EMAIL', requesterEmail: email } },
    );
    await call(
      `mutation ($input: VerifyPrivacyRequestInput!) { verifyPrivacyRequest(input: $input) { request { id } } }`,
      {
        input: { requestId: created.request.id },
      },
    );
    return created.request.id;
  }

  const erase = (requestId: string, confirmEmail: string) =>
    call<{
      receipt: { counts: Record<string, number>; verificationPassed: boolean; replyText: string } | null;
      remainingTraces: unknown[];
      userErrors: { code: string }[];
    }>(
      `mutation ($input: ExecuteErasureInput!) { executeErasure(input: $input) {
        receipt { counts verificationPassed replyText subjectHash } remainingTraces { table column rows } userErrors { code field }
      } }`,
      { input: { requestId, confirmEmail } },
    );

  it('finds everything linked to an address, ignoring case and surrounding whitespace, with snippets', async () => {
    const data = await call<{
      email: string;
      counts: Record<string, number>;
      conversations: {
        linkedBy: string[];
        matchingMessages: { snippet: string; highlights: { start: number; end: number }[] }[];
      }[];
    }>(subjectQuery, { email: '  OLENA.Kovalenko@EXAMPLE.com ' });
    expect(data.email).toBe(ERASURE_DEMO_EMAIL);
    const lead = await prisma.lead.findFirstOrThrow({ where: { emailNormalized: ERASURE_DEMO_EMAIL } });
    const typed = await prisma.message.findMany({
      where: { text: { contains: ERASURE_DEMO_EMAIL, mode: 'insensitive' } },
    });
    const conversationIds = new Set([lead.conversationId, ...typed.map((message) => message.conversationId)]);
    expect(data.counts).toMatchObject({
      conversations: conversationIds.size,
      leads: 1,
      matchingMessages: typed.length,
    });
    expect(data.counts.consents).toBe(
      await prisma.consent.count({ where: { subjectEmailNormalized: ERASURE_DEMO_EMAIL } }),
    );
    expect(data.conversations.flatMap((item) => item.linkedBy).sort()).toEqual(
      expect.arrayContaining(['LEAD_CONTACT', 'MESSAGE_TEXT']),
    );
    for (const snippet of data.conversations.flatMap((item) => item.matchingMessages)) {
      const [range] = snippet.highlights;
      expect(snippet.snippet.slice(range!.start, range!.end).toLowerCase()).toBe(ERASURE_DEMO_EMAIL);
    }
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'privacy.subject_data' } });
    expect(JSON.stringify([audit.details, audit.targetIds])).not.toContain('olena');
  });

  it('refuses discovery to sales staff and to admins (no personal-data:read)', async () => {
    for (const roles of [['SALES'], ['ADMIN']] as const) {
      const result = await client.executeAs(testViewers.staff([...roles]), subjectQuery, {
        email: ERASURE_DEMO_EMAIL,
      });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('erases the subject, queues the CRM erasure, redacts the audit trail and proves nothing is left', async () => {
    const lead = await prisma.lead.findFirstOrThrow({ where: { emailNormalized: ERASURE_DEMO_EMAIL } });
    const connection = await prisma.crmConnection.create({
      data: {
        siteId: northwindId,
        kind: 'WEBHOOK',
        name: 'Test CRM',
        credentialsEncrypted: encryptText('{}', encryptionKey),
      },
    });
    await prisma.crmRecord.create({
      data: {
        leadId: lead.id,
        connectionId: connection.id,
        crmRecordId: 'crm-4711',
        firstExportedAt: start,
        lastExportedAt: start,
      },
    });
    // An old audit event that named the subject in its details, and one about her lead.
    await appendAuditEvents(
      prisma,
      { type: 'SYSTEM', id: null, label: 'import' },
      null,
      [
        { action: 'legacy.import', details: { note: `imported ${lead.name} <${ERASURE_DEMO_EMAIL}>` } },
        { action: 'lead.update', targetType: 'Lead', targetIds: [lead.id], details: { fields: ['status'] } },
      ],
      start,
    );
    const needles = [ERASURE_DEMO_EMAIL, lead.name!, ...(lead.phone ? [lead.phone] : [])];
    expect(Object.keys(await tracesEverywhere(prisma, needles)).length).toBeGreaterThan(3);

    const requestId = await verifiedRequest('ERASURE', 'Olena.Kovalenko@example.com');
    const conversationsBefore = await prisma.conversation.count();
    const wrong = await erase(requestId, 'someone.else@example.com');
    expect(wrong.userErrors.map((error) => error.code)).toEqual(['CONFIRMATION_MISMATCH']);
    expect(await prisma.conversation.count()).toBe(conversationsBefore);

    clock = new Date(start.getTime() + 60_000);
    const result = await erase(requestId, ' olena.kovalenko@EXAMPLE.com');
    expect(result.userErrors).toEqual([]);
    expect(result.remainingTraces).toEqual([]);
    expect(result.receipt).toMatchObject({ verificationPassed: true });
    expect(result.receipt!.counts).toMatchObject({
      conversations: 2,
      leads: 1,
      leadNotes: 1,
      crmErasuresQueued: 1,
    });
    expect(result.receipt!.replyText).toContain('we deleted 2 AI Assistant conversation(s)');
    expect(result.receipt!.replyText).toContain('Northwind Software');
    expect(await prisma.conversation.count()).toBe(conversationsBefore - 2);

    // What is stored: no table holds the address, the name or the phone any more.
    expect(await tracesEverywhere(prisma, needles)).toEqual({});
    const receipt = await prisma.erasureReceipt.findFirstOrThrow({
      where: { requestId: Buffer.from(requestId, 'base64url').toString().split(':')[1] },
    });
    expect(receipt).toMatchObject({ verificationPassed: true, completedAt: clock });
    const [crmErasure, ...others] = await prisma.crmErasure.findMany({ where: { receiptId: receipt.id } });
    expect(others).toEqual([]);
    expect(crmErasure).toMatchObject({
      status: 'PENDING',
      connectionId: connection.id,
      crmRecordId: 'crm-4711',
    });
    expect(decryptText(crmErasure!.subjectEncrypted!, encryptionKey)).toBe(ERASURE_DEMO_EMAIL);
    // The audit chain still verifies with the subject's details redacted.
    const chain = await verifyAuditChain(prisma);
    expect(chain).toMatchObject({ valid: true });
    expect(chain.redactedEvents).toBeGreaterThanOrEqual(2);

    // Rerunning finds nothing new and queues nothing twice.
    const again = await erase(requestId, ERASURE_DEMO_EMAIL);
    expect(again.receipt!.counts).toMatchObject({ conversations: 2, leads: 1, crmErasuresQueued: 1 });
    expect(await prisma.crmErasure.count({ where: { receiptId: receipt.id } })).toBe(1);
    const completed = await call<{ request: { status: string } }>(
      `mutation ($input: CompletePrivacyRequestInput!) { completePrivacyRequest(input: $input) { request { status } } }`,
      { input: { requestId, note: 'Reply sent' } },
    );
    expect(completed.request.status).toBe('COMPLETED');
    const earlier = await call<{ counts: { requests: number } }>(subjectQuery, { email: ERASURE_DEMO_EMAIL });
    // The request is still found by its keyed hash though its address is gone.
    expect(earlier.counts.requests).toBe(1);
  });

  it('builds an access package, downloadable by privacy staff until it expires, audited', async () => {
    const request = await prisma.privacyRequest.findFirstOrThrow({
      where: { siteId: northwindId, type: 'ACCESS', status: 'IN_PROGRESS' },
    });
    const email = request.requesterEmailNormalized!;
    const created = await call<{ export: { id: string; expiresAt: string } }>(
      `mutation ($input: ExportSubjectDataInput!) { exportSubjectData(input: $input) { export { id expiresAt } userErrors { code } } }`,
      { input: { requestId: toGlobalId('PrivacyRequest', request.id) } },
    );
    const stored = await prisma.subjectExport.findFirstOrThrow({ where: { requestId: request.id } });
    const json = stored.json as {
      format: string;
      version: number;
      subject: { email: string };
      leads: unknown[];
    };
    expect(json).toMatchObject({ format: 'confide.subject-export', version: 1, subject: { email } });
    expect(json.leads.length).toBe(
      await prisma.lead.count({ where: { siteId: northwindId, emailNormalized: email } }),
    );
    expect(stored.html).toContain(email);
    expect(stored.html).not.toContain('<script');

    const download = `query ($id: ID!) { subjectExport(id: $id) { json html expiresAt } }`;
    const content = await call<{ json: { subject: { email: string } } }>(download, { id: created.export.id });
    expect(content.json.subject.email).toBe(email);
    expect(
      await prisma.auditEvent.count({
        where: { action: 'privacy.export.download', targetIds: { has: stored.id } },
      }),
    ).toBe(1);
    const refused = await client.executeAs(testViewers.staff(['SALES']), download, { id: created.export.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    clock = new Date(stored.expiresAt.getTime() + 1000);
    const expired = await client.executeAs(privacy, download, { id: created.export.id });
    expect(expired.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    clock = new Date(start.getTime() + 60_000);
  });

  it('places and lifts a restriction, rectifies a lead with old values only in the audit trail, withdraws consent', async () => {
    const lead = await prisma.lead.findFirstOrThrow({
      where: { siteId: northwindId, emailNormalized: { not: null }, phone: { not: null } },
      orderBy: { createdAt: 'desc' },
    });
    const email = lead.emailNormalized!;

    const restriction = await verifiedRequest('RESTRICTION', email);
    const placed = await call<{ flag: { id: string; kind: string } }>(
      `mutation ($input: PlaceSubjectFlagInput!) { placeSubjectFlag(input: $input) { flag { id kind } userErrors { code } } }`,
      { input: { requestId: restriction, reason: 'Accuracy contested' } },
    );
    expect(
      await prisma.subjectFlag.findFirstOrThrow({ where: { subjectEmailNormalized: email, liftedAt: null } }),
    ).toMatchObject({
      kind: 'RESTRICTION',
      siteId: northwindId,
    });
    await call(
      `mutation ($input: LiftSubjectFlagInput!) { liftSubjectFlag(input: $input) { flag { liftedAt } } }`,
      {
        input: { flagId: placed.flag.id },
      },
    );
    expect(await prisma.subjectFlag.count({ where: { subjectEmailNormalized: email, liftedAt: null } })).toBe(
      0,
    );

    const rectification = await verifiedRequest('RECTIFICATION', email);
    const rectified = await call<{ lead: { phone: string } | null; userErrors: unknown[] }>(
      `mutation ($input: RectifyLeadInput!) { rectifyLead(input: $input) { lead { phone } userErrors { code field } } }`,
      {
        input: {
          requestId: rectification,
          leadId: toGlobalId('Lead', lead.id),
          changes: { phone: '+44 20 7946 0958' },
        },
      },
    );
    expect(rectified.userErrors).toEqual([]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).phone).toBe('+442079460958');
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: 'privacy.rectify', targetIds: { has: lead.id } },
    });
    expect(audit.details).toEqual({ changes: { phone: { from: lead.phone, to: '+442079460958' } } });
    const timeline = await prisma.privacyRequestEvent.findMany({ where: { type: 'RECTIFIED' } });
    expect(JSON.stringify(timeline)).not.toContain(lead.phone!);

    await prisma.consent.create({
      data: {
        siteId: northwindId,
        subjectEmailNormalized: email,
        purpose: 'MARKETING_COMMUNICATIONS',
        legalBasis: 'CONSENT',
        action: 'GRANTED',
        source: 'FORM',
        policyVersion: '1',
        occurredAt: start,
      },
    });
    const withdrawal = await verifiedRequest('WITHDRAW_CONSENT', email);
    const withdrawn = await call<{ withdrawn: string[] }>(
      `mutation ($input: WithdrawSubjectConsentsInput!) { withdrawSubjectConsents(input: $input) { withdrawn notGranted userErrors { code } } }`,
      { input: { requestId: withdrawal, purposes: ['MARKETING_COMMUNICATIONS'] } },
    );
    expect(withdrawn.withdrawn).toEqual(['MARKETING_COMMUNICATIONS']);
    const latest = await prisma.consent.findFirstOrThrow({
      where: { siteId: northwindId, subjectEmailNormalized: email, purpose: 'MARKETING_COMMUNICATIONS' },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    });
    expect(latest).toMatchObject({ action: 'WITHDRAWN', source: 'EMAIL' });
  });

  it("opens an erasure request due at once for a child's data, or deletes an unlinked conversation at once", async () => {
    const lead = await prisma.lead.findFirstOrThrow({
      where: { siteId: northwindId, conversationId: { not: null }, emailNormalized: { not: null } },
    });
    const marked = await call<{ request: { id: string; dueAt: string; type: string } }>(
      `mutation ($input: MarkChildDataInput!) { markChildData(input: $input) { request { id dueAt type } deletedConversationId userErrors { code } } }`,
      { input: { conversationId: toGlobalId('Conversation', lead.conversationId!) } },
    );
    expect(marked.request.type).toBe('ERASURE');
    expect(new Date(marked.request.dueAt)).toEqual(clock);
    expect(
      await prisma.conversation.findUniqueOrThrow({ where: { id: lead.conversationId! } }),
    ).toMatchObject({
      isChildData: true,
    });

    const unlinked = await prisma.conversation.findFirstOrThrow({
      where: { siteId: northwindId, lead: null, detectedContacts: { none: { kind: 'EMAIL' } } },
    });
    const deleted = await call<{ deletedConversationId: string }>(
      `mutation ($input: MarkChildDataInput!) { markChildData(input: $input) { deletedConversationId userErrors { code } } }`,
      { input: { conversationId: toGlobalId('Conversation', unlinked.id) } },
    );
    expect(deleted.deletedConversationId).toBe(toGlobalId('Conversation', unlinked.id));
    expect(await prisma.conversation.findUnique({ where: { id: unlinked.id } })).toBeNull();
  });

  it('finds a leftover in any text or JSON column, in any case, and names only the columns holding it', async () => {
    const needles = ['left.over@example.com', 'Wilhelmina Leftover'];
    expect(await scanSubjectTraces(prisma, needles, northwindId)).toEqual([]);
    const conversation = await prisma.conversation.findFirstOrThrow({ where: { siteId: northwindId } });
    await prisma.conversation.update({
      where: { id: conversation.id },
      data: { pageUrl: 'https://example.com/?email=LEFT.OVER@Example.com' },
    });
    const event = await prisma.privacyRequestEvent.findFirstOrThrow();
    await prisma.privacyRequestEvent.update({
      where: { id: event.id },
      data: { data: { note: { who: 'wilhelmina leftover' } } },
    });
    expect(await scanSubjectTraces(prisma, needles, northwindId)).toEqual([
      { table: 'Conversation', column: 'pageUrl', rows: 1 },
      { table: 'PrivacyRequestEvent', column: 'data', rows: 1 },
    ]);
    await prisma.conversation.update({ where: { id: conversation.id }, data: { pageUrl: null } });
    await prisma.privacyRequestEvent.update({ where: { id: event.id }, data: { data: {} } });
    expect(await scanSubjectTraces(prisma, needles, northwindId)).toEqual([]);
  });
});
