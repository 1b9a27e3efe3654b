import type { PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../shared/database.ts';
import { toGlobalId } from '../shared/global-id.ts';
import type { RunningServer } from '../server/start-server.ts';
import {
  createStaffCaller,
  createTokenCaller,
  postGraphql,
  type HttpCaller,
} from '../testing/http-callers.ts';
import { startTestServer } from '../testing/test-server.ts';
import { leadsCsvHeaders, neutraliseFormula } from './leads-csv.ts';
import { leadsCsvPath } from './leads-csv.route.ts';
import { createTestConnection, createTestLeads, createTestSite } from './testing/crm-fixtures.ts';
import { startHubSpotStub } from './testing/crm-stubs.ts';

const encryptionKey = Buffer.alloc(32, 7).toString('base64');
// Two jobs at a time, so a stop always finds batches still queued.
const serverSettings = { ENCRYPTION_KEY: encryptionKey, JOB_POLL_INTERVAL_MS: '20', JOB_CONCURRENCY: '2' };

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('formula neutralising', () => {
  it('makes cells a spreadsheet would evaluate into text, and leaves E.164 phones and plain text alone', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example")')).toBe(
      '\'=HYPERLINK("http://evil.example")',
    );
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('+1 cmd|calc')).toBe("'+1 cmd|calc");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('+442071234567')).toBe('+442071234567');
    expect(neutraliseFormula('Grace Hopper')).toBe('Grace Hopper');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe.each(databaseKinds)('CRM over HTTP on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  let server: RunningServer;
  let siteId: string;
  let sales: HttpCaller;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
    server = await startTestServer(database, serverSettings);
    siteId = await createTestSite(prisma);
    sales = await createStaffCaller(prisma, ['SALES']);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  const download = (caller: HttpCaller, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${leadsCsvPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller.headers, ...headers },
      body: JSON.stringify(body),
    });

  it('streams a CSV of a selection with HubSpot’s headers, consent and status columns, formulas neutralised, and audits it', async () => {
    const createdAt = new Date('2030-05-01T00:00:00Z');
    const ids = await createTestLeads(prisma, siteId, [
      {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        company: '=HYPERLINK("http://evil.example")',
        createdAt,
      },
      { name: 'Alan Turing', jobTitle: '-2+3', crmTransfer: null, flag: 'RESTRICTION', createdAt },
      ...Array.from({ length: 1_200 }, () => ({ createdAt })),
    ]);
    const response = await download(sales, {
      filter: { siteIds: [toGlobalId('Site', siteId)], createdAfter: createdAt.toISOString() },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(leadsCsvHeaders.join(','));
    expect(lines).toHaveLength(1 + 1_202);
    const grace = lines.find((line) => line.includes('grace@example.com'))!;
    expect(grace).toBe(
      'Grace,Hopper,grace@example.com,+442071234567,"\'=HYPERLINK(""http://evil.example"")",Buyer,NEW,CONTACT_FORM,' +
        `${createdAt.toISOString()},,granted (CONSENT),none,no,no`,
    );
    const alan = lines.find((line) => line.startsWith('Alan,Turing'))!;
    expect(alan).toContain(",'-2+3,");
    expect(alan.endsWith(',none,none,yes,no')).toBe(true);

    await until(async () => (await prisma.auditEvent.count({ where: { action: 'lead.csv_export' } })) === 1);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'lead.csv_export' } });
    expect(event.actorType).toBe('STAFF');
    expect(event.details).toEqual({ count: 1_202, selection: 'filter', searched: false, completed: true });
    expect([...event.targetIds].sort()).toEqual([...ids].sort());
  });

  it('downloads named leads with a token holding leads:read and personal-data:read, and refuses everyone else', async () => {
    const [lead] = await createTestLeads(prisma, siteId, [{ email: 'named@example.com' }]);
    const body = { leadIds: [toGlobalId('Lead', lead!)] };
    const token = await createTokenCaller(prisma, ['leads:read', 'personal-data:read']);
    const allowed = await download(token, body);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('named@example.com');
    // The audit event is appended once the last byte is sent.
    const ofLead = { action: 'lead.csv_export', targetIds: { has: lead! } };
    await until(async () => (await prisma.auditEvent.count({ where: ofLead })) === 1);
    expect((await prisma.auditEvent.findFirstOrThrow({ where: ofLead })).actorType).toBe('TOKEN');

    const before = await prisma.auditEvent.count({ where: { action: 'lead.csv_export' } });
    const refusals: [HttpCaller, number, Record<string, string>?][] = [
      [{ label: 'anonymous', headers: {} }, 401],
      [await createStaffCaller(prisma, ['ADMIN']), 403],
      [await createTokenCaller(prisma, ['leads:read']), 403],
      [sales, 403, { origin: 'https://evil.example' }],
      [{ label: 'bad token', headers: { authorization: 'Bearer nope' } }, 401],
    ];
    for (const [caller, status, headers] of refusals) {
      const response = await download(caller, body, headers);
      expect(response.status, caller.label).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String) } });
    }
    const form = await fetch(`${server.url}${leadsCsvPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sales.headers },
      body: 'filter=%7B%7D',
    });
    expect(form.status).toBe(415);
    const invalid = await download(sales, { leadIds: ['not-an-id'] });
    expect(invalid.status).toBe(400);
    const both = await download(sales, { leadIds: body.leadIds, filter: {} });
    expect(both.status).toBe(400);
    expect(await prisma.auditEvent.count({ where: { action: 'lead.csv_export' } })).toBe(before);
  });

  it('finishes an export after the server stops in the middle of it and starts again', async () => {
    const stub = await startHubSpotStub('hs-secret');
    try {
      const connectionId = await createTestConnection(prisma, encryptionKey, {
        siteId,
        kind: 'HUBSPOT',
        baseUrl: stub.url,
        credentials: { accessToken: 'hs-secret' },
      });
      const createdAt = new Date('2034-01-01T00:00:00Z');
      await createTestLeads(
        prisma,
        siteId,
        Array.from({ length: 1_000 }, () => ({ createdAt })),
      );
      stub.setDelay(150);
      const response = await postGraphql(server.url, sales, {
        query: /* GraphQL */ `
          mutation Export($input: ExportLeadsInput!) {
            exportLeads(input: $input) {
              crmExport {
                id
              }
              userErrors {
                message
              }
            }
          }
        `,
        variables: {
          input: {
            connectionId: toGlobalId('CrmConnection', connectionId),
            filter: { createdAfter: createdAt.toISOString() },
          },
        },
      });
      const exportGlobalId = (response.body.data?.exportLeads as { crmExport: { id: string } }).crmExport.id;
      const exportId = Buffer.from(exportGlobalId, 'base64url').toString('utf8').split(':')[1]!;
      const progress = () => prisma.crmExport.findUniqueOrThrow({ where: { id: exportId } });
      await until(async () => (await progress()).done > 0);
      await server.stop();
      const midway = await progress();
      expect(midway).toMatchObject({ status: 'RUNNING' });
      expect(midway.done).toBeLessThan(1_000);

      stub.setDelay(0);
      server = await startTestServer(database, serverSettings);
      await until(async () => (await progress()).status === 'COMPLETED');
      expect(await progress()).toMatchObject({ total: 1_000, done: 1_000, failed: 0 });
      expect(stub.contacts.size).toBe(1_000);
      expect(stub.batchSizes.reduce((sum, size) => sum + size, 0)).toBe(1_000);
    } finally {
      await stub.close();
    }
  });
});
