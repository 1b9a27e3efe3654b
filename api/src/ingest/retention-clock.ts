const dayMs = 24 * 60 * 60 * 1000;

/**
 * The conversation's retention clock: every message moves the last-message time, and the
 * conversation expires that many days after its last message (site.conversationRetentionDays).
 */
export function conversationExpiry(lastMessageAt: Date, retentionDays: number): Date {
  return new Date(lastMessageAt.getTime() + retentionDays * dayMs);
}
