import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@confide/db';
import type { Logger } from '../shared/logger.ts';
import {
  backoffDelay,
  claimJobs,
  completeJob,
  failJob,
  releaseJob,
  renewLocks,
  type ClaimedJob,
} from './job-queue.ts';

/**
 * Runs one job. Resolving marks it done; throwing records a failed attempt and retries it with
 * backoff while attempts remain. `signal` aborts when the worker stops: a handler that rejects
 * after it is given the job back for another worker, without counting the attempt.
 */
export type JobHandler = (job: ClaimedJob, signal: AbortSignal) => Promise<void>;

/** Thrown by a handler to retry after a delay the remote side asked for (e.g. HTTP Retry-After). */
export class RetryJobLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'RetryJobLater';
  }
}

/** Work done on a timer beside the queue, e.g. turning rows other domains inserted into jobs. */
export interface PeriodicTask {
  name: string;
  intervalMs: number;
  run(): Promise<void>;
}

export interface JobWorkerOptions {
  prisma: PrismaClient;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  /** Most jobs this worker runs at once. */
  concurrency: number;
  /** How often to look for due jobs when idle (finishing a job looks again at once). */
  pollIntervalMs: number;
  /** A running job whose lock is older than this is taken over; locks are renewed at a third of it. */
  lockTimeoutMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  periodicTasks?: PeriodicTask[];
  now?: () => Date;
}

export interface JobWorker {
  readonly id: string;
  start(): void;
  /** Looks for due jobs now, e.g. right after enqueueing. */
  wake(): void;
  /**
   * Stops claiming, asks running handlers to stop, and waits for them to finish or hand their jobs
   * back. A stopped worker stays stopped; a restart creates a new one.
   */
  stop(): Promise<void>;
}

const defaultLockTimeoutMs = 60_000;
const defaultBackoff = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** A durable worker over the `Job` table, with bounded concurrency; several may run side by side. */
export function createJobWorker({
  prisma,
  logger,
  handlers,
  concurrency,
  pollIntervalMs,
  lockTimeoutMs = defaultLockTimeoutMs,
  backoff = defaultBackoff,
  periodicTasks = [],
  now = () => new Date(),
}: JobWorkerOptions): JobWorker {
  const id = `worker-${randomUUID()}`;
  const queues = Object.keys(handlers);
  const running = new Map<string, Promise<void>>();
  const abort = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  let started = false;
  let filling: Promise<void> | undefined;
  let fillAgain = false;

  async function runJob(job: ClaimedJob): Promise<void> {
    const handler = handlers[job.queue]!;
    if (abort.signal.aborted) {
      await releaseJob(prisma, job.id, id);
      return;
    }
    try {
      await handler(job, abort.signal);
      await completeJob(prisma, job.id, id, now());
    } catch (error) {
      if (abort.signal.aborted) {
        await releaseJob(prisma, job.id, id);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      const delayMs = error instanceof RetryJobLater ? error.delayMs : backoffDelay(job.attempts, backoff);
      const retrying = await failJob(prisma, job, id, { error: message.slice(0, 2000), delayMs, now: now() });
      logger.warn(
        { jobId: job.id, queue: job.queue, attempts: job.attempts, retrying, err: error },
        'job failed',
      );
    }
  }

  async function fillOnce(): Promise<void> {
    while (!abort.signal.aborted && running.size < concurrency) {
      const current = now();
      const jobs = await claimJobs(prisma, {
        queues,
        workerId: id,
        limit: concurrency - running.size,
        now: current,
        staleBefore: new Date(current.getTime() - lockTimeoutMs),
      });
      if (jobs.length === 0) return;
      for (const job of jobs) {
        const promise = runJob(job)
          .catch((error: unknown) => logger.error({ err: error, jobId: job.id }, 'job bookkeeping failed'))
          .finally(() => {
            running.delete(job.id);
            wake();
          });
        running.set(job.id, promise);
      }
    }
  }

  /** Claims until the worker is full or nothing is due; overlapping calls fold into one more pass. */
  function wake(): void {
    if (!started || abort.signal.aborted) return;
    if (filling) {
      fillAgain = true;
      return;
    }
    filling = fillOnce()
      .catch((error: unknown) => logger.error({ err: error }, 'claiming jobs failed'))
      .finally(() => {
        filling = undefined;
        if (fillAgain) {
          fillAgain = false;
          wake();
        }
      });
  }

  function runPeriodic(task: PeriodicTask): void {
    if (abort.signal.aborted) return;
    task
      .run()
      .then(wake, (error: unknown) => logger.error({ err: error, task: task.name }, 'periodic task failed'));
  }

  return {
    id,
    start() {
      if (started) return;
      started = true;
      timers.push(setInterval(wake, pollIntervalMs));
      timers.push(
        setInterval(() => {
          renewLocks(prisma, [...running.keys()], id, now()).catch((error: unknown) =>
            logger.error({ err: error }, 'renewing job locks failed'),
          );
        }, lockTimeoutMs / 3),
      );
      for (const task of periodicTasks) {
        runPeriodic(task);
        timers.push(setInterval(() => runPeriodic(task), task.intervalMs));
      }
      wake();
    },
    wake,
    async stop() {
      abort.abort();
      for (const timer of timers.splice(0)) clearInterval(timer);
      await filling;
      await Promise.all(running.values());
    },
  };
}
