import type { PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../auth/viewer.ts';
import { createJobWorker, type JobWorker } from '../jobs/job-worker.ts';
import type { Database } from '../shared/database.ts';
import { encryptText } from '../shared/encryption.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { createLogger } from '../shared/logger.ts';
import { createTestGraphQLClient, testViewers, type TestGraphQLClient } from '../testing/graphql-client.ts';
import { openCredentials } from './crm-connection-config.ts';
import { crmJobHandlers, crmPeriodicTasks } from './crm-jobs.ts';
import { createTestConnection, createTestLeads, createTestSite } from './testing/crm-fixtures.ts';
import {
  startHubSpotStub,
  startPipedriveStub,
  startSalesforceStub,
  startWebhookStub,
  stubFailures,
  type CrmStub,
  type HubSpotStub,
} from './testing/crm-stubs.ts';

const logger = createLogger({ logLevel: 'silent', environment: 'test' });

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const exportMutation = /* GraphQL */ `
  mutation Export($input: ExportLeadsInput!) {
    exportLeads(input: $input) {
      crmExport {
        id
        status
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

const exportQuery = /* GraphQL */ `
  query Export($id: ID!) {
    crmExport(id: $id) {
      status
      total
      done
      failed
      skipped
      pending
      connection {
        kind
      }
      items(first: 100) {
        totalCount
        nodes {
          status
          crmRecordId
          crmRecordUrl
          message
          lead {
            id
          }
        }
      }
    }
  }
`;

interface ExportView {
  status: string;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  pending: number;
  items: {
    totalCount: number;
    nodes: {
      status: string;
      crmRecordId: string | null;
      crmRecordUrl: string | null;
      message: string | null;
      lead: { id: string };
    }[];
  };
}

describe.each(databaseKinds)('lead export to CRMs on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let client: TestGraphQLClient;
  let encryptionKey: string;
  let siteId: string;
  let sales: Viewer;
  let admin: Viewer;
  let worker: JobWorker | undefined;
  const stubs: CrmStub[] = [];

  /** A worker for the CRM queues, or only for those named. */
  function startWorker(queues?: string[]): JobWorker {
    const deps = {
      prisma,
      encryptionKey,
      logger,
      now: () => new Date(),
      backoff: { baseMs: 20, maxMs: 200 },
    };
    worker = createJobWorker({
      prisma,
      logger,
      handlers: Object.fromEntries(
        Object.entries(crmJobHandlers(deps)).filter(([queue]) => !queues || queues.includes(queue)),
      ),
      concurrency: 2,
      pollIntervalMs: 20,
      backoff: deps.backoff,
      periodicTasks: crmPeriodicTasks(deps, 50),
    });
    worker.start();
    return worker;
  }

  async function exportAs(viewer: Viewer, input: Record<string, unknown>) {
    const result = await client.executeAs<{
      exportLeads: {
        crmExport: { id: string; status: string } | null;
        userErrors: { field: string[]; code: string }[];
      };
    }>(viewer, exportMutation, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.exportLeads;
  }

  async function finished(exportId: string): Promise<ExportView> {
    await until(async () => {
      const row = await prisma.crmExport.findUniqueOrThrow({ where: { id: exportId } });
      return row.status === 'COMPLETED' || row.status === 'FAILED';
    });
    const result = await client.executeAs<{ crmExport: ExportView }>(sales, exportQuery, {
      id: toGlobalId('CrmExport', exportId),
    });
    expect(result.errors).toBeUndefined();
    return result.data!.crmExport;
  }

  async function hubspot(token = 'hs-secret'): Promise<{ stub: HubSpotStub; connectionId: string }> {
    const stub = await startHubSpotStub('hs-secret');
    stubs.push(stub);
    const connectionId = await createTestConnection(prisma, encryptionKey, {
      siteId,
      kind: 'HUBSPOT',
      baseUrl: stub.url,
      credentials: { accessToken: token },
      settings: { portalId: '99' },
    });
    return { stub, connectionId };
  }

  const databaseIdOf = (globalId: string) =>
    Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    client = await createTestGraphQLClient(prisma);
    const probe = await client.executeAs(testViewers.anonymous, '{ apiVersion }');
    encryptionKey = probe.context.config.encryptionKey!;
    siteId = await createTestSite(prisma);
    const salesUser = await prisma.staffUser.create({
      data: {
        email: `sales-${kind}@crm.test`,
        name: 'Sam Sales',
        passwordHash: 'test-only',
        roles: ['SALES'],
      },
    });
    sales = testViewers.staff(['SALES'], { id: salesUser.id, name: salesUser.name });
    admin = testViewers.staff(['ADMIN']);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await Promise.all(stubs.splice(0).map((stub) => stub.close()));
  });
  afterAll(async () => {
    await client?.stop();
    await database?.close();
  });

  it('lets admins manage connections with sealed credentials that are never returned, and test them', async () => {
    const stub = await startHubSpotStub('hs-secret');
    stubs.push(stub);
    const created = await client.executeAs<{
      createCrmConnection: {
        crmConnection: { id: string; kind: string; baseUrl: string; settings: { portalId: string } } | null;
        userErrors: unknown[];
      };
    }>(
      admin,
      /* GraphQL */ `
        mutation Create($input: CreateCrmConnectionInput!) {
          createCrmConnection(input: $input) {
            crmConnection {
              id
              kind
              baseUrl
              settings {
                portalId
              }
            }
            userErrors {
              field
              code
              message
            }
          }
        }
      `,
      {
        input: {
          siteId: toGlobalId('Site', siteId),
          kind: 'HUBSPOT',
          name: 'HubSpot EU',
          baseUrl: stub.url,
          credentials: { accessToken: 'hs-secret' },
          settings: { portalId: '4711', jobTitleField: '  ' },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCrmConnection.userErrors).toEqual([]);
    const connection = created.data!.createCrmConnection.crmConnection!;
    const stored = await prisma.crmConnection.findUniqueOrThrow({
      where: { id: databaseIdOf(connection.id) },
    });
    expect(Buffer.from(stored.credentialsEncrypted).toString('utf8')).not.toContain('hs-secret');
    expect(openCredentials(stored.credentialsEncrypted, encryptionKey)).toEqual({ accessToken: 'hs-secret' });
    expect(stored.settings).toEqual({ portalId: '4711' });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'crm.connection.create' } });
    expect(JSON.stringify(audit.details)).not.toContain('hs-secret');

    const missingSecret = await client.executeAs<{
      createCrmConnection: { userErrors: { field: string[]; code: string }[] };
    }>(
      admin,
      /* GraphQL */ `
        mutation Create($input: CreateCrmConnectionInput!) {
          createCrmConnection(input: $input) {
            userErrors {
              field
              code
            }
          }
        }
      `,
      { input: { siteId: toGlobalId('Site', siteId), kind: 'SALESFORCE', name: 'SF', credentials: {} } },
    );
    expect(missingSecret.data!.createCrmConnection.userErrors).toEqual([
      { field: ['input', 'baseUrl'], code: 'REQUIRED' },
      { field: ['input', 'credentials', 'accessToken'], code: 'REQUIRED' },
    ]);

    const testMutation = /* GraphQL */ `
      mutation Test($input: CrmConnectionIdInput!) {
        testCrmConnection(input: $input) {
          ok
          message
          crmConnection {
            lastTestOk
          }
        }
      }
    `;
    const good = await client.executeAs<{
      testCrmConnection: { ok: boolean; crmConnection: { lastTestOk: boolean } };
    }>(admin, testMutation, { input: { id: connection.id } });
    expect(good.data!.testCrmConnection).toMatchObject({ ok: true, crmConnection: { lastTestOk: true } });

    await client.executeAs(
      admin,
      /* GraphQL */ `
        mutation Update($input: UpdateCrmConnectionInput!) {
          updateCrmConnection(input: $input) {
            userErrors {
              code
            }
          }
        }
      `,
      { input: { id: connection.id, credentials: { accessToken: 'revoked' } } },
    );
    const bad = await client.executeAs<{ testCrmConnection: { ok: boolean; message: string } }>(
      admin,
      testMutation,
      {
        input: { id: connection.id },
      },
    );
    expect(bad.data!.testCrmConnection.ok).toBe(false);
    expect(bad.data!.testCrmConnection.message).toContain('401');
    expect(stub.requests.at(-1)!.headers.authorization).toBe('Bearer revoked');

    const listed = await client.executeAs<{ crmConnections: { id: string }[] }>(
      sales,
      /* GraphQL */ `
        query List($siteId: ID) {
          crmConnections(siteId: $siteId) {
            id
            name
          }
        }
      `,
      { siteId: toGlobalId('Site', siteId) },
    );
    expect(listed.data!.crmConnections.map((row) => row.id)).toContain(connection.id);

    const deleted = await client.executeAs<{ deleteCrmConnection: { deletedId: string } }>(
      admin,
      /* GraphQL */ `
        mutation Delete($input: CrmConnectionIdInput!) {
          deleteCrmConnection(input: $input) {
            deletedId
          }
        }
      `,
      { input: { id: connection.id } },
    );
    expect(deleted.data!.deleteCrmConnection.deletedId).toBe(connection.id);
    expect(await prisma.crmConnection.count({ where: { id: stored.id } })).toBe(0);
  });

  it('sends consented leads to HubSpot, skips restricted, objected and unconsented ones with the reason, and records refusals', async () => {
    const { stub, connectionId } = await hubspot();
    const [granted, noConsent, withdrawn, restricted, objected, invalid, noEmail, interest] =
      await createTestLeads(prisma, siteId, [
        { name: 'Grace Hopper', email: 'Grace@Example.com ' },
        { crmTransfer: null },
        { withdrawn: true },
        { flag: 'RESTRICTION' },
        { flag: 'OBJECTION' },
        { email: 'invalid-address@example.com' },
        { email: null },
        { crmTransfer: 'LEGITIMATE_INTEREST' },
      ]);
    const leadIds = [granted, noConsent, withdrawn, restricted, objected, invalid, noEmail, interest].map(
      (id) => toGlobalId('Lead', id!),
    );
    const started = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      leadIds,
    });
    expect(started.userErrors).toEqual([]);
    expect(started.crmExport!.status).toBe('QUEUED');
    startWorker();
    const view = await finished(databaseIdOf(started.crmExport!.id));
    expect(view).toMatchObject({ status: 'COMPLETED', total: 8, done: 2, failed: 1, skipped: 5, pending: 0 });
    const byLead = new Map(view.items.nodes.map((item) => [databaseIdOf(item.lead.id), item]));
    const contact = stub.contacts.get('grace@example.com')!;
    expect(contact.properties).toMatchObject({
      firstname: 'Grace',
      lastname: 'Hopper',
      email: 'grace@example.com',
    });
    expect(byLead.get(granted!)).toMatchObject({
      status: 'DONE',
      crmRecordId: contact.id,
      crmRecordUrl: `https://app.hubspot.com/contacts/99/record/0-1/${contact.id}`,
    });
    expect(byLead.get(interest!)!.status).toBe('DONE');
    expect(byLead.get(noConsent!)!.message).toBe(
      'No current CRM_TRANSFER consent or legal basis is recorded for the subject',
    );
    expect(byLead.get(withdrawn!)!.message).toBe(
      'No current CRM_TRANSFER consent or legal basis is recorded for the subject',
    );
    expect(byLead.get(restricted!)!.message).toBe('Processing of the subject is restricted');
    expect(byLead.get(objected!)!.message).toBe('The subject objected to processing');
    expect(byLead.get(noEmail!)!.message).toMatch(/no email address/);
    expect(byLead.get(invalid!)).toMatchObject({
      status: 'FAILED',
      message: expect.stringContaining('not valid'),
    });
    // Only consented leads ever reached HubSpot.
    expect(stub.contacts.size).toBe(2);

    const lead = await prisma.lead.findUniqueOrThrow({ where: { id: granted! } });
    expect(lead.exportedAt).not.toBeNull();
    // The export moved the lead into the lead-retention regime: the site's 24 months from export.
    const retainUntil = new Date(lead.exportedAt!);
    retainUntil.setUTCMonth(retainUntil.getUTCMonth() + 24);
    expect(lead.retainUntil).toEqual(retainUntil);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: noConsent! } })).exportedAt).toBeNull();
    const record = await prisma.crmRecord.findUniqueOrThrow({
      where: { leadId_connectionId: { leadId: granted!, connectionId } },
    });
    expect(record.crmRecordId).toBe(contact.id);

    const actions = (
      await prisma.auditEvent.findMany({ where: { action: { startsWith: 'crm.export' } } })
    ).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['crm.export.create', 'crm.export.plan', 'crm.export.send']),
    );
    const sent = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'crm.export.send' } });
    expect(sent.targetIds.sort()).toEqual([granted, interest].sort());

    // A second export updates the same contact and CRM record instead of duplicating them.
    await prisma.lead.update({ where: { id: granted! }, data: { company: 'Navy' } });
    const again = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      leadIds: [leadIds[0]],
    });
    const second = await finished(databaseIdOf(again.crmExport!.id));
    expect(second).toMatchObject({ done: 1, total: 1 });
    expect(stub.contacts.size).toBe(2);
    expect(stub.contacts.get('grace@example.com')!.properties.company).toBe('Navy');
    expect(await prisma.crmRecord.count({ where: { leadId: granted! } })).toBe(1);
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: granted! } });
    expect(after.exportedAt).toEqual(lead.exportedAt);
  });

  it('waits out a 429 as Retry-After says, and fails the batch on 401 with the CRM’s message', async () => {
    const { stub, connectionId } = await hubspot();
    const leads = await createTestLeads(prisma, siteId, [{}, {}]);
    stub.respondNext(stubFailures.hubspotRateLimit(1));
    const started = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      leadIds: leads.map((id) => toGlobalId('Lead', id)),
    });
    startWorker();
    const begun = Date.now();
    const view = await finished(databaseIdOf(started.crmExport!.id));
    expect(view).toMatchObject({ status: 'COMPLETED', done: 2 });
    expect(Date.now() - begun).toBeGreaterThanOrEqual(900);
    const job = await prisma.job.findFirstOrThrow({
      where: {
        queue: 'crm.export.batch',
        payload: { path: ['exportId'], equals: databaseIdOf(started.crmExport!.id) },
      },
    });
    expect(job).toMatchObject({ status: 'DONE', attempts: 2 });

    const refused = await hubspot('wrong-token');
    const failing = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', refused.connectionId),
      leadIds: leads.map((id) => toGlobalId('Lead', id)),
    });
    const failed = await finished(databaseIdOf(failing.crmExport!.id));
    expect(failed).toMatchObject({ status: 'COMPLETED', failed: 2, done: 0 });
    expect(failed.items.nodes[0]!.message).toContain('HubSpot refused the credentials (401)');
    expect(refused.stub.requests).toHaveLength(1);
  });

  it('exports a filter selection of the connection’s site and can be cancelled before it is sent', async () => {
    const { stub, connectionId } = await hubspot();
    const createdAt = new Date('2031-01-01T00:00:00Z');
    await createTestLeads(
      prisma,
      siteId,
      Array.from({ length: 150 }, () => ({ createdAt })),
    );
    const otherSite = await createTestSite(prisma);
    await createTestLeads(prisma, otherSite, [{ createdAt }]);
    const filter = { createdAfter: createdAt.toISOString(), createdBefore: '2032-01-01T00:00:00Z' };
    const started = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      filter,
    });
    const cancelled = await client.executeAs<{ cancelCrmExport: { crmExport: { status: string } } }>(
      sales,
      /* GraphQL */ `
        mutation Cancel($input: CancelCrmExportInput!) {
          cancelCrmExport(input: $input) {
            crmExport {
              status
            }
          }
        }
      `,
      { input: { id: started.crmExport!.id } },
    );
    expect(cancelled.data!.cancelCrmExport.crmExport.status).toBe('CANCELLED');
    const plan = await prisma.job.findFirstOrThrow({
      where: {
        queue: 'crm.export.plan',
        payload: { path: ['exportId'], equals: databaseIdOf(started.crmExport!.id) },
      },
    });
    expect(plan.status).toBe('CANCELLED');

    const second = await exportAs(sales, { connectionId: toGlobalId('CrmConnection', connectionId), filter });
    startWorker();
    const view = await finished(databaseIdOf(second.crmExport!.id));
    expect(view).toMatchObject({ status: 'COMPLETED', total: 150, done: 150 });
    // Batches run concurrently, so they may reach HubSpot in either order; each respects the limit.
    expect([...stub.batchSizes].sort((a, b) => b - a)).toEqual([100, 50]);
  });

  it('resumes after the worker stops in the middle, sending each lead exactly once', async () => {
    const { stub, connectionId } = await hubspot();
    const createdAt = new Date('2033-01-01T00:00:00Z');
    const leads = await createTestLeads(
      prisma,
      siteId,
      Array.from({ length: 600 }, () => ({ createdAt })),
    );
    stub.setDelay(150);
    const started = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      filter: { createdAfter: createdAt.toISOString() },
    });
    const exportId = databaseIdOf(started.crmExport!.id);
    const first = startWorker();
    await until(async () => (await prisma.crmExport.findUniqueOrThrow({ where: { id: exportId } })).done > 0);
    await first.stop();
    const midway = await prisma.crmExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(midway.status).toBe('RUNNING');
    expect(midway.done).toBeGreaterThan(0);
    expect(midway.done).toBeLessThan(600);
    // Nothing is left locked by the stopped worker.
    expect(await prisma.job.count({ where: { status: 'RUNNING' } })).toBe(0);

    stub.setDelay(0);
    startWorker();
    const view = await finished(exportId);
    expect(view).toMatchObject({ status: 'COMPLETED', total: 600, done: 600 });
    expect(stub.batchSizes.reduce((sum, size) => sum + size, 0)).toBe(600);
    expect(await prisma.crmRecord.count({ where: { connectionId, leadId: { in: leads } } })).toBe(600);
  });

  it('takes over a batch whose worker died holding it', async () => {
    const { stub, connectionId } = await hubspot();
    const leads = await createTestLeads(prisma, siteId, [{}, {}, {}]);
    const started = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      leadIds: leads.map((id) => toGlobalId('Lead', id)),
    });
    const exportId = databaseIdOf(started.crmExport!.id);
    // A worker planned the export, claimed its batch, and died before sending it.
    const planner = startWorker(['crm.export.plan']);
    const batch = { queue: 'crm.export.batch', payload: { path: ['exportId'], equals: exportId } };
    await until(async () => (await prisma.job.count({ where: batch })) === 1);
    await planner.stop();
    await prisma.job.updateMany({
      where: batch,
      data: {
        status: 'RUNNING',
        lockedBy: 'dead-worker',
        lockedAt: new Date(Date.now() - 3_600_000),
        attempts: 1,
      },
    });
    startWorker();
    const view = await finished(exportId);
    expect(view).toMatchObject({ done: 3 });
    expect(stub.batchSizes).toEqual([3]);
  });

  it('creates then updates Salesforce Leads, and sends Pipedrive persons and signed webhooks', async () => {
    const salesforce = await startSalesforceStub('sf-token');
    const pipedrive = await startPipedriveStub('pd-token');
    const webhook = await startWebhookStub('webhook-signing-secret');
    stubs.push(salesforce, pipedrive, webhook);
    const connections = {
      SALESFORCE: await createTestConnection(prisma, encryptionKey, {
        siteId,
        kind: 'SALESFORCE',
        baseUrl: salesforce.url,
        credentials: { accessToken: 'sf-token' },
      }),
      PIPEDRIVE: await createTestConnection(prisma, encryptionKey, {
        siteId,
        kind: 'PIPEDRIVE',
        baseUrl: pipedrive.url,
        credentials: { apiToken: 'pd-token' },
        settings: { jobTitleField: 'job_title_key' },
      }),
      WEBHOOK: await createTestConnection(prisma, encryptionKey, {
        siteId,
        kind: 'WEBHOOK',
        baseUrl: `${webhook.url}/confide`,
        credentials: { signingSecret: 'webhook-signing-secret' },
      }),
    };
    const leads = await createTestLeads(prisma, siteId, [
      { name: 'Alan Turing', company: null },
      { jobTitle: 'CTO' },
    ]);
    const leadIds = leads.map((id) => toGlobalId('Lead', id));
    startWorker();
    for (const [connectionKind, connectionId] of Object.entries(connections)) {
      const started = await exportAs(sales, {
        connectionId: toGlobalId('CrmConnection', connectionId),
        leadIds,
      });
      const view = await finished(databaseIdOf(started.crmExport!.id));
      expect(view, connectionKind).toMatchObject({ status: 'COMPLETED', done: 2 });
    }
    expect([...salesforce.leads.values()]).toContainEqual(
      expect.objectContaining({ FirstName: 'Alan', LastName: 'Turing', Company: '[not provided]' }),
    );
    expect([...pipedrive.persons.values()]).toContainEqual(
      expect.objectContaining({ custom_fields: { job_title_key: 'CTO' } }),
    );
    expect(webhook.events.map((event) => event.leadId).sort()).toEqual([...leadIds].sort());

    const again = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connections.SALESFORCE),
      leadIds,
    });
    await finished(databaseIdOf(again.crmExport!.id));
    expect(salesforce.leads.size).toBe(2);
    expect(salesforce.requests.at(-1)!.method).toBe('PATCH');
  });

  it('propagates queued erasures to each CRM, records the outcome and drops the stored email', async () => {
    const { stub, connectionId } = await hubspot();
    const salesforce = await startSalesforceStub('sf-token');
    stubs.push(salesforce);
    const sfConnection = await createTestConnection(prisma, encryptionKey, {
      siteId,
      kind: 'SALESFORCE',
      baseUrl: salesforce.url,
      credentials: { accessToken: 'sf-token' },
    });
    const broken = await createTestConnection(prisma, encryptionKey, {
      siteId,
      kind: 'HUBSPOT',
      baseUrl: stub.url,
      credentials: { accessToken: 'revoked' },
    });
    const [leadId] = await createTestLeads(prisma, siteId, [{ email: 'erase.me@example.com' }]);
    startWorker();
    for (const id of [connectionId, sfConnection]) {
      const started = await exportAs(sales, {
        connectionId: toGlobalId('CrmConnection', id),
        leadIds: [toGlobalId('Lead', leadId!)],
      });
      await finished(databaseIdOf(started.crmExport!.id));
    }
    expect(stub.contacts.has('erase.me@example.com')).toBe(true);
    const sfRecord = await prisma.crmRecord.findUniqueOrThrow({
      where: { leadId_connectionId: { leadId: leadId!, connectionId: sfConnection } },
    });

    const receipt = await prisma.erasureReceipt.create({
      data: { siteId, subjectHash: 'hash-of-erase-me', counts: {}, startedAt: new Date() },
    });
    const subjectEncrypted = encryptText('erase.me@example.com', encryptionKey);
    await prisma.crmErasure.createMany({
      data: [
        { receiptId: receipt.id, connectionId, subjectEncrypted },
        {
          receiptId: receipt.id,
          connectionId: sfConnection,
          crmRecordId: sfRecord.crmRecordId,
          subjectEncrypted,
        },
        { receiptId: receipt.id, connectionId: broken, subjectEncrypted },
      ],
    });
    await until(async () => (await prisma.crmErasure.count({ where: { status: 'PENDING' } })) === 0);
    const outcomes = await prisma.crmErasure.findMany({ where: { receiptId: receipt.id } });
    const byConnection = new Map(outcomes.map((row) => [row.connectionId, row]));
    expect(byConnection.get(connectionId)).toMatchObject({
      status: 'DONE',
      subjectEncrypted: null,
      lastError: null,
    });
    expect(byConnection.get(sfConnection)).toMatchObject({ status: 'DONE', subjectEncrypted: null });
    expect(byConnection.get(broken)).toMatchObject({ status: 'FAILED', subjectEncrypted: null, attempts: 1 });
    expect(byConnection.get(broken)!.lastError).toContain('401');
    expect(outcomes.every((row) => row.completedAt !== null)).toBe(true);
    expect(stub.contacts.has('erase.me@example.com')).toBe(false);
    expect(salesforce.leads.has(sfRecord.crmRecordId)).toBe(false);
    // The audit event follows the outcome's own write.
    const receiptEvents = { where: { targetIds: { has: receipt.id } } };
    await until(async () => (await prisma.auditEvent.count(receiptEvents)) === 3);
    const audited = await prisma.auditEvent.findMany(receiptEvents);
    expect(audited.map((event) => event.action).sort()).toEqual([
      'crm.erasure.fail',
      'crm.erasure.send',
      'crm.erasure.send',
    ]);
  });

  it('refuses exports through unknown or disabled connections, and unknown leads, without queueing anything', async () => {
    const { connectionId } = await hubspot();
    const jobsBefore = await prisma.job.count();
    const [lead] = await createTestLeads(prisma, siteId, [{}]);
    await prisma.crmConnection.update({ where: { id: connectionId }, data: { disabledAt: new Date() } });
    const disabled = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      leadIds: [toGlobalId('Lead', lead!)],
    });
    expect(disabled.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID', field: ['input', 'connectionId'] }),
    ]);
    await prisma.crmConnection.update({ where: { id: connectionId }, data: { disabledAt: null } });
    const unknownLead = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      leadIds: [toGlobalId('Lead', lead!), toGlobalId('Lead', '01960000-0000-7000-8000-0000000000ff')],
    });
    expect(unknownLead.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'leadIds', '1'] }),
    ]);
    const both = await exportAs(sales, {
      connectionId: toGlobalId('CrmConnection', connectionId),
      leadIds: [toGlobalId('Lead', lead!)],
      filter: {},
    });
    expect(both.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED' })]);
    expect(await prisma.job.count()).toBe(jobsBefore);
  });
});
