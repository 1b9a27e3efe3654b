import { Prisma, sqlClientOf, type Lead as LeadRow } from '@confide/db';
import type { RequestContext, RequestLoader } from '../shared/context.ts';
import type { PageRequest } from '../shared/pagination.ts';
import { Conversation, type ConversationRow } from './conversation.type.ts';
import { timestampCursor } from '../shared/keyset.ts';
import { joinedRowsOf } from '../shared/joined-rows.ts';
import {
  conversationColumns,
  lastMessageColumns,
  lastMessageJoin,
  messageColumns,
} from './conversation.columns.ts';
import { Message, type MessageRow } from './message.type.ts';
import type { FetchedRelations } from './list-conversations.ts';

// Per-request DataLoaders: a page of conversations asking for its site, lead, last message or
// retention costs one query per field, not one per conversation.

/** Lookups by id: one plan fits every set of ids, so PostgreSQL may keep it (see StatementOptions). */
const reusePlan = { reusePlan: true };

/** `ARRAY[$1::uuid, …]` for a batch of database ids. */
function uuidArray(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`ARRAY[${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))}]`;
}

function byKey<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

/** Conversations by database id (for `node`, and for other domains' `conversation` fields). */
export function conversationById(context: RequestContext): RequestLoader<string, Conversation | null> {
  return context.loader<string, Conversation | null>('conversation.byId', async (ids) => {
    const rows = await sqlClientOf(context.prisma).query<ConversationRow>(
      Prisma.sql`
      SELECT ${conversationColumns} FROM "Conversation" c WHERE c.id = ANY(${uuidArray(ids)})`,
      reusePlan,
    );
    const found = byKey(rows, (row) => row.id);
    return ids.map((id) => {
      const row = found.get(id);
      return row ? Conversation.fromRow(row) : null;
    });
  });
}

/** Messages by database id (for `node`). */
export function messageById(context: RequestContext): RequestLoader<string, Message | null> {
  return context.loader<string, Message | null>('message.byId', async (ids) => {
    const rows = await sqlClientOf(context.prisma).query<MessageRow>(
      Prisma.sql`
      SELECT ${messageColumns} FROM "Message" m WHERE m.id = ANY(${uuidArray(ids)})`,
      reusePlan,
    );
    const found = byKey(rows, (row) => row.id);
    return ids.map((id) => {
      const row = found.get(id);
      return row ? Message.fromRow(row) : null;
    });
  });
}

/** The lead captured in each conversation, as a database row (the Lead type resolves its own fields). */
export function leadByConversationId(context: RequestContext): RequestLoader<string, LeadRow | null> {
  return context.loader<string, LeadRow | null>('lead.byConversationId', async (ids) => {
    const rows = await context.prisma.lead.findMany({ where: { conversationId: { in: [...ids] } } });
    const found = byKey(rows, (row) => row.conversationId ?? '');
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** The newest message of each conversation: one LIMIT 1 index probe per conversation, in one query. */
export function lastMessageByConversationId(context: RequestContext): RequestLoader<string, Message | null> {
  return context.loader<string, Message | null>('conversation.lastMessage', async (ids) => {
    const rows = await sqlClientOf(context.prisma).query<MessageRow>(
      Prisma.sql`
      SELECT ${messageColumns} FROM unnest(${uuidArray(ids)}) AS c(id)
      CROSS JOIN LATERAL (
        SELECT * FROM "Message" m WHERE m."conversationId" = c.id ORDER BY m."sentAt" DESC, m.id DESC LIMIT 1
      ) m`,
      reusePlan,
    );
    const found = byKey(rows, (row) => row.conversationId);
    return ids.map((id) => {
      const row = found.get(id);
      return row ? Message.fromRow(row) : null;
    });
  });
}

/**
 * One page of messages (oldest first) of each conversation, all in one query. Loaders are keyed by
 * the page request, so conversations asking for the same page share a batch.
 */
export function messagePageByConversationId(
  context: RequestContext,
  page: PageRequest,
): RequestLoader<string, Message[]> {
  const position = timestampCursor(page);
  const name = `conversation.messages:${JSON.stringify([page.direction, page.limit, page.after])}`;
  return context.loader<string, Message[]>(name, async (ids) => {
    const forward = page.direction === 'forward';
    const order = Prisma.raw(forward ? 'ASC' : 'DESC');
    const keyset = position
      ? Prisma.sql`AND (m."sentAt", m.id) ${Prisma.raw(forward ? '>' : '<')} (${position.sortValue}::timestamp(3), ${position.id}::uuid)`
      : Prisma.empty;
    const rows = await sqlClientOf(context.prisma).query<MessageRow>(Prisma.sql`
      SELECT ${messageColumns} FROM unnest(${uuidArray(ids)}) AS c(id)
      CROSS JOIN LATERAL (
        SELECT * FROM "Message" m WHERE m."conversationId" = c.id ${keyset}
        ORDER BY m."sentAt" ${order}, m.id ${order} LIMIT ${page.limit + 1}
      ) m`);
    const pages = new Map<string, Message[]>(ids.map((id) => [id, []]));
    for (const row of rows) pages.get(row.conversationId)?.push(Message.fromRow(row));
    // SQL does not promise the subqueries' order across the join; restore it per conversation.
    const direction = forward ? 1 : -1;
    for (const messages of pages.values()) {
      messages.sort(
        (a, b) =>
          direction * (a.sentAt.getTime() - b.sentAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      );
    }
    return ids.map((id) => pages.get(id) ?? []);
  });
}

/** How many messages each conversation holds (counted, not the denormalised column). */
export function messageCountByConversationId(context: RequestContext): RequestLoader<string, number> {
  return context.loader<string, number>('conversation.messageCount', async (ids) => {
    const rows = await context.prisma.message.groupBy({
      by: ['conversationId'],
      where: { conversationId: { in: [...ids] } },
      _count: { _all: true },
    });
    const counts = new Map(rows.map((row) => [row.conversationId, row._count._all]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

/** Primes the relation loaders with what a page's own query already fetched, so they need no query. */
export function primeConversationRelations(context: RequestContext, related: FetchedRelations): void {
  for (const [id, row] of related.leads ?? []) leadByConversationId(context).prime(id, row);
  for (const [id, row] of related.lastMessages ?? []) {
    lastMessageByConversationId(context).prime(id, row && Message.fromRow(row));
  }
}

/**
 * Loads conversations, and with `withLastMessage` their newest messages, in one query, priming
 * `conversationById` and `lastMessageByConversationId`: for lists of other types (leads) whose
 * page asks for its conversations.
 */
export async function primeConversations(
  context: RequestContext,
  ids: readonly string[],
  withLastMessage: boolean,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await sqlClientOf(context.prisma).query<ConversationRow & Record<string, unknown>>(
    Prisma.sql`
    SELECT ${conversationColumns} ${withLastMessage ? Prisma.sql`, ${lastMessageColumns}` : Prisma.empty}
    FROM "Conversation" c ${withLastMessage ? lastMessageJoin(Prisma.sql`c.id`) : Prisma.empty}
    WHERE c.id = ANY(${uuidArray(ids)})`,
    reusePlan,
  );
  const found = new Set<string>();
  const joinedOfRows = withLastMessage ? joinedRowsOf(rows) : [];
  rows.forEach((row, index) => {
    found.add(row.id);
    const lastMessage = withLastMessage
      ? ((joinedOfRows[index]?.get('lastMessage') ?? null) as MessageRow | null)
      : undefined;
    primeConversation(context, row, lastMessage);
  });
  for (const id of ids) if (!found.has(id)) conversationById(context).prime(id, null);
}

/**
 * Primes the loaders with a conversation read by another query and, unless `lastMessage` is
 * undefined (not read), with its newest message.
 */
export function primeConversation(
  context: RequestContext,
  row: ConversationRow,
  lastMessage?: MessageRow | null,
): void {
  if (lastMessage !== undefined) {
    lastMessageByConversationId(context).prime(row.id, lastMessage ? Message.fromRow(lastMessage) : null);
  }
  conversationById(context).prime(row.id, Conversation.fromRow(row));
}
