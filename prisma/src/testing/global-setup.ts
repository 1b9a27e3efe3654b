import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './postgres-cluster.ts';
import './test-database.ts';

/** Vitest global setup: one throwaway PostgreSQL cluster per test run, stopped afterwards. */
export default async function startPostgresForTests(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startThrowawayPostgres();
  project.provide('postgresUrl', cluster.url());
  return () => cluster.stop();
}
