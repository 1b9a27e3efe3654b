import type { Benchmark } from './run.ts';
import { scaleDatabase } from './scale-database.ts';

/** Loads the benchmark data set (100,000 conversations, 1,000,000 messages, 30,000 leads) with COPY. */
export const seedBenchmark: Benchmark = {
  name: 'seed',
  description: 'npm run db:seed -- --scale into a fresh PostgreSQL',
  async run() {
    const { summary, postgresVersion } = await scaleDatabase();
    console.log(`Database: ${postgresVersion}`);
    console.log(
      `Loaded ${summary.conversations.toLocaleString('en')} conversations, ` +
        `${summary.messages.toLocaleString('en')} messages, ${summary.leads.toLocaleString('en')} leads, ` +
        `${summary.consents.toLocaleString('en')} consents in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    );
  },
};
