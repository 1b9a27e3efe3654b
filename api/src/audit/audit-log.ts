import { Prisma, sqlClientOf, type ActorType, type PrismaClient } from '@confide/db';
import { isUniqueViolation } from '../shared/database.ts';
import { canonicalJson, chainHash, genesisHash, hashDetails, type ChainedSkeleton } from './audit-chain.ts';

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

/** What one process knows about the chain it writes to: its last event's hash and the pending append. */
interface ChainWriter {
  /** Hash of the newest event this process saw; a hint only, the insert checks it. */
  head: string | undefined;
  /** The append in flight: appends of one process run one after another instead of colliding. */
  pending: Promise<unknown>;
  /** Appends queued or running; a statement only appends within itself when there are none. */
  appending: number;
}

function writerOf(prisma: PrismaClient): ChainWriter {
  let writer = writers.get(prisma);
  if (!writer) {
    writer = { head: undefined, pending: Promise.resolve(), appending: 0 };
    writers.set(prisma, writer);
  }
  return writer;
}

const writers = new WeakMap<object, ChainWriter>();

/** Appends that lost a race to other processes this many times in a row give up with an error. */
const maxAppendAttempts = 20;

interface ChainedRow extends ChainedSkeleton {
  details: Prisma.InputJsonValue | undefined;
  prevHash: string;
  hash: string;
}

function chainRows(prevHash: string, skeletons: readonly ChainedSkeleton[], entries: AuditEntry[]) {
  const rows: ChainedRow[] = [];
  let previous = prevHash;
  skeletons.forEach((skeleton, index) => {
    const hash = chainHash(previous, skeleton);
    rows.push({ ...skeleton, details: entries[index]?.details, prevHash: previous, hash });
    previous = hash;
  });
  return rows;
}

/**
 * One INSERT for all of a request's events, which writes nothing unless `prevHash` is the chain's
 * current head: the parent must exist (or the trail be empty for the genesis hash), and the unique
 * index on prevHash refuses a second child of the same parent, so concurrent writers in other
 * processes can never fork the chain — the loser gets 0 rows or a unique violation and retries.
 */
function insertChained(prisma: PrismaClient, rows: ChainedRow[]) {
  const prevHash = rows[0]?.prevHash ?? genesisHash;
  const parentIsHead =
    prevHash === genesisHash
      ? Prisma.sql`NOT EXISTS (SELECT 1 FROM "AuditEvent")`
      : Prisma.sql`EXISTS (SELECT 1 FROM "AuditEvent" WHERE hash = ${prevHash})`;
  const values = rows.map(
    (row) => Prisma.sql`(${row.occurredAt}::timestamp(3), ${row.actorType}::"ActorType", ${row.actorId}::text,
      ${row.actorLabel}::text, ${row.action}::text, ${row.targetType}::text, ${row.targetIds}::text[],
      ${row.requestId}::text, ${row.details === undefined ? null : JSON.stringify(row.details)}::jsonb,
      ${row.detailsHash}::text, ${row.prevHash}::text, ${row.hash}::text)`,
  );
  // VALUES keeps the rows in chain order, so their ids (the order verification walks) follow it.
  return sqlClientOf(prisma).execute(
    Prisma.sql`INSERT INTO "AuditEvent" ("occurredAt", "actorType", "actorId", "actorLabel",
      action, "targetType", "targetIds", "requestId", details, "detailsHash", "prevHash", hash)
    SELECT * FROM (VALUES ${Prisma.join(values)}) AS event WHERE ${parentIsHead}`,
    { reusePlan: true },
  );
}

async function readHead(prisma: PrismaClient): Promise<string> {
  const last = await prisma.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  return last?.hash ?? genesisHash;
}

/**
 * Appends entries to the hash-chained audit trail in one statement. The chain head is remembered
 * per client, so the common case is a single round trip; a stale head (another instance wrote
 * meanwhile) makes the insert a no-op or a unique violation, and the head is read again.
 */
export async function appendAuditEvents(
  prisma: PrismaClient,
  actor: AuditActor,
  requestId: string | null,
  entries: AuditEntry[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  const skeletons = entries.map((entry): ChainedSkeleton => ({
    occurredAt: now,
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetIds: entry.targetIds ?? [],
    requestId,
    detailsHash: hashDetails(entry.details),
  }));
  const chainWriter = writerOf(prisma);
  chainWriter.appending += 1;
  const append = chainWriter.pending.then(async () => {
    for (let attempt = 1; attempt <= maxAppendAttempts; attempt += 1) {
      const rows = chainRows(chainWriter.head ?? (await readHead(prisma)), skeletons, entries);
      try {
        if ((await insertChained(prisma, rows)) === rows.length) {
          chainWriter.head = rows.at(-1)?.hash;
          return;
        }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      chainWriter.head = undefined;
    }
    throw new Error(`Could not append to the audit chain after ${maxAppendAttempts} attempts`);
  });
  chainWriter.pending = append
    .catch(() => {})
    .finally(() => {
      chainWriter.appending -= 1;
    });
  return append;
}

/** An entry whose targets a statement selects, and whose details count them under `countKey`. */
export interface CountedAuditEntry {
  action: string;
  targetType: string;
  /** Details besides the count; like every entry's, never personal data. */
  details: Record<string, Prisma.InputJsonValue>;
  countKey: string;
}

/** The entry as `appendAuditEvents` takes it, once its targets are known. */
export function countedEntry(entry: CountedAuditEntry, targetIds: string[]): AuditEntry {
  return {
    action: entry.action,
    targetType: entry.targetType,
    targetIds,
    details: { ...entry.details, [entry.countKey]: targetIds.length },
  };
}

/** An append written by the statement that selects its targets (see `appendWithinStatement`). */
export interface StatementAppend {
  /**
   * The CTE `appended_audit_event`, for the statement's top-level WITH: it appends the entry with the
   * ids `targets` selects (columns `id` and `position`, the order of the targets) and returns the new
   * event's hash, or no row when the chain has moved on since.
   */
  cte(targets: Prisma.Sql): Prisma.Sql;
  /** Takes what `appended_audit_event` returned (null: no row); false: nothing was written. */
  settle(hash: string | null): boolean;
}

/** SQL text of `canonicalJson(values)` where `computed` values are SQL expressions giving their JSON text. */
function canonicalJsonSql(values: Record<string, unknown>, computed: Record<string, Prisma.Sql>): Prisma.Sql {
  const keys = [...Object.keys(values).filter((key) => values[key] !== undefined), ...Object.keys(computed)];
  const members = keys
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const name = `${JSON.stringify(key)}:`;
      const value = computed[key];
      return value
        ? Prisma.sql`${name}::text || ${value}`
        : Prisma.sql`${name + canonicalJson(values[key])}::text`;
    });
  return Prisma.sql`('{' || ${Prisma.join(members, ` || ',' || `)} || '}')`;
}

const sha256Hex = (text: Prisma.Sql) => Prisma.sql`encode(sha256(convert_to(${text}, 'UTF8')), 'hex')`;

/**
 * Lets the statement that selects an entry's targets append the entry itself, so the request has no
 * round trip of its own left for it: the targets, the details' count and both hashes are worked out
 * in SQL exactly as `chainHash` and `hashDetails` work them out, so the trail verifies the same. It
 * guards against a moved chain as `insertChained` does, and conflicts do nothing instead of failing
 * the statement. Undefined when this process does not know the chain's head or an append of its own
 * is under way; then, and when `settle` says nothing was written, the entry goes the usual way.
 */
export function appendWithinStatement(
  prisma: PrismaClient,
  actor: AuditActor,
  requestId: string | null,
  entry: CountedAuditEntry,
  now: Date,
): StatementAppend | undefined {
  const writer = writerOf(prisma);
  const prevHash = writer.head;
  if (prevHash === undefined || writer.appending > 0) return undefined;
  const count = Prisma.sql`targets.count::text`;
  const detailsJson = canonicalJsonSql(entry.details, { [entry.countKey]: count });
  const skeletonJson = canonicalJsonSql(
    {
      occurredAt: now.toISOString(),
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      targetType: entry.targetType,
      requestId,
    },
    {
      detailsHash: Prisma.sql`'"' || event."detailsHash" || '"'`,
      targetIds: Prisma.sql`event."targetIdsJson"`,
    },
  );
  return {
    cte: (targets) => Prisma.sql`appended_audit_event AS (
      INSERT INTO "AuditEvent" ("occurredAt", "actorType", "actorId", "actorLabel", action, "targetType",
        "targetIds", "requestId", details, "detailsHash", "prevHash", hash)
      SELECT ${now}::timestamp(3), ${actor.type}::"ActorType", ${actor.id}::text, ${actor.label}::text,
        ${entry.action}::text, ${entry.targetType}::text, event."targetIds", ${requestId}::text,
        event.details::jsonb, event."detailsHash", ${prevHash}::text,
        ${sha256Hex(Prisma.sql`${prevHash}::text || chr(10) || ${skeletonJson}`)}
      FROM (
        SELECT targets.ids AS "targetIds", array_to_json(targets.ids)::text AS "targetIdsJson",
          details.json AS details, ${sha256Hex(Prisma.sql`details.json`)} AS "detailsHash"
        FROM (
          SELECT coalesce(array_agg(target.id::text ORDER BY target.position), '{}') AS ids, count(*) AS count
          FROM (${targets}) target
        ) targets,
        LATERAL (SELECT ${detailsJson} AS json) details
      ) event
      WHERE EXISTS (SELECT 1 FROM "AuditEvent" WHERE hash = ${prevHash}::text)
      ON CONFLICT DO NOTHING
      RETURNING hash
    )`,
    settle(hash) {
      // Only the head this append started from is replaced: another append may have moved it since.
      if (writer.head === prevHash) writer.head = hash ?? undefined;
      return hash !== null;
    },
  };
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
