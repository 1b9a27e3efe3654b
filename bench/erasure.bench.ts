import { BENCH_SUBJECT_EMAIL } from '@confide/db';
import { scanSubjectTraces } from '../api/src/subjects/scan-subject-traces.ts';
import { toGlobalId } from '../api/src/shared/global-id.ts';
import { execute, privacyBenchClient } from './privacy-client.ts';
import type { Benchmark } from './run.ts';

const eraseMutation = `mutation ($input: ExecuteErasureInput!) { executeErasure(input: $input) {
  receipt { counts verificationPassed } remainingTraces { table column rows } userErrors { code message }
} }`;

type Erasure = {
  executeErasure: {
    receipt: { counts: Record<string, number>; verificationPassed: boolean } | null;
    remainingTraces: unknown[];
    userErrors: unknown[];
  };
};

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/**
 * executeErasure for the benchmark subject (50 conversations) over the 1M-message data set: the
 * erasure transaction plus the verification scan of every text column, then a rerun (nothing left
 * to delete), then the scan alone. Destructive: run after subject-discovery.
 */
export const erasureBenchmark: Benchmark = {
  name: 'erasure',
  description: 'executeErasure of a subject in 50 conversations, 1M messages, with the verification scan',
  async run() {
    const bench = await privacyBenchClient();
    try {
      const created = await execute<{ createPrivacyRequest: { request: { id: string } } }>(
        bench,
        `mutation ($input: CreatePrivacyRequestInput!) { createPrivacyRequest(input: $input) { request { id } } }`,
        {
          input: {
            siteId: toGlobalId('Site', bench.northwindId),
            type: 'ERASURE',
            channel: 'EMAIL',
            requesterEmail: BENCH_SUBJECT_EMAIL,
          },
        },
      );
      const requestId = created.createPrivacyRequest.request.id;
      await execute(
        bench,
        `mutation ($input: VerifyPrivacyRequestInput!) { verifyPrivacyRequest(input: $input) { request { id } } }`,
        {
          input: { requestId },
        },
      );
      const input = { requestId, confirmEmail: BENCH_SUBJECT_EMAIL };
      let started = process.hrtime.bigint();
      const erased = await execute<Erasure>(bench, eraseMutation, { input });
      const firstMs = seconds(started);
      const { receipt, remainingTraces, userErrors } = erased.executeErasure;
      if (userErrors.length > 0 || !receipt) throw new Error(JSON.stringify(userErrors));
      console.log(
        `Erased: ${JSON.stringify(receipt.counts)}; verification passed: ${receipt.verificationPassed}`,
      );
      if (remainingTraces.length > 0) console.log(`Remaining traces: ${JSON.stringify(remainingTraces)}`);
      console.log(`executeErasure (erasure + verification scan): ${firstMs.toFixed(0)} ms`);

      started = process.hrtime.bigint();
      await execute<Erasure>(bench, eraseMutation, { input });
      console.log(`executeErasure rerun (nothing left): ${seconds(started).toFixed(0)} ms`);

      started = process.hrtime.bigint();
      await scanSubjectTraces(
        bench.database.prisma,
        [BENCH_SUBJECT_EMAIL, 'Jordan Benchley'],
        bench.northwindId,
      );
      console.log(
        `verification scan alone (every text column of every table): ${seconds(started).toFixed(0)} ms`,
      );
    } finally {
      await bench.close();
    }
  },
};
