import { Prisma } from '@confide/db';
import { prefixedColumns } from '../shared/joined-rows.ts';

// The SQL that reads conversations and messages, shared by the loaders and by other domains' pages
// that join them (plain statements: no GraphQL types here, so services can import it).

/** A conversation's columns (alias `c`), as the loaders and `Conversation.fromRow` read them. */
export const conversationColumns = Prisma.sql`c.id, c."siteId", c.channel::text AS channel, c."startedAt", c."lastMessageAt",
  c."expiresAt", c."messageCount", c.country, c.city, c."userAgent", c.referrer`;

/** The columns of `conversationColumns`, named `conversation.…`, for pages that join their conversation. */
export const joinedConversationColumns = prefixedColumns(
  'c',
  [
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
  ],
  'conversation',
);

/** A message's columns (alias `m`), as `Message.fromRow` reads them. */
export const messageColumns = Prisma.sql`m.id, m."conversationId", m.role::text AS role, m.text, m."redactionCount", m."sentAt"`;

/** The newest message of the conversation whose id is `conversationId`, as a join (alias `lm`). */
export function lastMessageJoin(conversationId: Prisma.Sql): Prisma.Sql {
  // One LIMIT 1 probe of the (conversationId, sentAt) index per conversation.
  return Prisma.sql`LEFT JOIN LATERAL (
    SELECT ${messageColumns} FROM "Message" m
    WHERE m."conversationId" = ${conversationId} ORDER BY m."sentAt" DESC, m.id DESC LIMIT 1
  ) lm ON true`;
}

/** The columns of `lastMessageJoin`, named "lastMessage.…" (see `joinedRowsOf`). */
export const lastMessageColumns = prefixedColumns(
  'lm',
  ['id', 'conversationId', 'role', 'text', 'redactionCount', 'sentAt'],
  'lastMessage',
);
