import type { ActorType, Prisma, PrismaClient } from '@confide/db';
import { chainHash, genesisHash, hashDetails, type ChainedSkeleton } from './audit-chain.ts';

export interface AuditActor {
  type: ActorType;
  id: string | null;
  label: string | null;
}

export interface AuditEntry {
  /** Dotted verb, e.g. "lead.update", "conversation.transcript.read". */
  action: string;
  /** GraphQL type name of the targets ("Lead"), so `auditEvents` can show their global ids. */
  targetType?: string;
  /** Database ids of the targets; erasure finds events about a subject's records by these. */
  targetIds?: string[];
  /** Ids, counts, field names: never personal data (erasure redacts details, but keep them clean). */
  details?: Prisma.InputJsonValue;
}

// Serialises writers of the chain across connections and API instances.
const chainLockKey = 727_001;

/** Appends entries to the hash-chained audit trail in one transaction. */
export async function appendAuditEvents(
  prisma: PrismaClient,
  actor: AuditActor,
  requestId: string | null,
  entries: AuditEntry[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await prisma.$transaction(async (transaction) => {
    await transaction.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey})`;
    const last = await transaction.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
    let prevHash = last?.hash ?? genesisHash;
    for (const entry of entries) {
      const skeleton: ChainedSkeleton = {
        occurredAt: now,
        actorType: actor.type,
        actorId: actor.id,
        actorLabel: actor.label,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetIds: entry.targetIds ?? [],
        requestId,
        detailsHash: hashDetails(entry.details),
      };
      const hash = chainHash(prevHash, skeleton);
      await transaction.auditEvent.create({
        data: { ...skeleton, actorType: actor.type, details: entry.details, prevHash, hash },
      });
      prevHash = hash;
    }
  });
}

/** What replaces the details of a redacted event. */
export const redactedDetails = { redacted: true } as const;

/**
 * Redacts the details of every event about any of `targetIds` (an erasure's job: details must keep
 * nothing of the subject). The database trigger allows this one change (details and redactedAt);
 * the chain still verifies because each hash covers the SHA-256 of the original details.
 */
export async function redactAuditEvents(
  prisma: PrismaClient | Prisma.TransactionClient,
  targetIds: readonly string[],
  now: Date,
): Promise<number> {
  if (targetIds.length === 0) return 0;
  const { count } = await prisma.auditEvent.updateMany({
    where: { targetIds: { hasSome: [...targetIds] }, redactedAt: null },
    data: { details: redactedDetails, redactedAt: now },
  });
  return count;
}

export interface ChainVerification {
  valid: boolean;
  eventsChecked: number;
  /** Id of the first event whose hash does not follow from its predecessor and content. */
  firstBrokenEventId: string | null;
  /** Events whose details were redacted by an erasure (their hash still verifies through detailsHash). */
  redactedEvents: number;
}

/** Recomputes the whole chain in id order, in batches, and reports the first break. */
export async function verifyAuditChain(prisma: PrismaClient, batchSize = 1000): Promise<ChainVerification> {
  let prevHash = genesisHash;
  let cursor: bigint | undefined;
  let eventsChecked = 0;
  let redactedEvents = 0;
  for (;;) {
    const batch = await prisma.auditEvent.findMany({
      orderBy: { id: 'asc' },
      take: batchSize,
      ...(cursor !== undefined && { cursor: { id: cursor }, skip: 1 }),
    });
    for (const event of batch) {
      const detailsIntact = event.redactedAt !== null || hashDetails(event.details) === event.detailsHash;
      const expected = chainHash(prevHash, {
        occurredAt: event.occurredAt,
        actorType: event.actorType,
        actorId: event.actorId,
        actorLabel: event.actorLabel,
        action: event.action,
        targetType: event.targetType,
        targetIds: event.targetIds,
        requestId: event.requestId,
        detailsHash: event.detailsHash,
      });
      if (event.prevHash !== prevHash || event.hash !== expected || !detailsIntact) {
        return { valid: false, eventsChecked, firstBrokenEventId: event.id.toString(), redactedEvents };
      }
      if (event.redactedAt !== null) redactedEvents += 1;
      prevHash = event.hash;
      eventsChecked += 1;
    }
    if (batch.length < batchSize) break;
    cursor = batch.at(-1)?.id;
  }
  return { valid: true, eventsChecked, firstBrokenEventId: null, redactedEvents };
}
