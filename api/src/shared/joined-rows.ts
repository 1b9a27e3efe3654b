import { Prisma } from '@confide/db';

/**
 * `alias."field" AS "prefix.field"` for each column: lets one raw query return a joined table's
 * rows whole, for DataLoaders to be primed with. Field names come from Prisma's generated
 * `*ScalarFieldEnum`, so new columns are picked up and nothing here is user input.
 */
export function prefixedColumns(alias: string, fields: readonly string[], prefix: string): Prisma.Sql {
  return Prisma.raw(fields.map((field) => `${alias}."${field}" AS "${prefix}.${field}"`).join(', '));
}

/**
 * The joined tables' rows in `row`, by prefix: the columns named `prefix.…`, each group null when
 * an outer join found nothing (its id is null). One pass over the columns, leaving `row` as it is.
 */
export function joinedRows(row: Record<string, unknown>): Map<string, Record<string, unknown> | null> {
  const groups = new Map<string, Record<string, unknown>>();
  for (const key in row) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const prefix = key.slice(0, dot);
    let group = groups.get(prefix);
    if (!group) groups.set(prefix, (group = {}));
    group[key.slice(dot + 1)] = row[key];
  }
  return new Map([...groups].map(([prefix, group]) => [prefix, group.id == null ? null : group]));
}
