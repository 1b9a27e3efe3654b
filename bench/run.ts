// `npm run bench [-- <name>…]`: runs the benchmarks against a throwaway PostgreSQL cluster and
// prints each result with the machine it ran on. Results are recorded in docs/benchmarks.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { apiLatencyBenchmark } from './api-latency.bench.ts';
import { consoleSearchBenchmark } from './console-search.bench.ts';
import { crmExportBenchmark } from './crm-export.bench.ts';
import { ingestBenchmark } from './ingest.bench.ts';
import { erasureBenchmark } from './erasure.bench.ts';
import { describeMachine, measureSteal } from './machine.ts';
import { retentionSweepBenchmark } from './retention-sweep.bench.ts';
import { stopScaleDatabase } from './scale-database.ts';
import { seedBenchmark } from './seed.bench.ts';
import { subjectDiscoveryBenchmark } from './subject-discovery.bench.ts';

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

// Order matters on the shared scale database: subject-discovery before erasure (the erasure removes
// the subject it looks up), and the retention sweep last (it deletes every conversation). The ingest and
// CRM export benchmarks use databases of their own.
const benchmarks: Benchmark[] = [
  seedBenchmark,
  apiLatencyBenchmark,
  consoleSearchBenchmark,
  subjectDiscoveryBenchmark,
  erasureBenchmark,
  retentionSweepBenchmark,
  ingestBenchmark,
  crmExportBenchmark,
];

const { positionals } = parseArgs({ allowPositionals: true });
const selected =
  positionals.length === 0 ? benchmarks : benchmarks.filter((b) => positionals.includes(b.name));
if (selected.length === 0) {
  console.error(`Unknown benchmark. Available: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

console.log(`Machine: ${describeMachine()}`);
// Other work on the machine skews latency; the load averages make that visible next to the numbers.
const loadAverages = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(', ');
console.log(`Load average (1, 5, 15 min) at start: ${loadAverages()}`);
try {
  for (const benchmark of selected) {
    console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
    const steal = measureSteal();
    await benchmark.run();
    // On a virtual machine, CPU time the host gave other guests during the run slows every number above.
    const stolen = steal();
    if (stolen) console.log(`CPU steal during ${benchmark.name}: ${stolen} of the machine's CPU time`);
  }
} finally {
  console.log(`\nLoad average (1, 5, 15 min) at the end: ${loadAverages()}`);
  await stopScaleDatabase();
}
