import { Prisma, type PrismaClient } from '@confide/db';

/** The Job row whose unique `singletonKey` lets only one sweeper delete at a time, on any instance. */
const sweepJobKey = 'retention-sweep';

/**
 * A lease older than this was left by a sweeper that died (a live one renews it with every batch),
 * so another instance may take it over.
 */
export const sweepLeaseTimeoutMs = 10 * 60_000;

export class SweepLeaseLostError extends Error {
  constructor() {
    super('Another sweeper took over the retention lease; this sweep stopped');
    this.name = 'SweepLeaseLostError';
  }
}

export interface SweepLease {
  jobId: string;
  holder: string;
  /** Extends the lease inside a batch's transaction; throws SweepLeaseLostError when it is gone. */
  renew(transaction: Prisma.TransactionClient, now: Date): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the sweep lease for `holder`, or returns null while another sweeper holds a live one. Works
 * the same on PostgreSQL and PGlite: the Job table's unique `singletonKey` decides, not a session
 * advisory lock (Prisma's pool does not keep a session, and PGlite has only one).
 */
export async function acquireSweepLease(
  prisma: PrismaClient,
  holder: string,
  now: Date,
): Promise<SweepLease | null> {
  const payload = { holder };
  let jobId: string;
  try {
    const job = await prisma.job.create({
      data: {
        queue: 'retention',
        payload,
        status: 'RUNNING',
        singletonKey: sweepJobKey,
        lockedAt: now,
        lockedBy: holder,
        runAt: now,
        createdAt: now,
      },
      select: { id: true },
    });
    jobId = job.id;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    const staleBefore = new Date(now.getTime() - sweepLeaseTimeoutMs);
    const { count } = await prisma.job.updateMany({
      where: { singletonKey: sweepJobKey, lockedAt: { lt: staleBefore } },
      data: { lockedAt: now, lockedBy: holder, payload },
    });
    if (count === 0) return null;
    const job = await prisma.job.findUnique({ where: { singletonKey: sweepJobKey }, select: { id: true } });
    if (!job) return null;
    jobId = job.id;
  }
  return {
    jobId,
    holder,
    async renew(transaction, at) {
      const { count } = await transaction.job.updateMany({
        where: { id: jobId, lockedBy: holder },
        data: { lockedAt: at },
      });
      if (count === 0) throw new SweepLeaseLostError();
    },
    async release() {
      await prisma.job.deleteMany({ where: { id: jobId, lockedBy: holder } });
    },
  };
}
