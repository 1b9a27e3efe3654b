import type { PrismaClient } from '@confide/db';
import type { DetectedContactValue, LeadDetails } from './contact-details.ts';
import { uuidV7 } from './row-id.ts';

/** One rate-limit bucket to count the message in, and the most it may hold. */
export interface BucketHit {
  key: string;
  windowStart: Date;
  limit: number;
}

/** Everything one accepted message writes, already redacted, normalised and validated. */
export interface StoredWidgetMessage {
  siteId: string;
  conversationId: string;
  channel: 'WIDGET' | 'AI_PAGE';
  messageId: string;
  role: 'VISITOR' | 'ASSISTANT';
  text: string;
  redactionCount: number;
  sentAt: Date;
  receivedAt: Date;
  expiresAt: Date;
  ipHash: string | null;
  country: string | null;
  city: string | null;
  userAgent: string | null;
  referrer: string | null;
  pageUrl: string | null;
  lead: LeadDetails | null;
  detectedContacts: DetectedContactValue[];
  consents: {
    purpose: string;
    action: 'GRANTED' | 'WITHDRAWN';
    policyVersion: string;
    evidence: string | null;
  }[];
  rateLimits: BucketHit[];
}

export type StoreOutcome = { outcome: 'stored' | 'duplicate' } | { outcome: 'rate_limited'; key: string };

/**
 * Writes the message and everything that comes with it through the `ingest_widget_message`
 * database function (prisma/migrations/…_widget_message_ingest): one statement, so one
 * transaction and one round trip. Over a rate limit it writes nothing but the count; a message id
 * already stored in the conversation writes nothing at all.
 */
export async function storeWidgetMessage(
  prisma: PrismaClient,
  message: StoredWidgetMessage,
): Promise<StoreOutcome> {
  const now = message.receivedAt.getTime();
  const input = JSON.stringify({
    ...message,
    conversationRowId: uuidV7(now),
    messageRowId: uuidV7(now),
    lead: message.lead && { ...message.lead, rowId: uuidV7(now) },
    detectedContacts: message.detectedContacts.map((contact) => ({ ...contact, rowId: uuidV7(now) })),
    consents: message.consents.map((consent) => ({ ...consent, rowId: uuidV7(now) })),
  });
  const [row] = await prisma.$queryRaw<[{ result: StoreOutcome }]>`
    SELECT "ingest_widget_message"(${input}::jsonb) AS result`;
  return row.result;
}
