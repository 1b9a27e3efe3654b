import { BENCH_SUBJECT_EMAIL } from '@confide/db';
import { measureLatency } from './latency.ts';
import { execute, privacyBenchClient } from './privacy-client.ts';
import type { Benchmark } from './run.ts';

const query = `query ($email: String!) { subjectData(email: $email) {
  counts { conversations messages matchingMessages leads detectedContacts consents requests crmRecords flags }
  leads { id name email phone }
  conversations { conversation { id lastMessageAt } linkedBy matchingMessages { snippet highlights { start end } } }
  consents { id purpose action }
} }`;

/** subjectData for the benchmark subject (50 conversations among 1M messages), as the privacy officer. */
export const subjectDiscoveryBenchmark: Benchmark = {
  name: 'subject-discovery',
  description: 'subjectData(email) over the 1M-message data set, through the API schema (no HTTP)',
  async run() {
    const bench = await privacyBenchClient();
    try {
      // Case and spaces as a requester might type them: matching must ignore both.
      const variables = { email: `  ${BENCH_SUBJECT_EMAIL.toUpperCase()} ` };
      const first = await execute<{ subjectData: { counts: Record<string, number> } }>(
        bench,
        query,
        variables,
      );
      console.log(`Found: ${JSON.stringify(first.subjectData.counts)}`);
      const latency = await measureLatency(() => execute(bench, query, variables), {
        warmup: 10,
        iterations: 100,
      });
      console.log(
        `subjectData: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`,
      );
    } finally {
      await bench.close();
    }
  },
};
