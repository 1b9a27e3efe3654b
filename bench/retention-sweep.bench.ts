import { leadsCase, startBenchApi } from './api-latency.bench.ts';
import { measureLatency, measureLatencyWhile } from './latency.ts';
import type { Benchmark } from './run.ts';
import { scaleDatabaseCopy } from './scale-database.ts';

const sweepTargetSeconds = 60;
const latencyTargetRatio = 2;

/**
 * A real sweep of the whole benchmark set, every conversation expired, run by the API server in the
 * background (as `runRetentionSweep` starts it) while one client keeps asking for the leads list.
 * Works on a copy of the data set, so later benchmarks still find it whole.
 */
export const retentionSweepBenchmark: Benchmark = {
  name: 'retention-sweep',
  description: 'Sweep 100,000 expired conversations while leads(first: 50) is queried',
  async run() {
    const databaseUrl = await scaleDatabaseCopy('confide_sweep');
    // Ageing by clock: the server's time is just past the latest expiry, so every conversation is due.
    const probe = await startBenchApi(databaseUrl);
    const [latest] = await probe.database.prisma.$queryRaw<[{ at: Date }]>`
      SELECT max("expiresAt") AS at FROM "Conversation"`;
    const before = await counts(probe);
    await probe.stop();
    const sweepAt = new Date(latest.at.getTime() + 60_000);
    const api = await startBenchApi(databaseUrl, () => sweepAt);
    try {
      console.log(
        `Dataset: ${before.conversations.toLocaleString('en')} conversations (all expired at the sweep's clock), ` +
          `${before.messages.toLocaleString('en')} messages, ${before.leads.toLocaleString('en')} leads`,
      );
      const leadsBody = JSON.stringify(leadsCase.graphql);
      const idle = await measureLatency(() => api.post(leadsBody));

      const started = performance.now();
      const data = (await api.post(
        JSON.stringify({
          query: 'mutation { runRetentionSweep(input: {}) { run { id } userErrors { code } } }',
        }),
      )) as { runRetentionSweep: { run: { id: string } | null } };
      const runId = Buffer.from(data.runRetentionSweep.run!.id, 'base64url').toString().split(':')[1]!;
      let finished = false;
      const watcher = (async () => {
        while (!finished) {
          const run = await api.database.prisma.retentionRun.findUniqueOrThrow({ where: { id: runId } });
          if (run.status !== 'RUNNING') {
            finished = true;
            return { run, seconds: (performance.now() - started) / 1000 };
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        throw new Error('unreachable');
      })();
      const during = await measureLatencyWhile(
        () => api.post(leadsBody),
        () => !finished,
      );
      const { run, seconds } = await watcher;
      const after = await counts(api);

      const ratio = during.p95 / idle.p95;
      console.log(`Sweep: ${run.status} in ${seconds.toFixed(1)} s; deleted ${JSON.stringify(run.counts)}`);
      console.log(
        `Left: ${after.conversations} conversations, ${after.messages} messages, ${after.leads} leads ` +
          `(exported or engaged leads keep their own date); skipped on hold: ${run.skippedOnHold}`,
      );
      console.log(
        `${leadsCase.name}: idle p50 ${idle.p50.toFixed(1)} ms, p95 ${idle.p95.toFixed(1)} ms; during the sweep ` +
          `p50 ${during.p50.toFixed(1)} ms, p95 ${during.p95.toFixed(1)} ms over ${during.samples} requests ` +
          `(${ratio.toFixed(2)}× idle)`,
      );
      console.log(
        `Targets: sweep < ${sweepTargetSeconds} s ${seconds < sweepTargetSeconds ? 'met' : 'MISSED'}; ` +
          `p95 within ${latencyTargetRatio}× idle ${ratio <= latencyTargetRatio ? 'met' : 'MISSED'}`,
      );
    } finally {
      await api.stop();
    }
  },
};

async function counts(api: Awaited<ReturnType<typeof startBenchApi>>) {
  const [row] = await api.database.prisma.$queryRaw<
    [{ conversations: bigint; messages: bigint; leads: bigint }]
  >`
    SELECT (SELECT count(*) FROM "Conversation") AS conversations, (SELECT count(*) FROM "Message") AS messages,
      (SELECT count(*) FROM "Lead") AS leads`;
  return {
    conversations: Number(row.conversations),
    messages: Number(row.messages),
    leads: Number(row.leads),
  };
}
