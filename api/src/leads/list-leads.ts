import { Prisma, sqlClientOf, type LeadSource, type LeadStatus } from '@confide/db';
import { Permission } from '../auth/policy.ts';
import { hasPermission } from '../auth/viewer.ts';
import type { RequestContext } from '../shared/context.ts';
import { normalizeSearch } from '../conversations/search-text.ts';
import { DomainError } from '../shared/errors.ts';
import type { OrderDirection } from '../shared/order-direction.ts';
import type { PageRequest } from '../shared/pagination.ts';
import type { LeadRow } from './lead.type.ts';
import { keysetPage, sqlKeyset } from '../shared/keyset.ts';
import {
  joinedConversationColumns,
  lastMessageColumns,
  lastMessageJoin,
} from '../conversations/conversation.columns.ts';
import type { ConversationRow } from '../conversations/conversation.type.ts';
import type { MessageRow } from '../conversations/message.type.ts';
import { joinedRowsOf } from '../shared/joined-rows.ts';

/** Which leads a list or a bulk update covers; ids are database ids. */
export interface LeadFilter {
  siteIds?: string[] | null;
  statuses?: LeadStatus[] | null;
  ownerId?: string | null;
  source?: LeadSource | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  exported?: boolean | null;
}

export type LeadOrderField = 'CREATED_AT' | 'UPDATED_AT';

export interface LeadOrder {
  field: LeadOrderField;
  direction: OrderDirection;
}

export const defaultLeadOrder: LeadOrder = { field: 'CREATED_AT', direction: 'DESC' };

/** Escapes LIKE's wildcards, so "%" or "_" in a search match themselves (Prisma's `contains` does not). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The Prisma condition for a filter and an optional (normalised) search over name, email and company. */
export function leadWhere(filter: LeadFilter | null | undefined, search?: string): Prisma.LeadWhereInput {
  const conditions: Prisma.LeadWhereInput[] = [];
  if (filter?.siteIds) conditions.push({ siteId: { in: filter.siteIds } });
  if (filter?.statuses) conditions.push({ status: { in: filter.statuses } });
  if (filter?.ownerId) conditions.push({ ownerId: filter.ownerId });
  if (filter?.source) conditions.push({ source: filter.source });
  if (filter?.createdAfter) conditions.push({ createdAt: { gte: filter.createdAfter } });
  if (filter?.createdBefore) conditions.push({ createdAt: { lt: filter.createdBefore } });
  if (filter?.exported != null) {
    conditions.push({ exportedAt: filter.exported ? { not: null } : null });
  }
  if (search !== undefined) {
    // ILIKE '%term%' on each column: the pg_trgm GIN indexes serve it.
    const pattern = escapeLike(search);
    conditions.push({
      OR: [
        { name: { contains: pattern, mode: 'insensitive' } },
        { emailNormalized: { contains: pattern.toLowerCase(), mode: 'insensitive' } },
        { company: { contains: pattern, mode: 'insensitive' } },
      ],
    });
  }
  return conditions.length === 0 ? {} : { AND: conditions };
}

/** Searching matches personal data, so it needs the same permission as reading it. */
export function assertMaySearch(context: RequestContext, search: string | undefined): void {
  if (search !== undefined && !hasPermission(context.viewer, Permission.personalDataRead)) {
    throw new DomainError('FORBIDDEN', 'Searching leads needs the personal-data:read permission', {
      argument: 'search',
    });
  }
}

export interface ListLeadsArguments {
  page: PageRequest;
  search?: string | null;
  filter?: LeadFilter | null;
  orderBy?: LeadOrder | null;
  /** The caller will read the page's conversations (and their last messages): read them with it if possible. */
  withConversations?: { lastMessage: boolean } | null;
}

/** A lead's conversation read with the page and, when asked for, its newest message. */
export interface JoinedConversation {
  conversation: ConversationRow;
  /** Undefined when not asked for; null when the conversation has no message. */
  lastMessage?: MessageRow | null;
}

/** The columns of a lead row, to take the lead's own off a row with joined columns. */
const leadFields = Object.values(Prisma.LeadScalarFieldEnum);

/**
 * A page of all leads, as `findMany` with `keysetPage` reads it, on the driver-level client: the
 * list the console and integrators ask for most, without Prisma's runtime (about a millisecond of
 * CPU per call, see sql-client.ts). Filters and searches go through Prisma (`leadWhere`), which
 * bulk updates and exports share. With `withConversations`, each lead's conversation and its last
 * message come in the same statement.
 */
async function everyLeadPage(
  context: Pick<RequestContext, 'prisma'>,
  order: LeadOrder,
  page: PageRequest,
  withConversations: { lastMessage: boolean } | null | undefined,
): Promise<{ rows: LeadRow[]; conversations?: JoinedConversation[] }> {
  const column = Prisma.raw(order.field === 'CREATED_AT' ? 'l."createdAt"' : 'l."updatedAt"');
  const { reading, after } = sqlKeyset(column, Prisma.sql`l.id`, order.direction, page);
  const leadPage = Prisma.sql`SELECT l.* FROM "Lead" l ${after ? Prisma.sql`WHERE ${after}` : Prisma.empty}
      ORDER BY ${column} ${reading}, l.id ${reading}
      LIMIT ${Prisma.raw(String(Math.trunc(page.limit + 1)))}`;
  if (!withConversations) {
    return { rows: await sqlClientOf(context.prisma).query<LeadRow>(leadPage, { reusePlan: true }) };
  }
  // The page's conversations and their last messages in the same statement: one round trip less.
  const { lastMessage } = withConversations;
  const rows = await sqlClientOf(context.prisma).query<LeadRow & Record<string, unknown>>(
    Prisma.sql`SELECT l.*, ${joinedConversationColumns} ${lastMessage ? Prisma.sql`, ${lastMessageColumns}` : Prisma.empty}
      FROM (${leadPage}) l LEFT JOIN "Conversation" c ON c.id = l."conversationId"
      ${lastMessage ? lastMessageJoin(Prisma.sql`c.id`) : Prisma.empty}
      ORDER BY ${column} ${reading}, l.id ${reading}`,
    { reusePlan: true },
  );
  const conversations: JoinedConversation[] = [];
  for (const joined of joinedRowsOf(rows)) {
    const conversation = joined.get('conversation') as ConversationRow | null | undefined;
    if (!conversation) continue;
    conversations.push({
      conversation,
      ...(lastMessage && { lastMessage: (joined.get('lastMessage') ?? null) as MessageRow | null }),
    });
  }
  return {
    // Only the lead's own columns: `Lead.fromRow` copies every property of its row.
    rows: rows.map((row) => Object.fromEntries(leadFields.map((field) => [field, row[field]])) as LeadRow),
    conversations,
  };
}

/** A page of the leads `where` selects, through Prisma. */
function filteredLeadPage(
  context: Pick<RequestContext, 'prisma'>,
  where: Prisma.LeadWhereInput,
  order: LeadOrder,
  page: PageRequest,
): Promise<LeadRow[]> {
  const keyset = keysetPage(
    order.field === 'CREATED_AT' ? 'createdAt' : 'updatedAt',
    order.direction === 'ASC' ? 'asc' : 'desc',
    page,
  );
  return context.prisma.lead.findMany({
    where: { AND: [where, keyset.where] },
    orderBy: keyset.orderBy,
    take: page.limit + 1,
  });
}

/** One page of leads (up to `limit + 1` rows in reading order) and a lazy total. */
export async function listLeads(
  context: RequestContext,
  { page, search, filter, orderBy, withConversations }: ListLeadsArguments,
): Promise<{
  rows: LeadRow[];
  countTotal: () => Promise<number>;
  order: LeadOrder;
  /** The page's conversations, when `withConversations` asked for them and they could be read with it. */
  conversations?: JoinedConversation[];
}> {
  // Cleaned as the conversations search is: bounded length, control characters dropped.
  const term = normalizeSearch(search)?.text;
  assertMaySearch(context, term);
  const order = orderBy ?? defaultLeadOrder;
  const where = leadWhere(filter, term);
  const everyLead = term === undefined && Object.keys(where).length === 0;
  const { rows, conversations } = everyLead
    ? await everyLeadPage(context, order, page, withConversations)
    : { rows: await filteredLeadPage(context, where, order, page), conversations: undefined };
  if (term !== undefined) {
    // A search over contact details is itself a read of personal data, whatever fields are returned.
    context.audit.record({
      action: 'lead.search',
      targetType: 'Lead',
      targetIds: rows.slice(0, page.limit).map((row) => row.id),
      // The search text itself may be an email address: only its length goes into the trail.
      details: { resultCount: Math.min(rows.length, page.limit), searchLength: term.length },
    });
  }
  return {
    rows,
    order,
    countTotal: () => context.prisma.lead.count({ where }),
    ...(conversations && { conversations }),
  };
}
