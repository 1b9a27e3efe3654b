import { Prisma } from '@confide/db';
import { DomainError } from './errors.ts';
import type { OrderDirection } from './order-direction.ts';
import { uuidPattern } from './global-id.ts';
import type { CursorPosition, PageRequest } from './pagination.ts';

export type SortOrder = 'asc' | 'desc';

/**
 * Keyset pagination over a timestamp column and the id as tie-breaker, in Prisma's terms: the
 * order to read the page in (flipped for `last`/`before`) and the condition that continues after
 * the cursor's row. Rows must be fetched with `take: request.limit + 1`.
 */
export function keysetPage<TField extends string>(
  field: TField,
  order: SortOrder,
  request: PageRequest,
): {
  orderBy: [Record<TField, SortOrder>, { id: SortOrder }];
  where: Record<string, unknown>;
} {
  const reading: SortOrder = request.direction === 'forward' ? order : order === 'asc' ? 'desc' : 'asc';
  const orderBy = [{ [field]: reading } as Record<TField, SortOrder>, { id: reading }] as [
    Record<TField, SortOrder>,
    { id: SortOrder },
  ];
  if (!request.after) return { orderBy, where: {} };
  const { sortValue, id } = timestampCursor(request) ?? {};
  const operator = reading === 'asc' ? 'gt' : 'lt';
  return {
    orderBy,
    where: { OR: [{ [field]: { [operator]: sortValue } }, { [field]: sortValue, id: { [operator]: id } }] },
  };
}

/**
 * The same keyset in SQL, for statements on the driver-level client: the direction to read in
 * (`DESC`/`ASC`, flipped for `last`/`before`) and the condition that continues after the cursor's
 * row, if there is a cursor. `sort` and `id` are the columns as the statement names them.
 */
export function sqlKeyset(
  sort: Prisma.Sql,
  id: Prisma.Sql,
  direction: OrderDirection,
  request: PageRequest,
): { reading: Prisma.Sql; after: Prisma.Sql | undefined } {
  const descending = (direction === 'DESC') === (request.direction === 'forward');
  const position = timestampCursor(request);
  return {
    reading: Prisma.raw(descending ? 'DESC' : 'ASC'),
    after:
      position &&
      Prisma.sql`(${sort}, ${id}) ${Prisma.raw(descending ? '<' : '>')}
        (${position.sortValue}::timestamp(3), ${position.id}::uuid)`,
  };
}

/**
 * The keyset position of a page whose cursors hold (timestamp, uuid), checked before it reaches SQL:
 * cursors come from clients, and a malformed one must be BAD_USER_INPUT, not a database error.
 */
export function timestampCursor(page: PageRequest): { sortValue: Date; id: string } | undefined {
  if (!page.after) return undefined;
  const [sortValue, id] = page.after;
  const date = typeof sortValue === 'string' ? new Date(sortValue) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !uuidPattern.test(id)) {
    const argument = page.direction === 'forward' ? 'after' : 'before';
    throw new DomainError('BAD_USER_INPUT', `${argument} is not a valid cursor for this list`, { argument });
  }
  return { sortValue: date, id };
}

/** The cursor position of a row sorted by a timestamp column. */
export function timestampPosition(value: Date, id: string): CursorPosition {
  return [value.toISOString(), id];
}
