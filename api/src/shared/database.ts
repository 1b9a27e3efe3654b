import { openDatabase, type Database } from '@confide/db';
import type { AppConfig } from './config.ts';

export type { Database };

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export function openConfiguredDatabase(config: AppConfig): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDirectory: config.dataDirectory,
    poolMax: config.databasePoolMax,
  });
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function isDatabaseUp(database: Database, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const probe = database.prisma.$queryRaw`SELECT 1`.then(() => true as const);
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
