import { Prisma, sqlClientOf, type Channel, type Lead as LeadRow } from '@confide/db';
import { Permission } from '../auth/policy.ts';
import { hasPermission } from '../auth/viewer.ts';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import type { CursorPosition, PageRequest } from '../shared/pagination.ts';
import { joinedRows, prefixedColumns } from '../shared/joined-rows.ts';
import type { ConversationRow } from './conversation.type.ts';
import type { MessageRow } from './message.type.ts';
import { lastMessageColumns, lastMessageJoin } from './conversation.loaders.ts';
import { timestampCursor } from '../shared/keyset.ts';
import { normalizeSearch, type NormalizedSearch } from './search-text.ts';

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
  { column: string; sql: Prisma.Sql; of: (row: ConversationRow) => Date }
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
  for (const row of rows) {
    const id = row.id as string;
    const joined = joinedRows(row);
    if (include.lead) related.leads?.set(id, (joined.get('lead') ?? null) as LeadRow | null);
    if (include.lastMessage) {
      related.lastMessages?.set(id, (joined.get('lastMessage') ?? null) as MessageRow | null);
    }
  }
  return related;
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

/**
 * Conversations whose messages match the search (full text, websearch syntax) or whose lead's
 * name, email or company contains it. MATERIALIZED keeps the planner from interleaving the match
 * with the date order: the GIN and trigram indexes find the (usually few) matching conversations
 * first, whatever plan a prepared statement settles on (see STACK-NOTES: the generic-plan trap).
 */
function matchedConversations(search: NormalizedSearch): Prisma.Sql {
  return Prisma.sql`WITH matched AS MATERIALIZED (
    SELECT m."conversationId" AS id FROM "Message" m
    WHERE m."searchVector" @@ websearch_to_tsquery('simple', ${search.text})
    UNION
    SELECT l."conversationId" AS id FROM "Lead" l
    WHERE l."conversationId" IS NOT NULL
      AND (l.name ILIKE ${search.containsPattern} OR l."emailNormalized" ILIKE ${search.containsPattern}
           OR l.company ILIKE ${search.containsPattern})
  )`;
}

const selectedColumns = Prisma.sql`c.id, c."siteId", c.channel::text AS channel, c."startedAt", c."lastMessageAt",
  c."expiresAt", c."messageCount", c.country, c.city, c."userAgent", c.referrer`;

/**
 * One page of conversations, filtered, optionally searched, in keyset order on (sort field, id).
 * Searching needs personal-data:read, since matching on message text and contact details reveals them.
 */
export async function listConversations(
  context: Pick<RequestContext, 'prisma' | 'viewer'>,
  input: ListConversationsInput,
): Promise<ConversationPage> {
  if (input.search != null && !hasPermission(context.viewer, Permission.personalDataRead)) {
    throw new DomainError('FORBIDDEN', 'Searching conversations needs the personal-data:read permission', {
      argument: 'search',
    });
  }
  const search = normalizeSearch(input.search);
  const sort = sortColumns[input.orderBy.field];
  const position = timestampCursor(input.page);
  // Reading backward walks the order in reverse; buildConnection turns the page round again.
  const descending = (input.orderBy.direction === 'DESC') === (input.page.direction === 'forward');
  const conditions = criteriaConditions(input.criteria);
  if (search) conditions.push(Prisma.sql`c.id IN (SELECT id FROM matched)`);
  const filtered =
    conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  const pageConditions = [...conditions];
  if (position) {
    const keyset = Prisma.sql`(${sort.sql}, c.id)`;
    const cursor = Prisma.sql`(${position.sortValue}::timestamp(3), ${position.id}::uuid)`;
    pageConditions.push(descending ? Prisma.sql`${keyset} < ${cursor}` : Prisma.sql`${keyset} > ${cursor}`);
  }
  const pageFilter =
    pageConditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(pageConditions, ' AND ')}` : Prisma.empty;
  const order = descending ? Prisma.raw('DESC') : Prisma.raw('ASC');
  const prefix = search ? matchedConversations(search) : Prisma.empty;

  const pageQuery = Prisma.sql`SELECT ${selectedColumns} FROM "Conversation" c ${pageFilter}
    ORDER BY ${sort.sql} ${order}, c.id ${order}
    LIMIT ${input.page.limit + 1}`;
  const include = input.include ?? {};
  const { columns, joins } = relationJoins(include);
  // Relations are joined to the page once it is cut, then the page is put back in order.
  const rows =
    columns.length === 0
      ? await sqlClientOf(context.prisma).query<ConversationRow>(Prisma.sql`${prefix} ${pageQuery}`)
      : await sqlClientOf(context.prisma).query<
          ConversationRow & Record<string, unknown>
        >(Prisma.sql`${prefix}
          SELECT page.*, ${Prisma.join(columns)} FROM (${pageQuery}) page ${Prisma.join(joins, ' ')}
          ORDER BY page.${Prisma.raw(`"${sort.column}"`)} ${order}, page.id ${order}`);
  const related = separateRelations(rows as unknown as Record<string, unknown>[], include);

  let total: Promise<number> | undefined;
  return {
    rows,
    related,
    search,
    sortValueOf: (row) => [sort.of(row).toISOString(), row.id],
    countTotal: () => {
      total ??= sqlClientOf(context.prisma)
        .query<{ count: number }>(
          Prisma.sql`${prefix} SELECT count(*)::int AS count FROM "Conversation" c ${filtered}`,
        )
        .then(([result]) => result?.count ?? 0);
      return total;
    },
  };
}
