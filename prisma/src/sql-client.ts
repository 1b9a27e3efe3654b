import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { parse as parseArray } from 'postgres-array';
import type { Prisma, PrismaClient } from '../generated/client/client.ts';

/**
 * Runs one statement straight on the driver, for the few statements every request runs (list pages,
 * the audit append). Prisma's `$queryRaw` plans even a raw statement in its WebAssembly query
 * compiler and maps the result through its runtime, about a millisecond of CPU per call; the driver
 * alone takes a tenth of that. Same SQL (`Prisma.sql` templates), same connections.
 */
export interface SqlClient {
  /** The rows, as Prisma's `$queryRaw` returns them for text, numeric, boolean, JSON, array and timestamp columns. */
  query<Row>(query: Prisma.Sql, options?: StatementOptions): Promise<Row[]>;
  /** The number of rows the statement changed. */
  execute(query: Prisma.Sql, options?: StatementOptions): Promise<number>;
}

export interface StatementOptions {
  /**
   * Prepare the statement once per connection, so PostgreSQL can keep a plan for it instead of
   * planning every call (a few tenths of a millisecond for a list page). Only for statements whose
   * best plan does not depend on their parameters' values: after five calls PostgreSQL may settle
   * on one plan for all values. PGlite plans every call either way.
   */
  reusePlan?: boolean;
}

/** Prepared statements' names, by text: one per distinct statement, the same on every connection. */
const statementNames = new Map<string, string>();
const maxStatementNames = 1_000;

function statementNameOf(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < maxStatementNames) {
    name = `confide_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
}

const timestampOid = 1114;
const timestampArrayOid = 1115;

const digitAt = (text: string, index: number) => text.charCodeAt(index) - 48;
const twoDigitsAt = (text: string, index: number) => digitAt(text, index) * 10 + digitAt(text, index + 1);

/**
 * `timestamp without time zone` holds UTC here (as Prisma writes it), whatever the process's time
 * zone. PostgreSQL's usual form, `YYYY-MM-DD HH:MM:SS[.ffffff]` from year 1000 on, is read by
 * position: a page of 50 rows holds hundreds of timestamps, and this is about three times faster
 * than Date's parser, which reads everything else (earlier years, BC, infinity).
 */
export function parseUtcTimestamp(text: string): Date {
  const length = text.length;
  const usual =
    (length === 19 || (length >= 21 && length <= 26 && text.charCodeAt(19) === 46)) &&
    text.charCodeAt(10) === 32 &&
    text.charCodeAt(0) !== 48;
  if (!usual) return new Date(`${text.replace(' ', 'T')}Z`);
  // Dates keep milliseconds: the first three digits of the fraction, as Date's parser does.
  let milliseconds = 0;
  for (let index = 20; index < 23; index += 1) {
    milliseconds = milliseconds * 10 + (index < length ? digitAt(text, index) : 0);
  }
  return new Date(
    Date.UTC(
      twoDigitsAt(text, 0) * 100 + twoDigitsAt(text, 2),
      twoDigitsAt(text, 5) - 1,
      twoDigitsAt(text, 8),
      twoDigitsAt(text, 11),
      twoDigitsAt(text, 14),
      twoDigitsAt(text, 17),
      milliseconds,
    ),
  );
}

function parseUtcTimestamps(text: string): Date[] {
  return parseArray(text, parseUtcTimestamp);
}

/** The parsers that differ from the drivers' own, by type OID. */
const utcParsers: Record<number, (text: string) => unknown> = {
  [timestampOid]: parseUtcTimestamp,
  [timestampArrayOid]: parseUtcTimestamps,
};

/** Dates as ISO 8601 UTC, which a `timestamp` parameter reads without applying any zone. */
function driverValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(driverValue);
  return value;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    utcParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function poolSqlClient(pool: pg.Pool): SqlClient {
  const run = (query: Prisma.Sql, options: StatementOptions = {}) => {
    const name = options.reusePlan ? statementNameOf(query.text) : undefined;
    return pool.query({
      ...(name && { name }),
      text: query.text,
      values: query.values.map(driverValue),
      types: pgTypes,
    });
  };
  return {
    async query<Row>(query: Prisma.Sql, options?: StatementOptions) {
      return (await run(query, options)).rows as Row[];
    },
    async execute(query, options) {
      return (await run(query, options)).rowCount ?? 0;
    },
  };
}

export function pgliteSqlClient(db: PGlite): SqlClient {
  const run = <Row>(query: Prisma.Sql) =>
    db.query<Row>(query.text, query.values.map(driverValue), { parsers: utcParsers });
  return {
    async query<Row>(query: Prisma.Sql) {
      return (await run<Row>(query)).rows;
    },
    async execute(query) {
      return (await run(query)).affectedRows ?? 0;
    },
  };
}

const sqlClients = new WeakMap<PrismaClient, SqlClient>();

/** Makes `sqlClientOf(prisma)` use `client`, which must reach the same database. */
export function registerSqlClient(prisma: PrismaClient, client: SqlClient): void {
  sqlClients.set(prisma, client);
}

/**
 * The driver-level client of a Prisma client opened by `openDatabase`; for any other Prisma client,
 * one that goes through Prisma's own raw-query methods.
 */
export function sqlClientOf(prisma: PrismaClient): SqlClient {
  return (
    sqlClients.get(prisma) ?? {
      query: <Row>(query: Prisma.Sql) => prisma.$queryRaw<Row[]>(query),
      execute: (query) => prisma.$executeRaw(query),
    }
  );
}
