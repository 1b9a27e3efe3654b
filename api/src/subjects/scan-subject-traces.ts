import { Prisma, type PrismaClient } from '@confide/db';
import { escapeLike } from './discover-subject.ts';

export interface TraceMatch {
  table: string;
  column: string;
  rows: number;
}

interface TextColumn {
  table: string;
  column: string;
  type: string;
}

/** Tables that hold no data of anyone: the migration history. */
const skippedTables = new Set(['_prisma_migrations']);

/**
 * Proves an erasure: counts, in every text, JSON and text-array column of every table (read from
 * the information schema, so a column added later is covered without changing this), the rows that
 * still contain any of `needles` case-insensitively. Tables with a site scope themselves (`siteId`)
 * or through their conversation or lead are limited to `siteId`, so the same person's data held for
 * another brand does not fail this site's proof. An empty result is the proof.
 */
export async function scanSubjectTraces(
  prisma: PrismaClient,
  needles: readonly string[],
  siteId: string,
): Promise<TraceMatch[]> {
  const patterns = [...new Set(needles.map((needle) => needle.trim().toLowerCase()).filter(Boolean))].map(
    (needle) => `%${escapeLike(needle)}%`,
  );
  if (patterns.length === 0) return [];
  const columns = await prisma.$queryRaw<TextColumn[]>`
    SELECT table_name AS "table", column_name AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND (data_type IN ('text', 'character varying', 'json', 'jsonb')
        OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar')))
    ORDER BY table_name, ordinal_position`;
  const allColumns = await prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name IN ('siteId', 'conversationId', 'leadId')`;
  const tables = new Map<string, TextColumn[]>();
  for (const column of columns) {
    if (skippedTables.has(column.table)) continue;
    tables.set(column.table, [...(tables.get(column.table) ?? []), column]);
  }
  const matches: TraceMatch[] = [];
  const patternArray = Prisma.sql`ARRAY[${Prisma.join(patterns)}]::text[]`;
  for (const [table, textColumns] of tables) {
    const has = (name: string) =>
      allColumns.some((column) => column.table === table && column.column === name);
    const tableSql = Prisma.raw(`"${table.replaceAll('"', '""')}"`);
    const scope = has('siteId')
      ? Prisma.sql`WHERE t."siteId" = ${siteId}::uuid`
      : has('conversationId')
        ? Prisma.sql`WHERE t."conversationId" IN (SELECT id FROM "Conversation" WHERE "siteId" = ${siteId}::uuid)`
        : has('leadId')
          ? Prisma.sql`WHERE t."leadId" IN (SELECT id FROM "Lead" WHERE "siteId" = ${siteId}::uuid)`
          : Prisma.empty;
    const counts = Prisma.join(
      textColumns.map((column, index) => {
        const name = Prisma.raw(`t."${column.column.replaceAll('"', '""')}"`);
        const value =
          column.type === 'ARRAY' ? Prisma.sql`array_to_string(${name}, ' ')` : Prisma.sql`${name}::text`;
        return Prisma.sql`count(*) FILTER (WHERE ${value} ILIKE ANY(${patternArray}))::int AS ${Prisma.raw(`c${index}`)}`;
      }),
    );
    const [row] = await prisma.$queryRaw<
      Record<string, number>[]
    >`SELECT ${counts} FROM ${tableSql} t ${scope}`;
    textColumns.forEach((column, index) => {
      const rows = row?.[`c${index}`] ?? 0;
      if (rows > 0) matches.push({ table, column: column.column, rows });
    });
  }
  return matches;
}
