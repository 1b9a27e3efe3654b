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
 * Moves the columns named `prefix.…` out of `row` into an object of their own: the joined row, or
 * null when an outer join found none (its id is null).
 */
export function takePrefixed<T>(row: Record<string, unknown>, prefix: string): T | null {
  const joined: Record<string, unknown> = {};
  for (const key of Object.keys(row)) {
    if (key.startsWith(`${prefix}.`)) {
      joined[key.slice(prefix.length + 1)] = row[key];
      delete row[key];
    }
  }
  return joined.id == null ? null : (joined as T);
}
