import type { Prisma, PrismaClient } from '@confide/db';

/** Anything that can run queries: the client or an open transaction. */
export type Queryable = PrismaClient | Prisma.TransactionClient;

/** A job a worker holds: claimed (status RUNNING, locked by the worker) and counted as one attempt. */
export interface ClaimedJob {
  id: string;
  queue: string;
  payload: Prisma.JsonValue;
  /** Attempts so far, this one included. */
  attempts: number;
  maxAttempts: number;
}

export interface EnqueueOptions {
  /** Not before this time; now when omitted. */
  runAt?: Date;
  maxAttempts?: number;
  /**
   * The singleton key of each payload's job: at most one queued or running job per key, so enqueueing
   * a key that is already waiting or running adds nothing.
   */
  singletonKey?: (payload: Prisma.InputJsonValue) => string;
}

/**
 * Adds jobs to `queue`, one per payload. Inside the caller's transaction when given one, so a job
 * exists exactly when the change that needs it was committed.
 */
export async function enqueueJobs(
  prisma: Queryable,
  queue: string,
  payloads: readonly Prisma.InputJsonValue[],
  { runAt, maxAttempts, singletonKey }: EnqueueOptions = {},
): Promise<number> {
  if (payloads.length === 0) return 0;
  const { count } = await prisma.job.createMany({
    data: payloads.map((payload) => ({
      queue,
      payload,
      ...(runAt && { runAt }),
      ...(maxAttempts !== undefined && { maxAttempts }),
      ...(singletonKey && { singletonKey: singletonKey(payload) }),
    })),
    // ON CONFLICT DO NOTHING: the singleton key is already queued or running.
    skipDuplicates: true,
  });
  return count;
}

/**
 * Claims up to `limit` due jobs of `queues` for `workerId`: queued jobs whose time has come, and
 * running jobs whose lock went stale (their worker died without releasing them). FOR UPDATE SKIP
 * LOCKED lets several workers claim at once without waiting on or taking each other's rows; it
 * behaves the same on PostgreSQL and PGlite.
 */
export async function claimJobs(
  prisma: Queryable,
  { queues, workerId, limit, now, staleBefore }: ClaimOptions,
): Promise<ClaimedJob[]> {
  if (limit <= 0 || queues.length === 0) return [];
  return prisma.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET status = 'RUNNING', "lockedAt" = ${now}, "lockedBy" = ${workerId}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "Job"
      WHERE queue = ANY(${queues}::text[])
        AND ((status = 'QUEUED' AND "runAt" <= ${now}) OR (status = 'RUNNING' AND "lockedAt" < ${staleBefore}))
      ORDER BY "runAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id::text AS id, queue, payload, attempts, "maxAttempts"`;
}

export interface ClaimOptions {
  queues: readonly string[];
  workerId: string;
  limit: number;
  now: Date;
  /** Running jobs locked before this instant belong to a worker that stopped heart-beating. */
  staleBefore: Date;
}

// Every transition below names the worker: a worker whose stale job was reclaimed by another must
// not overwrite the new holder's outcome.

/** Marks a job done and frees its singleton key. */
export async function completeJob(prisma: Queryable, id: string, workerId: string, now: Date): Promise<void> {
  await prisma.job.updateMany({
    where: { id, lockedBy: workerId, status: 'RUNNING' },
    data: { status: 'DONE', finishedAt: now, lockedAt: null, lockedBy: null, singletonKey: null },
  });
}

/**
 * Records a failed attempt: queued again after `delayMs` while attempts remain, otherwise FAILED
 * for good. Returns whether the job will run again.
 */
export async function failJob(
  prisma: Queryable,
  job: ClaimedJob,
  workerId: string,
  { error, delayMs, now }: { error: string; delayMs: number; now: Date },
): Promise<boolean> {
  const retry = job.attempts < job.maxAttempts;
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: workerId, status: 'RUNNING' },
    data: retry
      ? {
          status: 'QUEUED',
          runAt: new Date(now.getTime() + delayMs),
          lockedAt: null,
          lockedBy: null,
          lastError: error,
        }
      : {
          status: 'FAILED',
          finishedAt: now,
          lockedAt: null,
          lockedBy: null,
          lastError: error,
          singletonKey: null,
        },
  });
  return retry;
}

/** Hands a job back untouched (the worker is stopping): queued again, and this claim not counted. */
export async function releaseJob(prisma: Queryable, id: string, workerId: string): Promise<void> {
  await prisma.job.updateMany({
    where: { id, lockedBy: workerId, status: 'RUNNING' },
    data: { status: 'QUEUED', lockedAt: null, lockedBy: null, attempts: { decrement: 1 } },
  });
}

/** Renews the locks of the jobs a worker is running, so no other worker takes them for stale. */
export async function renewLocks(prisma: Queryable, ids: readonly string[], workerId: string, now: Date) {
  if (ids.length === 0) return;
  await prisma.job.updateMany({
    where: { id: { in: [...ids] }, lockedBy: workerId, status: 'RUNNING' },
    data: { lockedAt: now },
  });
}

/** Cancels the queued jobs of a queue whose payload has `key` equal to `value` (e.g. one export's batches). */
export async function cancelQueuedJobs(
  prisma: Queryable,
  queue: string,
  key: string,
  value: string,
  now: Date,
): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "Job" SET status = 'CANCELLED', "finishedAt" = ${now}, "singletonKey" = NULL
    WHERE queue = ${queue} AND status = 'QUEUED' AND payload ->> ${key} = ${value}`;
}

/** Exponential backoff: `baseMs`, then doubling per attempt, at most `maxMs`. */
export function backoffDelay(attempts: number, { baseMs, maxMs }: { baseMs: number; maxMs: number }): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
