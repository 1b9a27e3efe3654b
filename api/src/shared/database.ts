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

/**
 * The kind of database failure behind an error from Prisma, as the driver adapter classified it
 * (e.g. "UniqueConstraintViolation", "DatabaseNotReachable"); undefined for anything else.
 */
export function driverErrorKind(error: unknown): string | undefined {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null)?.meta
    ?.driverAdapterError?.cause;
  return typeof cause?.kind === 'string' ? cause.kind : undefined;
}

/** A unique index refused the write: as Prisma's driver adapter reports it, or straight from the driver (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    driverErrorKind(error) === 'UniqueConstraintViolation' ||
    (error as { code?: unknown } | null)?.code === '23505'
  );
}

// How a database that went away shows up: the driver adapter's classification, Prisma's codes,
// PostgreSQL's connection-class SQLSTATEs and shutdown codes, socket errors, and the messages of
// pg-pool and PGlite, which carry no code.
const unavailableKinds = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);
const unavailableCodes = new Set([
  'P1001',
  'P1002',
  'P1003',
  'P1008',
  'P1017',
  'P2024',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const unavailableMessage =
  /PGlite is closed|Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end/i;

/** Whether `error` (or what it wraps) says the database cannot be reached, rather than refusing a query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let depth = 0; depth < 8 && pending.length > 0; depth += 1) {
    const current = pending.pop() as
      | {
          code?: unknown;
          kind?: unknown;
          originalCode?: unknown;
          message?: unknown;
          cause?: unknown;
          meta?: { driverAdapterError?: unknown };
        }
      | null
      | undefined;
    if (current === null || typeof current !== 'object') continue;
    if (typeof current.kind === 'string' && unavailableKinds.has(current.kind)) return true;
    for (const code of [current.code, current.originalCode]) {
      if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    }
    if (typeof current.message === 'string' && unavailableMessage.test(current.message)) return true;
    pending.push(current.cause, current.meta?.driverAdapterError);
  }
  return false;
}
