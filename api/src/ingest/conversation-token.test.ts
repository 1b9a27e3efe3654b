import { describe, expect, it } from 'vitest';
import { signConversationToken, verifyConversationToken } from './conversation-token.ts';

describe('conversation tokens', () => {
  const secret = 's'.repeat(32);
  const token = signConversationToken(secret, 'site-1', 'conversation-1');

  it('verify for their own site and conversation only', () => {
    expect(verifyConversationToken(secret, 'site-1', 'conversation-1', token)).toBe(true);
    expect(verifyConversationToken(secret, 'site-1', 'conversation-2', token)).toBe(false);
    expect(verifyConversationToken(secret, 'site-2', 'conversation-1', token)).toBe(false);
    expect(verifyConversationToken('t'.repeat(32), 'site-1', 'conversation-1', token)).toBe(false);
    expect(verifyConversationToken(secret, 'site-1', 'conversation-1', `${token}x`)).toBe(false);
  });
});
