import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PrismaClient, RetentionRun as RetentionRunRow } from '@confide/db';
import type { Logger } from '../shared/logger.ts';
import { startSweep, type SweepRequest } from './run-sweep.ts';

export interface RetentionSweeperOptions {
  prisma: PrismaClient;
  clock: () => Date;
  logger: Logger;
  /** Minutes between scheduled sweeps (RETENTION_SWEEP_INTERVAL_MINUTES). */
  intervalMinutes: number;
  /** Whether `start` schedules sweeps (RETENTION_SWEEP_SCHEDULED); manual sweeps work either way. */
  scheduled: boolean;
  /**
   * Delay before the first look at the schedule after start (default a minute), so starting stays
   * fast and an instance that restarts in a loop does not sweep on every start.
   */
  firstCheckDelayMs?: number;
  batchSize?: number;
}

/** The system actor scheduled sweeps are audited as. */
const scheduleActor = { type: 'SYSTEM' as const, id: null, label: 'retention schedule' };

/**
 * Runs retention sweeps for one API instance: on the schedule, and in the background when staff ask
 * for one. The schedule is shared through the database: every instance wakes up, sweeps only when
 * the last scheduled sweep (by any instance) is an interval old, and the sweep lease lets only one
 * of them delete at a time. `stop` ends a sweep in flight after its current batch.
 */
export class RetentionSweeper {
  readonly #options: RetentionSweeperOptions;
  readonly #holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #abort = new AbortController();
  readonly #inFlight = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RetentionSweeperOptions) {
    this.#options = options;
  }

  /** Starts the schedule, when enabled. */
  start(): void {
    if (this.#options.scheduled) this.#arm(this.#options.firstCheckDelayMs ?? 60_000);
  }

  /**
   * Starts a sweep and returns its run once recorded: a dry run finished, a real sweep RUNNING with
   * the deleting continuing in the background (its counts grow on the run as batches commit). Null
   * when another sweep holds the lease.
   */
  async begin(request: SweepRequest): Promise<RetentionRunRow | null> {
    return (await this.#begin(request))?.run ?? null;
  }

  async #begin(request: SweepRequest): Promise<{ run: RetentionRunRow; done: Promise<unknown> } | null> {
    const started = await this.#track(
      startSweep(
        {
          prisma: this.#options.prisma,
          clock: this.#options.clock,
          holder: this.#holder,
          batchSize: this.#options.batchSize,
        },
        request,
      ),
    );
    if (!started) return null;
    const done = started.finish
      ? this.#track(started.finish(this.#abort.signal)).catch((error: unknown) =>
          this.#options.logger.error({ err: error, runId: started.run.id }, 'retention sweep failed'),
        )
      : Promise.resolve();
    return { run: started.run, done };
  }

  /** Resolves when no sweep of this instance is running. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops the schedule and any sweep in flight (after its current batch), and waits for them. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort.abort();
    await this.settled();
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inFlight.add(promise);
    const forget = () => this.#inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  #arm(delayMs: number): void {
    if (this.#abort.signal.aborted) return;
    // setTimeout's ceiling is about 24.8 days; longer waits simply look again.
    // Tracked, so `stop` also waits for a look at the schedule that is under way.
    this.#timer = setTimeout(
      () => void this.#track(this.#tick()),
      Math.min(Math.max(0, delayMs), 2 ** 31 - 1),
    );
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    const intervalMs = this.#options.intervalMinutes * 60_000;
    let nextCheckMs = intervalMs;
    try {
      const last = await this.#options.prisma.retentionRun.findFirst({
        where: { trigger: 'SCHEDULE', dryRun: false },
        orderBy: { startedAt: 'desc' },
        select: { startedAt: true },
      });
      const dueInMs = last ? last.startedAt.getTime() + intervalMs - this.#options.clock().getTime() : 0;
      if (dueInMs > 0) {
        nextCheckMs = dueInMs;
      } else if (!this.#abort.signal.aborted) {
        const started = await this.#begin({
          siteId: null,
          dryRun: false,
          trigger: 'SCHEDULE',
          triggeredById: null,
          actor: scheduleActor,
          requestId: null,
        });
        await started?.done;
        if (!started) this.#options.logger.info('retention sweep skipped: another instance is sweeping');
      }
    } catch (error) {
      this.#options.logger.error({ err: error }, 'retention schedule check failed');
    }
    this.#arm(nextCheckMs);
  }
}
