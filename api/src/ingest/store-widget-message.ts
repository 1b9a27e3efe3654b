import { Prisma, sqlClientOf, type PrismaClient } from '@confide/db';
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

/** A message the database refused while the rest of its batch was kept; it stored nothing. */
export type BatchOutcome = StoreOutcome | { outcome: 'failed'; code: string };

/**
 * Writes messages and everything that comes with them through the `ingest_widget_messages`
 * database function (prisma/migrations/…_widget_message_batches_concurrent and
 * …_widget_message_batches_together): one statement, so one transaction, one round trip and one
 * commit for the whole batch. Usually the batch is written with one statement per table; when a
 * rate limit could be reached, or the database refuses anything, it is written message by message,
 * each in its own subtransaction. A message over a rate limit or whose id is already stored in the
 * conversation writes nothing and is not counted. Outcomes come back in the order of `messages`; the database
 * writes them in the order of their conversations, so when a batch passes a limit, which of its
 * messages are refused follows that order (arrival order within one conversation).
 */
export async function storeWidgetMessages(
  prisma: PrismaClient,
  messages: readonly StoredWidgetMessage[],
): Promise<BatchOutcome[]> {
  const inputs = JSON.stringify(
    messages.map((message) => {
      const now = message.receivedAt.getTime();
      return {
        ...message,
        conversationRowId: uuidV7(now),
        messageRowId: uuidV7(now),
        lead: message.lead && { ...message.lead, rowId: uuidV7(now) },
        detectedContacts: message.detectedContacts.map((contact) => ({ ...contact, rowId: uuidV7(now) })),
        consents: message.consents.map((consent) => ({ ...consent, rowId: uuidV7(now) })),
      };
    }),
  );
  const [row] = await sqlClientOf(prisma).query<{ results: BatchOutcome[] }>(
    Prisma.sql`SELECT "ingest_widget_messages"(${inputs}::jsonb) AS results`,
  );
  return row?.results ?? [];
}

/** Why one message of a batch was not stored: the database's SQLSTATE, nothing of the values. */
export class MessageNotStoredError extends Error {
  override readonly name = 'MessageNotStoredError';
  constructor(readonly code: string) {
    super(`The database refused the message (SQLSTATE ${code})`);
  }
}

/**
 * At most this many messages per batch: each takes a subtransaction id, and PostgreSQL caches 64
 * per transaction before other sessions' snapshots must look them up on disk.
 */
export const maxMessagesPerBatch = 32;

/**
 * Batches on their way at once. They run side by side in the database (the function takes its
 * locks in one global order, so they cannot deadlock), each on its own pooled connection.
 */
export const batchesInFlight = 2;

interface Pending {
  message: StoredWidgetMessage;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for widget messages. A message that arrives while fewer than `batchesInFlight`
 * batches are being written goes out at once (after the current turn of the event loop, which
 * gathers requests read together); messages that arrive meanwhile wait and go out together as the
 * next batch. So an idle server adds no delay, and under load each message costs a fraction of a
 * round trip and a commit.
 */
export class WidgetMessageWriter {
  readonly #queue: Pending[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(private readonly prisma: PrismaClient) {}

  /** Stores `message` with its batch; rejects when the batch or this message could not be stored. */
  store(message: StoredWidgetMessage): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ message, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          this.#send();
        });
      }
    });
  }

  #send(): void {
    while (this.#inFlight < batchesInFlight && this.#queue.length > 0) {
      void this.#write(this.#queue.splice(0, maxMessagesPerBatch));
    }
  }

  async #write(batch: Pending[]): Promise<void> {
    this.#inFlight += 1;
    try {
      const outcomes = await storeWidgetMessages(
        this.prisma,
        batch.map((pending) => pending.message),
      );
      batch.forEach((pending, index) => {
        const outcome = outcomes[index] ?? { outcome: 'failed', code: 'no outcome' };
        if (outcome.outcome === 'failed') pending.reject(new MessageNotStoredError(outcome.code));
        else pending.resolve(outcome);
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.#inFlight -= 1;
      this.#send();
    }
  }
}
