import type { PrismaClient } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from '../shared/database.ts';
import { createLogger } from '../shared/logger.ts';
import { cancelQueuedJobs, enqueueJobs } from './job-queue.ts';
import { createJobWorker, RetryJobLater, type JobHandler, type JobWorker } from './job-worker.ts';

const logger = createLogger({ logLevel: 'silent', environment: 'test' });

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databaseKinds)('the job worker on %s', (kind) => {
  let database: Database;
  let prisma: PrismaClient;
  const workers: JobWorker[] = [];

  function startWorker(handlers: Record<string, JobHandler>, concurrency = 3): JobWorker {
    const worker = createJobWorker({
      prisma,
      logger,
      handlers,
      concurrency,
      pollIntervalMs: 30,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    workers.push(worker);
    worker.start();
    return worker;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    prisma = database.prisma;
  });
  beforeEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await prisma.job.deleteMany();
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await database?.close();
  });

  it('runs every job once, never more than `concurrency` at a time, and marks them done', async () => {
    await enqueueJobs(
      prisma,
      'test.count',
      Array.from({ length: 12 }, (_, index) => ({ index })),
    );
    const seen: number[] = [];
    let active = 0;
    let peak = 0;
    startWorker(
      {
        'test.count': async (job) => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 15));
          seen.push((job.payload as { index: number }).index);
          active -= 1;
        },
      },
      3,
    );
    await until(async () => (await prisma.job.count({ where: { status: 'DONE' } })) === 12);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, index) => index));
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    const rows = await prisma.job.findMany();
    expect(rows.every((row) => row.attempts === 1 && row.lockedBy === null && row.finishedAt)).toBe(true);
  });

  it('retries a failing job with growing delays and gives up after maxAttempts', async () => {
    await enqueueJobs(prisma, 'test.fail', [{}], { maxAttempts: 3 });
    const attemptTimes: number[] = [];
    startWorker({
      'test.fail': async () => {
        attemptTimes.push(Date.now());
        throw new Error('remote said no');
      },
    });
    await until(async () => (await prisma.job.count({ where: { status: 'FAILED' } })) === 1);
    const job = await prisma.job.findFirstOrThrow();
    expect(job).toMatchObject({ attempts: 3, lastError: 'remote said no', lockedBy: null });
    expect(attemptTimes).toHaveLength(3);
    // Backoff 20 ms, then 40 ms.
    expect(attemptTimes[1]! - attemptTimes[0]!).toBeGreaterThanOrEqual(15);
    expect(attemptTimes[2]! - attemptTimes[1]!).toBeGreaterThanOrEqual(35);
  });

  it('honours the delay a handler asks for', async () => {
    await enqueueJobs(prisma, 'test.later', [{}]);
    let calls = 0;
    startWorker({
      'test.later': async () => {
        calls += 1;
        if (calls === 1) throw new RetryJobLater('rate limited', 60_000);
      },
    });
    await until(async () => (await prisma.job.findFirstOrThrow()).status === 'QUEUED' && calls === 1);
    const job = await prisma.job.findFirstOrThrow();
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(job.lastError).toBe('rate limited');
  });

  it('takes over a job whose worker died (stale lock) and leaves fresh locks alone', async () => {
    const old = new Date(Date.now() - 10 * 60_000);
    await prisma.job.createMany({
      data: [
        {
          queue: 'test.stale',
          payload: { name: 'stale' },
          status: 'RUNNING',
          lockedAt: old,
          lockedBy: 'dead',
          attempts: 1,
        },
        {
          queue: 'test.stale',
          payload: { name: 'fresh' },
          status: 'RUNNING',
          lockedAt: new Date(),
          lockedBy: 'alive',
          attempts: 1,
        },
      ],
    });
    const ran: string[] = [];
    startWorker({
      'test.stale': async (job) => {
        ran.push((job.payload as { name: string }).name);
      },
    });
    await until(async () => (await prisma.job.count({ where: { status: 'DONE' } })) === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toEqual(['stale']);
    const fresh = await prisma.job.findFirstOrThrow({ where: { lockedBy: 'alive' } });
    expect(fresh.status).toBe('RUNNING');
  });

  it('hands running jobs back without counting the attempt when stopped, and another worker finishes them', async () => {
    await enqueueJobs(prisma, 'test.long', [{}]);
    let started = false;
    const first = startWorker({
      'test.long': (_job, signal) =>
        new Promise<void>((_resolve, reject) => {
          started = true;
          signal.addEventListener('abort', () => reject(new Error('stopping')));
        }),
    });
    await until(async () => started);
    await first.stop();
    const released = await prisma.job.findFirstOrThrow();
    expect(released).toMatchObject({ status: 'QUEUED', attempts: 0, lockedBy: null });

    startWorker({ 'test.long': async () => {} });
    await until(async () => (await prisma.job.findFirstOrThrow()).status === 'DONE');
    expect((await prisma.job.findFirstOrThrow()).attempts).toBe(1);
  });

  it('keeps one queued job per singleton key and frees the key when it finishes', async () => {
    expect(await enqueueJobs(prisma, 'test.single', [{}], { singletonKey: () => 'only-one' })).toBe(1);
    expect(await enqueueJobs(prisma, 'test.single', [{}], { singletonKey: () => 'only-one' })).toBe(0);
    startWorker({ 'test.single': async () => {} });
    await until(async () => (await prisma.job.findFirstOrThrow()).status === 'DONE');
    expect((await prisma.job.findFirstOrThrow()).singletonKey).toBeNull();
    expect(await enqueueJobs(prisma, 'test.single', [{}], { singletonKey: () => 'only-one' })).toBe(1);
  });

  it('cancels the queued jobs whose payload names a key', async () => {
    await enqueueJobs(prisma, 'test.cancel', [{ exportId: 'a' }, { exportId: 'a' }, { exportId: 'b' }]);
    expect(await cancelQueuedJobs(prisma, 'test.cancel', 'exportId', 'a', new Date())).toBe(2);
    const rows = await prisma.job.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => row.status).sort()).toEqual(['CANCELLED', 'CANCELLED', 'QUEUED']);
  });
});
