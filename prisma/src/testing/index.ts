export { startThrowawayPostgres, type ThrowawayPostgres } from './postgres-cluster.ts';
export { createTestDatabase, databaseKinds, type DatabaseKind } from './test-database.ts';
