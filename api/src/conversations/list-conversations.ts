import { Prisma, sqlClientOf, type Channel, type Lead as LeadRow } from '@confide/db';
import { Permission } from '../auth/policy.ts';
import { hasPermission } from '../auth/viewer.ts';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import type { CursorPosition, PageRequest } from '../shared/pagination.ts';
import { joinedRowsOf, prefixedColumns } from '../shared/joined-rows.ts';
import type { ConversationRow } from './conversation.type.ts';
import type { MessageRow } from './message.type.ts';
import { conversationFields, lastMessageColumns, lastMessageJoin } from './conversation.columns.ts';
import { sqlKeyset } from '../shared/keyset.ts';
import { normalizeSearch, type NormalizedSearch } from './search-text.ts';
import type { CountedAuditEntry } from '../audit/audit-log.ts';

export type ConversationSortField = 'LAST_MESSAGE_AT' | 'STARTED_AT' | 'EXPIRES_AT';

export interface ConversationCriteria {
  /** Database ids of sites; empty or undefined: every site. */
  siteIds?: readonly string[] | undefined;
  channel?: Channel | undefined;
  /** startedAt ≥ this. */
  startedAfter?: Date | undefined;
  /** startedAt < this. */
  startedBefore?: Date | undefined;
  /** lastMessageAt ≥ this. */
  lastMessageAfter?: Date | undefined;
  /** lastMessageAt < this. */
  lastMessageBefore?: Date | undefined;
  /** ISO 3166-1 alpha-2, any case. */
  country?: string | undefined;
  hasLead?: boolean | undefined;
  /** expiresAt < this. */
  expiringBefore?: Date | undefined;
}

/** Relations to fetch in the page's own query, because the caller will ask for them. */
export interface ConversationRelations {
  lead?: boolean;
  lastMessage?: boolean;
}

export interface ListConversationsInput {
  search?: string | null | undefined;
  criteria: ConversationCriteria;
  orderBy: { field: ConversationSortField; direction: 'ASC' | 'DESC' };
  page: PageRequest;
  include?: ConversationRelations;
  /**
   * The GraphQL fields of a conversation the caller will read; the columns no field reads come back
   * null (see `pageColumns`). Undefined: every column.
   */
  fields?: ReadonlySet<string>;
  /** See `defaultSearchProbeWindow`; tests set small windows to exercise both ways of searching. */
  searchProbeWindow?: number;
}

/** What the page's query fetched of the relations in `include`, for priming the loaders. */
export interface FetchedRelations {
  /** Each conversation's lead (null: none), by conversation id. */
  leads?: Map<string, LeadRow | null>;
  /** Each conversation's newest message (null: none), by conversation id. */
  lastMessages?: Map<string, MessageRow | null>;
}

export interface ConversationPage {
  /** Up to `page.limit + 1` rows in the page's reading direction (see `buildConnection`). */
  rows: ConversationRow[];
  /** The search as run, for highlighting; undefined without one. */
  search: NormalizedSearch | undefined;
  sortValueOf(row: ConversationRow): CursorPosition;
  countTotal(): Promise<number>;
  related: FetchedRelations;
}

const sortColumns: Record<
  ConversationSortField,
  { column: keyof ConversationRow; sql: Prisma.Sql; of: (row: ConversationRow) => Date }
> = {
  LAST_MESSAGE_AT: {
    column: 'lastMessageAt',
    sql: Prisma.raw('c."lastMessageAt"'),
    of: (row) => row.lastMessageAt,
  },
  STARTED_AT: { column: 'startedAt', sql: Prisma.raw('c."startedAt"'), of: (row) => row.startedAt },
  EXPIRES_AT: { column: 'expiresAt', sql: Prisma.raw('c."expiresAt"'), of: (row) => row.expiresAt },
};

/** Columns and joins that add the wanted relations to each row of a page (aliased `page`). */
function relationJoins(include: ConversationRelations): { columns: Prisma.Sql[]; joins: Prisma.Sql[] } {
  const columns: Prisma.Sql[] = [];
  const joins: Prisma.Sql[] = [];
  if (include.lead) {
    columns.push(prefixedColumns('l', Object.values(Prisma.LeadScalarFieldEnum), 'lead'));
    joins.push(Prisma.sql`LEFT JOIN "Lead" l ON l."conversationId" = page.id`);
  }
  if (include.lastMessage) {
    columns.push(lastMessageColumns);
    joins.push(lastMessageJoin(Prisma.sql`page.id`));
  }
  return { columns, joins };
}

/** Splits the relation columns off the rows, into maps the loaders are primed from. */
function separateRelations(
  rows: Record<string, unknown>[],
  include: ConversationRelations,
): FetchedRelations {
  const related: FetchedRelations = {
    ...(include.lead && { leads: new Map() }),
    ...(include.lastMessage && { lastMessages: new Map() }),
  };
  const joinedOfRows = joinedRowsOf(rows);
  rows.forEach((row, index) => {
    const id = row.id as string;
    const joined = joinedOfRows[index] as Map<string, Record<string, unknown> | null>;
    if (include.lead) related.leads?.set(id, (joined.get('lead') ?? null) as LeadRow | null);
    if (include.lastMessage) {
      related.lastMessages?.set(id, (joined.get('lastMessage') ?? null) as MessageRow | null);
    }
  });
  return related;
}

function where(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

function criteriaConditions(criteria: ConversationCriteria): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (criteria.siteIds && criteria.siteIds.length > 0) {
    conditions.push(
      Prisma.sql`c."siteId" IN (${Prisma.join(criteria.siteIds.map((id) => Prisma.sql`${id}::uuid`))})`,
    );
  }
  if (criteria.channel) conditions.push(Prisma.sql`c.channel = ${criteria.channel}::"Channel"`);
  if (criteria.startedAfter) conditions.push(Prisma.sql`c."startedAt" >= ${criteria.startedAfter}`);
  if (criteria.startedBefore) conditions.push(Prisma.sql`c."startedAt" < ${criteria.startedBefore}`);
  if (criteria.lastMessageAfter)
    conditions.push(Prisma.sql`c."lastMessageAt" >= ${criteria.lastMessageAfter}`);
  if (criteria.lastMessageBefore)
    conditions.push(Prisma.sql`c."lastMessageAt" < ${criteria.lastMessageBefore}`);
  if (criteria.country) conditions.push(Prisma.sql`c.country = ${criteria.country.toUpperCase()}`);
  if (criteria.hasLead !== undefined) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "Lead" l WHERE l."conversationId" = c.id)`;
    conditions.push(criteria.hasLead ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (criteria.expiringBefore) conditions.push(Prisma.sql`c."expiresAt" < ${criteria.expiringBefore}`);
  return conditions;
}

/** The lead's name, email or company contains the search text (trigram indexes; `l` is the lead). */
function leadContains(search: NormalizedSearch): Prisma.Sql {
  return Prisma.sql`(l.name ILIKE ${search.containsPattern} OR l."emailNormalized" ILIKE ${search.containsPattern}
    OR l.company ILIKE ${search.containsPattern})`;
}

/**
 * Conversations whose messages match the search (full text, websearch syntax) or whose lead's
 * name, email or company contains it. MATERIALIZED keeps the planner from interleaving the match
 * with the date order: the GIN and trigram indexes find the (usually few) matching conversations
 * first, whatever plan a prepared statement settles on (see STACK-NOTES: the generic-plan trap).
 */
function matchedConversations(search: NormalizedSearch): Prisma.Sql {
  return Prisma.sql`matched AS MATERIALIZED (
    SELECT m."conversationId" AS id FROM "Message" m
    WHERE m."searchVector" @@ websearch_to_tsquery('simple', ${search.text})
    UNION
    SELECT l."conversationId" AS id FROM "Lead" l
    WHERE l."conversationId" IS NOT NULL AND ${leadContains(search)}
  )`;
}

/**
 * Whether conversation `c` matches the search, checked on its own messages and lead. OFFSET 0 keeps
 * each check a subplan run per conversation on the conversation's index entries (about ten messages),
 * rather than a join the planner could turn into a scan of every match. The text match is written
 * as `ts_match_vq`, the function behind `@@`, which no index serves: with `@@`, a fresh data set's
 * statistics (which underestimated "free trial" 60-fold) led PostgreSQL to intersect each
 * conversation's messages with a full GIN scan of every match, 4 ms per conversation and 3 s per page.
 */
function conversationMatches(search: NormalizedSearch): Prisma.Sql {
  return Prisma.sql`(EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id
      AND ts_match_vq(m."searchVector", websearch_to_tsquery('simple', ${search.text})) OFFSET 0)
    OR EXISTS (SELECT 1 FROM "Lead" l WHERE l."conversationId" = c.id AND ${leadContains(search)} OFFSET 0))`;
}

/**
 * How many conversations, in the page's order, a search page checks one by one before it falls back
 * to collecting every match through the indexes. A common word is in several percent of conversations,
 * so its page is among the newest few hundred (about 10 ms), where collecting its thousands of matches
 * and sorting them took 70–100 ms; a rare word (a name, an email) costs the window's checks extra
 * (about 10 ms) on top of its quick indexed search.
 */
export const defaultSearchProbeWindow = 1000;

/** The GraphQL fields of a conversation that read a column, where that is not the column's own field. */
const fieldsReadingColumn: Record<string, readonly string[]> = { expiresAt: ['retention'] };
const alwaysRead = new Set(['id', 'siteId']);

/**
 * The page's columns: every one, or with `fields`, those the fields read and the sort column; the
 * rest are selected as NULL. Each value costs PostgreSQL and the driver a conversion, and a search
 * page's eleven columns took about 0.7 ms longer to return than the three a typical query reads.
 */
function pageColumns(fields: ReadonlySet<string> | undefined, sortColumn: keyof ConversationRow): Prisma.Sql {
  const columns = conversationFields.map((column) => {
    const read =
      !fields ||
      alwaysRead.has(column) ||
      column === sortColumn ||
      (fieldsReadingColumn[column] ?? [column]).some((field) => fields.has(field));
    return read ? `c."${column}"` : `NULL AS "${column}"`;
  });
  return Prisma.raw(columns.join(', '));
}

interface SearchPageParts {
  search: NormalizedSearch;
  /** The page's columns, on `c` (`pageColumns`). */
  columns: Prisma.Sql;
  /** The page's filters and cursor, on `c`. */
  filter: Prisma.Sql;
  /** The same, restricted to the `matched` conversations. */
  fallbackFilter: Prisma.Sql;
  sortColumn: Prisma.Sql;
  orderBy: Prisma.Sql;
  limit: number;
  window: number;
}

/**
 * The CTEs of a page of search results that stops early for common words, ending in `page` (its rows,
 * unordered). `early` walks the first `window` conversations of the unsearched page in order (the
 * subquery's order, so no sort waits for all of them) and keeps the first `limit` that match. If it
 * filled up, or the filters allow fewer than `window` conversations, `early` is exactly the page: any
 * other match comes after everything it walked. Otherwise the page comes from every match (`matched`,
 * through the indexes), which PostgreSQL computes only then: `decision` is evaluated once, before
 * either branch runs.
 */
function searchPageCtes({
  search,
  columns,
  filter,
  fallbackFilter,
  sortColumn,
  orderBy,
  limit,
  window,
}: SearchPageParts) {
  return Prisma.sql`${matchedConversations(search)},
    early AS MATERIALIZED (
      SELECT c.id FROM (SELECT c.id, ${sortColumn} FROM "Conversation" c ${filter} ${orderBy} LIMIT ${window}) c
      WHERE ${conversationMatches(search)} ${orderBy} LIMIT ${limit}
    ),
    decision AS MATERIALIZED (
      SELECT (SELECT count(*) FROM early) >= ${limit}
        OR (SELECT count(*) FROM (SELECT FROM "Conversation" c ${filter} LIMIT ${window}) walked) < ${window}
        AS "earlyIsPage"
    ),
    page AS (
      SELECT ${columns} FROM "Conversation" c
      WHERE c.id IN (SELECT id FROM early) AND (SELECT "earlyIsPage" FROM decision)
      UNION ALL
      (SELECT ${columns} FROM "Conversation" c ${fallbackFilter} AND NOT (SELECT "earlyIsPage" FROM decision)
        ${orderBy} LIMIT ${limit})
    )`;
}

/** The audit event of a search: which conversations it returned, never the search text (it may be an email). */
function searchAuditEntry(search: NormalizedSearch): CountedAuditEntry {
  return {
    action: 'conversation.search',
    targetType: 'Conversation',
    details: { searchLength: search.text.length },
    countKey: 'resultCount',
  };
}

interface SearchPageStatement {
  /** The CTEs ending in `page` (`searchPageCtes`). */
  pageCtes: Prisma.Sql;
  audit: CountedAuditEntry;
  /** Relation columns and their joins on `page` (`relationJoins`). */
  relationColumns: Prisma.Sql[];
  joins: Prisma.Sql[];
  /** The page's reading order, on `page`. */
  pageOrder: Prisma.Sql;
  /** Rows the caller returns; the statement reads one more, to tell whether there is a next page. */
  pageLimit: number;
}

/**
 * Reads a search page with its relations, and records the search's audit event with the
 * conversations returned as targets: appended by this same statement when the trail allows it, which
 * saves the request a round trip. Then one row always comes back to carry the event's hash; with no
 * match, a row whose page columns are all null.
 */
async function readSearchPage(
  context: Pick<RequestContext, 'prisma' | 'audit'>,
  { pageCtes, audit, relationColumns, joins, pageOrder, pageLimit }: SearchPageStatement,
): Promise<ConversationRow[]> {
  const recorded = context.audit.recordWithin(audit);
  const appendCte = recorded.cte?.(Prisma.sql`SELECT id, position FROM (
      SELECT id, row_number() OVER (ORDER BY ${pageOrder}) AS position FROM page) numbered
    WHERE position <= ${pageLimit}`);
  const found = await sqlClientOf(context.prisma).query<
    ConversationRow & { appendedAuditHash?: string | null }
  >(
    Prisma.sql`WITH ${pageCtes}${appendCte ? Prisma.sql`, ${appendCte}` : Prisma.empty}
      SELECT ${Prisma.join([
        Prisma.sql`page.*`,
        ...relationColumns,
        ...(appendCte ? [Prisma.sql`(SELECT hash FROM appended_audit_event) AS "appendedAuditHash"`] : []),
      ])}
      FROM ${appendCte ? Prisma.sql`(SELECT) statement_row LEFT JOIN page ON true` : Prisma.sql`page`}
      ${joins.length > 0 ? Prisma.join(joins, ' ') : Prisma.empty}
      ORDER BY ${pageOrder}`,
  );
  const rows = found.filter((row) => row.id !== null);
  recorded.settle(
    found[0]?.appendedAuditHash ?? null,
    rows.slice(0, pageLimit).map((row) => row.id),
  );
  return rows;
}

/**
 * One page of conversations, filtered, optionally searched, in keyset order on (sort field, id).
 * Searching needs personal-data:read, since matching on message text and contact details reveals them,
 * and is audited (`conversation.search`, with the conversations returned): in the page's own statement
 * when the audit trail allows it, else when the request's audit events are flushed.
 */
export async function listConversations(
  context: Pick<RequestContext, 'prisma' | 'viewer' | 'audit'>,
  input: ListConversationsInput,
): Promise<ConversationPage> {
  if (input.search != null && !hasPermission(context.viewer, Permission.personalDataRead)) {
    throw new DomainError('FORBIDDEN', 'Searching conversations needs the personal-data:read permission', {
      argument: 'search',
    });
  }
  const search = normalizeSearch(input.search);
  const sort = sortColumns[input.orderBy.field];
  // Reading backward walks the order in reverse; buildConnection turns the page round again.
  const { reading: order, after } = sqlKeyset(
    sort.sql,
    Prisma.sql`c.id`,
    input.orderBy.direction,
    input.page,
  );
  const conditions = criteriaConditions(input.criteria);
  const matchedCondition = Prisma.sql`c.id IN (SELECT id FROM matched)`;
  const pageConditions = after ? [...conditions, after] : [...conditions];
  const orderBy = Prisma.sql`ORDER BY ${sort.sql} ${order}, c.id ${order}`;
  const limit = input.page.limit + 1;

  const include = input.include ?? {};
  const columns = pageColumns(input.fields, sort.column);
  const { columns: relationColumns, joins } = relationJoins(include);
  const pageOrder = Prisma.sql`page.${Prisma.raw(`"${sort.column}"`)} ${order}, page.id ${order}`;
  // Without filters or search the plan is the same for every page (walk the sort index from the
  // cursor), so PostgreSQL may keep it; filters' values can call for different plans.
  const options = { reusePlan: !search && conditions.length === 0 };
  let rows: ConversationRow[];
  if (search) {
    rows = await readSearchPage(context, {
      pageCtes: searchPageCtes({
        search,
        columns,
        filter: where(pageConditions),
        fallbackFilter: where([...pageConditions, matchedCondition]),
        sortColumn: sort.sql,
        orderBy,
        limit,
        window: input.searchProbeWindow ?? defaultSearchProbeWindow,
      }),
      audit: searchAuditEntry(search),
      relationColumns,
      joins,
      pageOrder,
      pageLimit: input.page.limit,
    });
  } else {
    // The limit is written into the statement: a plan kept for `LIMIT $n` would be costed for any
    // number of rows, and PostgreSQL would go on planning every call instead.
    const pageQuery = Prisma.sql`SELECT ${columns} FROM "Conversation" c ${where(pageConditions)} ${orderBy}
      LIMIT ${Prisma.raw(String(Math.trunc(limit)))}`;
    // Relations are joined to the page once it is cut, then the page is put back in order.
    rows =
      relationColumns.length === 0
        ? await sqlClientOf(context.prisma).query<ConversationRow>(pageQuery, options)
        : await sqlClientOf(context.prisma).query<ConversationRow & Record<string, unknown>>(
            Prisma.sql`
            SELECT page.*, ${Prisma.join(relationColumns)} FROM (${pageQuery}) page ${Prisma.join(joins, ' ')}
            ORDER BY ${pageOrder}`,
            options,
          );
  }
  const related = separateRelations(rows as unknown as Record<string, unknown>[], include);

  let total: Promise<number> | undefined;
  return {
    rows,
    related,
    search,
    sortValueOf: (row) => [sort.of(row).toISOString(), row.id],
    countTotal: () => {
      const counted = search
        ? Prisma.sql`WITH ${matchedConversations(search)}
            SELECT count(*)::int AS count FROM "Conversation" c ${where([...conditions, matchedCondition])}`
        : Prisma.sql`SELECT count(*)::int AS count FROM "Conversation" c ${where(conditions)}`;
      total ??= sqlClientOf(context.prisma)
        .query<{ count: number }>(counted, options)
        .then(([result]) => result?.count ?? 0);
      return total;
    },
  };
}
