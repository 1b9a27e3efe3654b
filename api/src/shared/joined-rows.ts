import { Prisma } from '@confide/db';

/**
 * `alias."field" AS "prefix.field"` for each column: lets one raw query return a joined table's
 * rows whole, for DataLoaders to be primed with. Field names come from Prisma's generated
 * `*ScalarFieldEnum`, so new columns are picked up and nothing here is user input.
 */
export function prefixedColumns(alias: string, fields: readonly string[], prefix: string): Prisma.Sql {
  return Prisma.raw(fields.map((field) => `${alias}."${field}" AS "${prefix}.${field}"`).join(', '));
}

/** Which prefixed column of a result fills which field of which joined row. */
interface ColumnLayout {
  prefixes: string[];
  columns: { column: string; group: number; field: string }[];
}

function layoutOf(row: Record<string, unknown>): ColumnLayout {
  const prefixes: string[] = [];
  const columns: ColumnLayout['columns'] = [];
  for (const column of Object.keys(row)) {
    const dot = column.indexOf('.');
    if (dot < 0) continue;
    const prefix = column.slice(0, dot);
    let group = prefixes.indexOf(prefix);
    if (group < 0) group = prefixes.push(prefix) - 1;
    columns.push({ column, group, field: column.slice(dot + 1) });
  }
  return { prefixes, columns };
}

/**
 * For each row of one query's result, its joined tables' rows by prefix: the columns named
 * `prefix.…`, each group null when an outer join found nothing (its id is null). The rows share
 * their columns, so the split is worked out once from the first row; `rows` are left as they are.
 */
export function joinedRowsOf(
  rows: readonly Record<string, unknown>[],
): Map<string, Record<string, unknown> | null>[] {
  if (rows.length === 0) return [];
  const { prefixes, columns } = layoutOf(rows[0] as Record<string, unknown>);
  return rows.map((row) => {
    const groups = prefixes.map((): Record<string, unknown> => ({}));
    for (const { column, group, field } of columns)
      (groups[group] as Record<string, unknown>)[field] = row[column];
    return new Map(
      prefixes.map((prefix, index) => {
        const group = groups[index] as Record<string, unknown>;
        return [prefix, group.id == null ? null : group];
      }),
    );
  });
}
