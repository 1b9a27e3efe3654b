import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@confide/db/testing';
import type { LoadedDataSet } from './load-scale-database.ts';

/** A throwaway PostgreSQL holding the benchmark data set, shared by the benchmarks of one run. */
export interface ScaleDatabase extends LoadedDataSet {
  databaseUrl: string;
}

let cluster: ThrowawayPostgres | undefined;
let loaded: Promise<ScaleDatabase> | undefined;

/**
 * Loads the data set in a child process. The load runs the driver's code (row parsing, COPY streams,
 * SQL templates) millions of times with most of what it allocates surviving, and V8 learns from that
 * to allocate those sites' objects straight in the old generation for the rest of the process
 * (allocation-site pretenuring). Loaded in the benchmarks' own process, that made the API's requests
 * afterwards promote about five times as much and pause twice as long per young-generation
 * collection (3.0 against 1.5 ms median), which no server that never ran such a load would see.
 */
function loadInChildProcess(databaseUrl: string): Promise<LoadedDataSet> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./load-scale-database.ts', import.meta.url)), [databaseUrl]);
    child.once('message', (loaded) => resolve(loaded as LoadedDataSet));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`Loading the benchmark data set failed (exit code ${code})`));
    });
  });
}

/** Starts the cluster and loads the data set on first use; later calls reuse it. */
export function scaleDatabase(): Promise<ScaleDatabase> {
  loaded ??= (async () => {
    cluster = await startThrowawayPostgres();
    const databaseUrl = await cluster.createDatabase('confide_bench');
    return { databaseUrl, ...(await loadInChildProcess(databaseUrl)) };
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
