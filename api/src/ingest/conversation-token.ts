import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token the widget gets after the first message of a conversation passed the bot check, and
 * presents with every later message instead of a new Turnstile token. It is an HMAC of the site
 * and the conversation, so it needs no storage and cannot be moved to another conversation.
 */
const version = 'v1';

function signature(secret: string, siteId: string, conversationId: string): string {
  return createHmac('sha256', secret)
    .update(`conversation\n${siteId}\n${conversationId}`, 'utf8')
    .digest('base64url');
}

export function signConversationToken(secret: string, siteId: string, conversationId: string): string {
  return `${version}.${signature(secret, siteId, conversationId)}`;
}

export function verifyConversationToken(
  secret: string,
  siteId: string,
  conversationId: string,
  token: string,
): boolean {
  const expected = Buffer.from(signConversationToken(secret, siteId, conversationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
