export { openDatabase, migrateDatabase, migrationsDirectory } from './database.ts';
export type { Database, DatabaseOptions } from './database.ts';
export { sqlClientOf, type SqlClient } from './sql-client.ts';
export { instanceSecretsFileName, persistedSecret } from './instance-secrets.ts';
export * from './seed/index.ts';
export * from '../generated/client/client.ts';
