import { openDatabase, migrateDatabase } from '@confide/db';
import { startThrowawayPostgres } from '@confide/db/testing';
import { leadsCsvPath } from '../api/src/crm/leads-csv.route.ts';
import {
  createTestConnection,
  createTestLeads,
  createTestSite,
} from '../api/src/crm/testing/crm-fixtures.ts';
import { startHubSpotStub } from '../api/src/crm/testing/crm-stubs.ts';
import { toGlobalId } from '../api/src/shared/global-id.ts';
import { loadConfig } from '../api/src/shared/config.ts';
import { createLogger } from '../api/src/shared/logger.ts';
import { startServer } from '../api/src/server/start-server.ts';
import { createStaffCaller, postGraphql } from '../api/src/testing/http-callers.ts';
import type { Benchmark } from './run.ts';

const exportedLeads = 10_000;
const csvLeads = 30_000;
const exportBudgetMs = 15_000;
const csvBudgetMs = 5_000;

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
/** CPU the benchmark's own process (server, worker, stub and client) used: wall time minus contention, roughly. */
const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/** Samples RSS and heap while `work` runs, to show whether memory grows with the output. */
async function withMemoryPeak<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRss: number; peakHeap: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return { result, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

async function insertLeads(
  prisma: Parameters<typeof createTestLeads>[0],
  siteId: string,
  count: number,
  createdAt: Date,
) {
  for (let done = 0; done < count; done += 5_000) {
    await createTestLeads(
      prisma,
      siteId,
      Array.from({ length: Math.min(5_000, count - done) }, () => ({ createdAt })),
    );
  }
}

/**
 * 10,000 consented leads exported through the real server and job worker to the loopback HubSpot
 * stub (100 per call, four calls at a time), and a 30,000-lead CSV streamed over HTTP, with peak
 * memory sampled during each.
 */
export const crmExportBenchmark: Benchmark = {
  name: 'crm-export',
  description: `${exportedLeads} leads to the HubSpot stub (< ${exportBudgetMs / 1000} s); CSV of ${csvLeads} leads (< ${csvBudgetMs / 1000} s, flat memory)`,
  async run() {
    const cluster = await startThrowawayPostgres();
    const stub = await startHubSpotStub('bench-token');
    const databaseUrl = await cluster.createDatabase('confide_crm_bench');
    const database = await openDatabase({ databaseUrl, dataDirectory: 'memory://', poolMax: 10 });
    try {
      await migrateDatabase(database);
      const { prisma } = database;
      const encryptionKey = Buffer.alloc(32, 3).toString('base64');
      const config = loadConfig({
        PORT: '0',
        NODE_ENV: 'test',
        DEMO_DATA: 'false',
        CONSOLE_DIST: '/nonexistent',
        DATABASE_URL: databaseUrl,
        ENCRYPTION_KEY: encryptionKey,
        JOB_POLL_INTERVAL_MS: '50',
      });
      const server = await startServer({
        config,
        database,
        logger: createLogger({ logLevel: 'silent', environment: 'test' }),
      });
      try {
        const siteId = await createTestSite(prisma);
        const exportDay = new Date('2030-01-01T00:00:00Z');
        const csvDay = new Date('2031-01-01T00:00:00Z');
        await insertLeads(prisma, siteId, exportedLeads, exportDay);
        await insertLeads(prisma, siteId, csvLeads - exportedLeads, csvDay);
        const connectionId = await createTestConnection(prisma, encryptionKey, {
          siteId,
          kind: 'HUBSPOT',
          baseUrl: stub.url,
          credentials: { accessToken: 'bench-token' },
        });
        const sales = await createStaffCaller(prisma, ['SALES']);

        const exportCpu = process.cpuUsage();
        const started = performance.now();
        const response = await postGraphql(server.url, sales, {
          query: `mutation ($input: ExportLeadsInput!) { exportLeads(input: $input) { crmExport { id } userErrors { message } } }`,
          variables: {
            input: {
              connectionId: toGlobalId('CrmConnection', connectionId),
              filter: { createdAfter: exportDay.toISOString(), createdBefore: csvDay.toISOString() },
            },
          },
        });
        const accepted = performance.now() - started;
        const exportGlobalId = (response.body.data?.exportLeads as { crmExport: { id: string } }).crmExport
          .id;
        const exportId = Buffer.from(exportGlobalId, 'base64url').toString('utf8').split(':')[1]!;
        let row = await prisma.crmExport.findUniqueOrThrow({ where: { id: exportId } });
        while (row.status !== 'COMPLETED' && row.status !== 'FAILED') {
          await new Promise((resolve) => setTimeout(resolve, 50));
          row = await prisma.crmExport.findUniqueOrThrow({ where: { id: exportId } });
        }
        const exportMs = performance.now() - started;
        const exportCpuSeconds = cpuSeconds(process.cpuUsage(exportCpu));
        console.log(
          `export: ${row.done} done, ${row.failed} failed, ${row.skipped} skipped of ${row.total} in ${(exportMs / 1000).toFixed(2)} s ` +
            `(mutation answered in ${accepted.toFixed(0)} ms; ${stub.batchSizes.length} HubSpot calls; ` +
            `API process CPU ${exportCpuSeconds.toFixed(2)} s; ` +
            `${(row.done / (exportMs / 1000)).toFixed(0)} leads/s) — budget ${exportBudgetMs / 1000} s: ${exportMs < exportBudgetMs ? 'PASS' : 'FAIL'}`,
        );

        const baseline = process.memoryUsage();
        const csvCpu = process.cpuUsage();
        const csvStarted = performance.now();
        const {
          result: bytes,
          peakRss,
          peakHeap,
        } = await withMemoryPeak(async () => {
          const csv = await fetch(`${server.url}${leadsCsvPath}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...sales.headers },
            body: JSON.stringify({ filter: { siteIds: [toGlobalId('Site', siteId)] } }),
          });
          let total = 0;
          for await (const chunk of csv.body!) total += (chunk as Uint8Array).length;
          return total;
        });
        const csvMs = performance.now() - csvStarted;
        const csvCpuSeconds = cpuSeconds(process.cpuUsage(csvCpu));
        console.log(
          `csv: ${csvLeads} leads, ${mib(bytes)} in ${(csvMs / 1000).toFixed(2)} s (API process CPU ${csvCpuSeconds.toFixed(2)} s) — budget ${csvBudgetMs / 1000} s: ${csvMs < csvBudgetMs ? 'PASS' : 'FAIL'}; ` +
            `RSS ${mib(baseline.rss)} before, peak ${mib(peakRss)}; heap ${mib(baseline.heapUsed)} before, peak ${mib(peakHeap)}`,
        );
      } finally {
        await server.stop();
      }
    } finally {
      await database.close();
      await stub.close();
      await cluster.stop();
    }
  },
};
