// Loads the benchmark data set into the database at argv[2] and sends what it loaded to the parent
// process; `scale-database.ts` runs it in a process of its own (see there why).
import { migrateDatabase, openDatabase, seedScale, type ScaleSummary } from '@confide/db';

export interface LoadedDataSet {
  summary: ScaleSummary;
  postgresVersion: string;
}

async function load(databaseUrl: string): Promise<LoadedDataSet> {
  const database = await openDatabase({ databaseUrl, dataDirectory: 'memory://' });
  let postgresVersion: string;
  try {
    await migrateDatabase(database);
    const [row] = await database.prisma.$queryRaw<[{ version: string }]>`SELECT version()`;
    postgresVersion = row.version.split(',')[0] ?? row.version;
  } finally {
    await database.close();
  }
  const summary = await seedScale({ databaseUrl, now: new Date(), log: () => {} });
  return { summary, postgresVersion };
}

const databaseUrl = process.argv[2];
if (!databaseUrl || !process.send)
  throw new Error('Run by scale-database.ts: fork(this file, [databaseUrl])');
const loaded = await load(databaseUrl);
process.send(loaded, () => process.exit(0));
