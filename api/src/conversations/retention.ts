const dayMs = 24 * 60 * 60 * 1000;

/** When a record deleted at `expiresAt` goes: the date and the whole days left, rounded up (0 once due). */
export function retentionOf(expiresAt: Date, now: Date): { expiresAt: Date; daysLeft: number } {
  const daysLeft = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / dayMs));
  return { expiresAt, daysLeft };
}
