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
 * The text search configuration when `expression` (a generated column's) is `to_tsvector` of
 * `column`, e.g. "to_tsvector('simple'::regconfig, text)"; undefined otherwise.
 */
function vectorSource(expression: string, column: string): string | undefined {
  const match = /^to_tsvector\('([\w.]+)'::regconfig, "?([^"()]+)"?\)$/.exec(expression.trim());
  return match && match[2] === column ? match[1] : undefined;
}

/**
 * Proves an erasure: counts, in every text, JSON and text-array column of every table (read from
 * the information schema, so a column added later is covered without changing this), the rows that
 * still contain any of `needles` case-insensitively. A column with a generated full-text vector
 * (message text, a million rows) is checked through that vector's index, word by word, which is how
 * the product finds addresses in messages in the first place; every other column is read in full,
 * a table's columns joined per row in one pass and counted column by column only where that pass
 * finds something. Tables with a site scope themselves (`siteId`) or through their conversation or
 * lead are limited to `siteId`, so the same person's data held for another brand does not fail this
 * site's proof. An empty result is the proof.
 */
export async function scanSubjectTraces(
  prisma: PrismaClient,
  needles: readonly string[],
  siteId: string,
): Promise<TraceMatch[]> {
  const cleaned = [...new Set(needles.map((needle) => needle.trim().toLowerCase()).filter(Boolean))];
  const patterns = cleaned.map((needle) => `%${escapeLike(needle)}%`);
  if (patterns.length === 0) return [];
  const columns = await prisma.$queryRaw<TextColumn[]>`
    SELECT table_name AS "table", column_name AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND (data_type IN ('text', 'character varying', 'json', 'jsonb')
        OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar')))
    ORDER BY table_name, ordinal_position`;
  const keys = await prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name IN ('siteId', 'conversationId', 'leadId')`;
  // A text column with a generated full-text vector (Message.text) is searched through its GIN index.
  const vectors = await prisma.$queryRaw<{ table: string; column: string; expression: string }[]>`
    SELECT table_name AS "table", column_name AS "column", generation_expression AS "expression"
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type = 'tsvector' AND is_generated = 'ALWAYS'`;
  const tables = new Map<string, TextColumn[]>();
  for (const column of columns) {
    if (skippedTables.has(column.table)) continue;
    tables.set(column.table, [...(tables.get(column.table) ?? []), column]);
  }
  const patternArray = Prisma.sql`ARRAY[${Prisma.join(patterns)}]::text[]`;
  const quoted = (name: string) => Prisma.raw(`"${name.replaceAll('"', '""')}"`);
  const scanTable = async (table: string, textColumns: TextColumn[]): Promise<TraceMatch[]> => {
    const matches: TraceMatch[] = [];
    const has = (name: string) => keys.some((key) => key.table === table && key.column === name);
    const scope = has('siteId')
      ? Prisma.sql`t."siteId" = ${siteId}::uuid`
      : has('conversationId')
        ? Prisma.sql`t."conversationId" IN (SELECT id FROM "Conversation" WHERE "siteId" = ${siteId}::uuid)`
        : has('leadId')
          ? Prisma.sql`t."leadId" IN (SELECT id FROM "Lead" WHERE "siteId" = ${siteId}::uuid)`
          : Prisma.sql`true`;
    const scanned: TextColumn[] = [];
    for (const column of textColumns) {
      const vector = vectors.find(
        (candidate) => candidate.table === table && vectorSource(candidate.expression, column.column),
      );
      if (!vector) {
        scanned.push(column);
        continue;
      }
      const config = vectorSource(vector.expression, column.column) as string;
      const query = Prisma.join(
        cleaned.map((needle) => Prisma.sql`phraseto_tsquery(${config}::regconfig, ${needle})`),
        ' || ',
      );
      const [row] = await prisma.$queryRaw<{ rows: number }[]>`
        SELECT count(*)::int AS rows FROM ${quoted(table)} t
        WHERE t.${quoted(vector.column)} @@ (${query}) AND ${scope}`;
      if (row && row.rows > 0) matches.push({ table, column: column.column, rows: row.rows });
    }
    if (scanned.length === 0) return matches;
    // Needles are lower case: lower() once and LIKE is much cheaper than ILIKE per column and pattern.
    const valueOf = (column: TextColumn) => {
      const name = Prisma.sql`t.${quoted(column.column)}`;
      return column.type === 'ARRAY' ? Prisma.sql`array_to_string(${name}, ' ')` : Prisma.sql`${name}::text`;
    };
    // First pass: every column of a row joined into one string, one comparison per row and needle. A
    // needle found in a column is found in the joined string, so zero here proves the whole table clean;
    // only a table with a hit is counted column by column (a needle never spans the newline separator).
    const joined = Prisma.sql`lower(concat_ws(E'\n', ${Prisma.join(scanned.map(valueOf))}))`;
    const [hit] = await prisma.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM ${quoted(table)} t WHERE ${scope} AND ${joined} LIKE ANY(${patternArray})) AS found`;
    if (!hit?.found) return matches;
    const counts = Prisma.join(
      scanned.map(
        (column, index) =>
          Prisma.sql`count(*) FILTER (WHERE lower(${valueOf(column)}) LIKE ANY(${patternArray}))::int AS ${Prisma.raw(`c${index}`)}`,
      ),
    );
    const [row] = await prisma.$queryRaw<Record<string, number>[]>`
      SELECT ${counts} FROM ${quoted(table)} t WHERE ${scope}`;
    scanned.forEach((column, index) => {
      const rows = row?.[`c${index}`] ?? 0;
      if (rows > 0) matches.push({ table, column: column.column, rows });
    });
    return matches;
  };
  // Tables are independent; scanning them side by side uses the connection pool instead of one link.
  const perTable = await Promise.all(
    [...tables].map(([table, textColumns]) => scanTable(table, textColumns)),
  );
  return perTable.flat();
}
