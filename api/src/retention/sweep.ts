import { Prisma, type PrismaClient } from '@confide/db';
import { redactedDetails } from '../audit/audit-log.ts';
import {
  at,
  conversationHeld,
  leadHeld,
  leadOnConversationClock,
  requestClosed,
  requestRecordDeletesAt,
  siteCondition,
} from './due-records.ts';
import type { SweepLease } from './sweep-lease.ts';

/** Record types a sweep counts, in the order it deletes them. */
export const sweptRecordTypes = [
  'conversations',
  'messages',
  'detectedContacts',
  'leads',
  'leadNotes',
  'consents',
  'privacyRequests',
  'subjectExports',
  'sessions',
  'rateLimitBuckets',
] as const;
export type SweptRecordType = (typeof sweptRecordTypes)[number];
export type SweptCounts = Record<SweptRecordType, number>;

export function emptyCounts(): SweptCounts {
  return Object.fromEntries(sweptRecordTypes.map((type) => [type, 0])) as SweptCounts;
}

/**
 * Conversations per transaction. Each holds about ten messages, so a batch deletes some 20,000 rows
 * and commits in a few hundred milliseconds: readers never wait for it, and writers to the same rows
 * not long. Smaller batches cost more than their SQL: a batch is a dozen round trips, each waiting
 * its turn on an event loop busy serving requests (500 took half as long again under load).
 */
export const defaultBatchSize = 2000;

/** Longest a batch's transaction may wait for a connection, and run. */
const batchTimeoutMs = 120_000;

/** Rate-limit buckets whose window started this long ago are over (the longest window is 15 minutes). */
export const rateLimitBucketMaxAgeMs = 24 * 60 * 60 * 1000;

export interface SweepScope {
  /** One site, or null for every site (then sessions and rate-limit buckets are purged too). */
  siteId: string | null;
  /** Everything due at this time goes; nothing due later. */
  asOf: Date;
}

export interface DeletionOptions extends SweepScope {
  runId: string;
  lease: SweepLease;
  clock: () => Date;
  batchSize?: number;
  /** Checked between batches: a stopping server ends the sweep after the batch in flight. */
  signal?: AbortSignal;
}

export class SweepInterruptedError extends Error {
  constructor() {
    super('The server stopped during the sweep; the next sweep deletes the rest');
    this.name = 'SweepInterruptedError';
  }
}

const uuids = (ids: readonly string[]) => Prisma.sql`${[...ids]}::uuid[]`;

/**
 * Deletes everything due at `asOf` in batches, one transaction each, and returns the counts. Each
 * batch renews the lease (so a sweeper that lost it deletes nothing more) and stores the running
 * counts on the run, so `retentionRuns` shows progress. Rows another transaction has locked (a
 * message arriving right now) are skipped and left for the next sweep.
 */
export async function deleteDueRecords(prisma: PrismaClient, options: DeletionOptions): Promise<SweptCounts> {
  const { siteId, asOf, batchSize = defaultBatchSize } = options;
  const counts = emptyCounts();
  const batch = async (work: (transaction: Prisma.TransactionClient) => Promise<number>): Promise<number> => {
    if (options.signal?.aborted) throw new SweepInterruptedError();
    return prisma.$transaction(
      async (transaction) => {
        await options.lease.renew(transaction, options.clock());
        const found = await work(transaction);
        await transaction.retentionRun.update({ where: { id: options.runId }, data: { counts } });
        return found;
      },
      // A batch takes a fraction of a second, but Prisma's 5 s default would fail a sweep on a busy machine.
      { maxWait: batchTimeoutMs, timeout: batchTimeoutMs },
    );
  };
  const untilDone = async (work: (transaction: Prisma.TransactionClient) => Promise<number>) => {
    while ((await batch(work)) >= batchSize);
  };

  await untilDone(async (transaction) => {
    const rows = await transaction.$queryRaw<{ id: string }[]>`
      SELECT c.id::text AS id FROM "Conversation" c
      WHERE c."expiresAt" <= ${at(asOf)} ${siteCondition(Prisma.sql`c."siteId"`, siteId)} AND NOT ${conversationHeld}
      ORDER BY c."expiresAt" LIMIT ${batchSize} FOR UPDATE OF c SKIP LOCKED`;
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    const leads = await transaction.$queryRaw<{ id: string }[]>`
      SELECT l.id::text AS id FROM "Lead" l
      WHERE l."conversationId" = ANY(${uuids(ids)}) AND ${leadOnConversationClock}`;
    await deleteLeads(
      transaction,
      counts,
      leads.map((lead) => lead.id),
      asOf,
    );
    counts.detectedContacts += await transaction.$executeRaw`
      DELETE FROM "DetectedContact" WHERE "conversationId" = ANY(${uuids(ids)})`;
    counts.messages += await transaction.$executeRaw`
      DELETE FROM "Message" WHERE "conversationId" = ANY(${uuids(ids)})`;
    counts.conversations += await transaction.$executeRaw`
      DELETE FROM "Conversation" WHERE id = ANY(${uuids(ids)})`;
    return ids.length;
  });

  await untilDone(async (transaction) => {
    const rows = await transaction.$queryRaw<{ id: string }[]>`
      SELECT l.id::text AS id FROM "Lead" l
      WHERE l."retainUntil" <= ${at(asOf)} ${siteCondition(Prisma.sql`l."siteId"`, siteId)} AND NOT ${leadHeld}
      ORDER BY l."retainUntil" LIMIT ${batchSize} FOR UPDATE OF l SKIP LOCKED`;
    await deleteLeads(
      transaction,
      counts,
      rows.map((row) => row.id),
      asOf,
    );
    return rows.length;
  });

  await untilDone(async (transaction) => {
    const rows = await transaction.$queryRaw<{ id: string }[]>`
      SELECT r.id::text AS id FROM "PrivacyRequest" r JOIN "Site" s ON s.id = r."siteId"
      WHERE ${requestClosed} AND ${requestRecordDeletesAt} <= ${at(asOf)} ${siteCondition(Prisma.sql`r."siteId"`, siteId)}
      LIMIT ${batchSize} FOR UPDATE OF r SKIP LOCKED`;
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    // Events and extensions go by cascade; erasure receipts stay (they identify no one).
    counts.subjectExports += await transaction.$executeRaw`
      DELETE FROM "SubjectExport" WHERE "requestId" = ANY(${uuids(ids)})`;
    counts.privacyRequests += await transaction.$executeRaw`
      DELETE FROM "PrivacyRequest" WHERE id = ANY(${uuids(ids)})`;
    await redactAuditDetails(transaction, ids, asOf);
    return ids.length;
  });

  await untilDone(async (transaction) => {
    const deleted = await transaction.$executeRaw`
      DELETE FROM "SubjectExport" WHERE id IN (
        SELECT e.id FROM "SubjectExport" e JOIN "PrivacyRequest" r ON r.id = e."requestId"
        WHERE e."expiresAt" <= ${at(asOf)} ${siteCondition(Prisma.sql`r."siteId"`, siteId)} LIMIT ${batchSize})`;
    counts.subjectExports += deleted;
    return deleted;
  });

  if (siteId === null) {
    await untilDone(async (transaction) => {
      const deleted = await transaction.$executeRaw`
        DELETE FROM "Session" WHERE id IN (
          SELECT id FROM "Session" WHERE "expiresAt" <= ${at(asOf)} OR "revokedAt" IS NOT NULL LIMIT ${batchSize})`;
      counts.sessions += deleted;
      return deleted;
    });
    const bucketsBefore = new Date(asOf.getTime() - rateLimitBucketMaxAgeMs);
    await untilDone(async (transaction) => {
      const deleted = await transaction.$executeRaw`
        DELETE FROM "RateLimitBucket" WHERE ("key", "windowStart") IN (
          SELECT "key", "windowStart" FROM "RateLimitBucket" WHERE "windowStart" < ${at(bucketsBefore)}
          LIMIT ${batchSize})`;
      counts.rateLimitBuckets += deleted;
      return deleted;
    });
  }
  return counts;
}

/**
 * Deletes leads with their notes (CRM record links and holds go by cascade). The consent ledger of a
 * subject goes with the subject's last lead on the site: it proves the basis for processing that
 * data, which no longer exists. Entries of a subject who still has a lead there stay whole — deleting
 * only some could leave an older grant looking current after its withdrawal was deleted.
 */
async function deleteLeads(
  transaction: Prisma.TransactionClient,
  counts: SweptCounts,
  ids: string[],
  asOf: Date,
): Promise<void> {
  if (ids.length === 0) return;
  // The email list first (ANY over an array) makes the ledger's email index the way in: as a plain
  // join the planner read the whole ledger for every batch.
  counts.consents += await transaction.$executeRaw`
    WITH subject AS MATERIALIZED (
      SELECT "siteId", "emailNormalized" AS email FROM "Lead"
      WHERE id = ANY(${uuids(ids)}) AND "emailNormalized" IS NOT NULL
      UNION SELECT "siteId", "subjectEmailNormalized" FROM "Consent" WHERE "leadId" = ANY(${uuids(ids)}))
    DELETE FROM "Consent" c
    WHERE c."subjectEmailNormalized" = ANY(ARRAY(SELECT email FROM subject))
      AND (c."siteId", c."subjectEmailNormalized") IN (SELECT "siteId", email FROM subject)
      AND NOT EXISTS (
        SELECT 1 FROM "Lead" other
        WHERE other."siteId" = c."siteId" AND other."emailNormalized" = c."subjectEmailNormalized"
          AND NOT other.id = ANY(${uuids(ids)}))`;
  counts.leadNotes +=
    await transaction.$executeRaw`DELETE FROM "LeadNote" WHERE "leadId" = ANY(${uuids(ids)})`;
  counts.leads += await transaction.$executeRaw`DELETE FROM "Lead" WHERE id = ANY(${uuids(ids)})`;
  await redactAuditDetails(transaction, ids, asOf);
}

/**
 * Redacts the details of audit events about deleted leads and request records, which may hold what
 * was changed on them; the events' skeleton stays. Reads ("personal_data.read": field names only)
 * and conversation events (ids and counts only) keep their details: redacting them would rewrite
 * many shared events per batch and lose what they say about other records.
 */
async function redactAuditDetails(transaction: Prisma.TransactionClient, ids: string[], asOf: Date) {
  // Written to match the partial index "AuditEvent_changes_targetIds_idx" (change events only): reads
  // are most of the trail, and without it every batch compared its ids with every read event's.
  await transaction.$executeRaw`
    UPDATE "AuditEvent" SET details = ${JSON.stringify(redactedDetails)}::jsonb, "redactedAt" = ${at(asOf)}
    WHERE action <> 'personal_data.read' AND "targetIds" && ${ids}::text[] AND "redactedAt" IS NULL`;
}

/**
 * What a sweep at `asOf` would delete, without deleting: the records themselves, their messages,
 * detected contacts and notes, and how many due records a hold keeps. Consent ledger entries are
 * left out (whether they go depends on the subject's other leads at the time).
 */
export async function countDueRecords(
  prisma: PrismaClient,
  { siteId, asOf }: SweepScope,
): Promise<{ counts: SweptCounts; skippedOnHold: number }> {
  const bucketsBefore = new Date(asOf.getTime() - rateLimitBucketMaxAgeMs);
  const forAllSites = siteId === null;
  const [row] = await prisma.$queryRaw<Record<SweptRecordType | 'skippedOnHold', bigint | number | null>[]>`
    WITH due_conversations AS (
      SELECT c.id, c."messageCount" FROM "Conversation" c
      WHERE c."expiresAt" <= ${at(asOf)} ${siteCondition(Prisma.sql`c."siteId"`, siteId)} AND NOT ${conversationHeld}
    ), due_leads AS (
      SELECT l.id FROM "Lead" l JOIN due_conversations d ON d.id = l."conversationId"
      WHERE ${leadOnConversationClock}
      UNION
      SELECT l.id FROM "Lead" l
      WHERE l."retainUntil" <= ${at(asOf)} ${siteCondition(Prisma.sql`l."siteId"`, siteId)} AND NOT ${leadHeld}
    ), due_requests AS (
      SELECT r.id FROM "PrivacyRequest" r JOIN "Site" s ON s.id = r."siteId"
      WHERE ${requestClosed} AND ${requestRecordDeletesAt} <= ${at(asOf)} ${siteCondition(Prisma.sql`r."siteId"`, siteId)}
    )
    SELECT
      (SELECT count(*) FROM due_conversations) AS conversations,
      (SELECT COALESCE(sum("messageCount"), 0) FROM due_conversations) AS messages,
      (SELECT count(*) FROM "DetectedContact" dc JOIN due_conversations d ON d.id = dc."conversationId")
        AS "detectedContacts",
      (SELECT count(*) FROM due_leads) AS leads,
      (SELECT count(*) FROM "LeadNote" n JOIN due_leads d ON d.id = n."leadId") AS "leadNotes",
      0 AS consents,
      (SELECT count(*) FROM due_requests) AS "privacyRequests",
      (SELECT count(*) FROM "SubjectExport" e JOIN "PrivacyRequest" r ON r.id = e."requestId"
        WHERE (e."requestId" IN (SELECT id FROM due_requests) OR e."expiresAt" <= ${at(asOf)})
          ${siteCondition(Prisma.sql`r."siteId"`, siteId)}) AS "subjectExports",
      CASE WHEN ${forAllSites}::boolean THEN (SELECT count(*) FROM "Session"
        WHERE "expiresAt" <= ${at(asOf)} OR "revokedAt" IS NOT NULL) ELSE 0 END AS sessions,
      CASE WHEN ${forAllSites}::boolean THEN (SELECT count(*) FROM "RateLimitBucket"
        WHERE "windowStart" < ${at(bucketsBefore)}) ELSE 0 END AS "rateLimitBuckets",
      ${skippedOnHoldSql({ siteId, asOf })} AS "skippedOnHold"`;
  const counts = emptyCounts();
  for (const type of sweptRecordTypes) counts[type] = Number(row?.[type] ?? 0);
  return { counts, skippedOnHold: Number(row?.skippedOnHold ?? 0) };
}

/** Conversations and leads due at `asOf` that a legal hold keeps. */
function skippedOnHoldSql({ siteId, asOf }: SweepScope): Prisma.Sql {
  return Prisma.sql`(
    (SELECT count(*) FROM "Conversation" c
      WHERE c."expiresAt" <= ${at(asOf)} ${siteCondition(Prisma.sql`c."siteId"`, siteId)} AND ${conversationHeld})
    + (SELECT count(*) FROM "Lead" l
      WHERE l."retainUntil" <= ${at(asOf)} ${siteCondition(Prisma.sql`l."siteId"`, siteId)} AND ${leadHeld}))`;
}

export async function countSkippedOnHold(prisma: PrismaClient, scope: SweepScope): Promise<number> {
  const [row] = await prisma.$queryRaw<
    { held: bigint | number }[]
  >`SELECT ${skippedOnHoldSql(scope)} AS held`;
  return Number(row?.held ?? 0);
}
