const dayMs = 24 * 60 * 60 * 1000;

/** Retention state of a record that is deleted at `expiresAt` unless on hold. */
export function retentionOf(
  expiresAt: Date,
  onHold: boolean,
  now: Date,
): { expiresAt: Date; daysLeft: number; onHold: boolean } {
  const daysLeft = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / dayMs));
  return { expiresAt, daysLeft, onHold };
}
