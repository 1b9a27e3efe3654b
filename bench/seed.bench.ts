import { migrateDatabase, openDatabase, seedScale } from '@confide/db';
import { startThrowawayPostgres } from '@confide/db/testing';
import type { Benchmark } from './run.ts';

/** Loads the benchmark data set (100,000 conversations, 1,000,000 messages, 30,000 leads) with COPY. */
export const seedBenchmark: Benchmark = {
  name: 'seed',
  description: 'npm run db:seed -- --scale into a fresh PostgreSQL',
  async run() {
    const cluster = await startThrowawayPostgres();
    try {
      const databaseUrl = await cluster.createDatabase('confide_bench');
      const database = await openDatabase({ databaseUrl, dataDirectory: 'memory://' });
      try {
        await migrateDatabase(database);
        const [{ version }] = await database.prisma.$queryRaw<[{ version: string }]>`SELECT version()`;
        console.log(`Database: ${version.split(',')[0]}`);
      } finally {
        await database.close();
      }
      const summary = await seedScale({ databaseUrl, now: new Date(), log: () => {} });
      console.log(
        `Loaded ${summary.conversations.toLocaleString('en')} conversations, ` +
          `${summary.messages.toLocaleString('en')} messages, ${summary.leads.toLocaleString('en')} leads, ` +
          `${summary.consents.toLocaleString('en')} consents in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
      );
    } finally {
      await cluster.stop();
    }
  },
};
