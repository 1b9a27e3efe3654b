import { Prisma } from '@confide/db';
import { prefixedColumns } from '../shared/joined-rows.ts';

// The SQL that reads conversations and messages, shared by the loaders and by other domains' pages
// that join them (plain statements: no GraphQL types here, so services can import it).

/** A conversation's columns, as `ConversationRow` names them. */
export const conversationFields = [
  'id',
  'siteId',
  'channel',
  'startedAt',
  'lastMessageAt',
  'expiresAt',
  'messageCount',
  'country',
  'city',
  'userAgent',
  'referrer',
];
const messageFields = ['id', 'conversationId', 'role', 'text', 'redactionCount', 'sentAt'];

const columnsOf = (alias: string, fields: readonly string[]) =>
  Prisma.raw(fields.map((field) => `${alias}."${field}"`).join(', '));

/** A conversation's columns (alias `c`), as the loaders and `Conversation.fromRow` read them. */
export const conversationColumns = columnsOf('c', conversationFields);

/** The columns of `conversationColumns`, named `conversation.…`, for pages that join their conversation. */
export const joinedConversationColumns = prefixedColumns('c', conversationFields, 'conversation');

/** A message's columns (alias `m`), as `Message.fromRow` reads them. */
export const messageColumns = columnsOf('m', messageFields);

/** The newest message of the conversation whose id is `conversationId`, as a join (alias `lm`). */
export function lastMessageJoin(conversationId: Prisma.Sql): Prisma.Sql {
  // One LIMIT 1 probe of the (conversationId, sentAt) index per conversation.
  return Prisma.sql`LEFT JOIN LATERAL (
    SELECT ${messageColumns} FROM "Message" m
    WHERE m."conversationId" = ${conversationId} ORDER BY m."sentAt" DESC, m.id DESC LIMIT 1
  ) lm ON true`;
}

/** The columns of `lastMessageJoin`, named "lastMessage.…" (see `joinedRowsOf`). */
export const lastMessageColumns = prefixedColumns('lm', messageFields, 'lastMessage');
