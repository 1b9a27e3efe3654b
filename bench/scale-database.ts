import pg from 'pg';
import { migrateDatabase, openDatabase, seedScale, type ScaleSummary } from '@confide/db';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@confide/db/testing';

/** A throwaway PostgreSQL holding the benchmark data set, shared by the benchmarks of one run. */
export interface ScaleDatabase {
  databaseUrl: string;
  summary: ScaleSummary;
  postgresVersion: string;
}

let cluster: ThrowawayPostgres | undefined;
let loaded: Promise<ScaleDatabase> | undefined;

/** Starts the cluster and loads the data set on first use; later calls reuse it. */
export function scaleDatabase(): Promise<ScaleDatabase> {
  loaded ??= (async () => {
    cluster = await startThrowawayPostgres();
    const databaseUrl = await cluster.createDatabase('confide_bench');
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
    return { databaseUrl, summary, postgresVersion };
  })();
  return loaded;
}

/**
 * A copy of the data set in a database of its own (PostgreSQL's template copy, seconds rather than a
 * reseed), for benchmarks that change data and must leave the shared set as it was.
 */
export async function scaleDatabaseCopy(name: string): Promise<string> {
  await scaleDatabase();
  const url = cluster!.url();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE confide_bench`);
  } finally {
    await client.end();
  }
  return cluster!.url(name);
}

export async function stopScaleDatabase(): Promise<void> {
  await cluster?.stop();
}
