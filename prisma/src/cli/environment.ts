import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseOptions } from '../database.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The database the `db:*` commands work on: the same DATABASE_URL and DATA_DIR the server reads. */
export function databaseOptionsFromEnvironment(environment = process.env): DatabaseOptions {
  return {
    databaseUrl: environment.DATABASE_URL || undefined,
    dataDirectory: path.resolve(repositoryRoot, environment.DATA_DIR || '.data'),
  };
}
