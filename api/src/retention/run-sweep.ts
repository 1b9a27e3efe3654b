import type { PrismaClient, RetentionRun as RetentionRunRow, RetentionTrigger } from '@confide/db';
import { appendAuditEvents, type AuditActor } from '../audit/audit-log.ts';
import { acquireSweepLease } from './sweep-lease.ts';
import { countDueRecords, countSkippedOnHold, deleteDueRecords } from './sweep.ts';

export interface SweepRequest {
  /** One site, or null for every site. */
  siteId: string | null;
  dryRun: boolean;
  trigger: RetentionTrigger;
  /** The staff member who asked for a manual sweep. */
  triggeredById: string | null;
  /** Who the audit event names: the caller, or the system for scheduled sweeps. */
  actor: AuditActor;
  /** The HTTP request that asked for it, to correlate audit events. */
  requestId: string | null;
}

export interface SweepEnvironment {
  prisma: PrismaClient;
  clock: () => Date;
  /** Names this sweeper in the lease (instance and process). */
  holder: string;
  batchSize?: number;
}

export interface StartedSweep {
  /** The run as stored when the sweep started: RUNNING for a real sweep, COMPLETED for a dry run. */
  run: RetentionRunRow;
  /** For a real sweep, the deletion still to do; resolves with the finished (or failed) run. */
  finish?: (signal?: AbortSignal) => Promise<RetentionRunRow>;
}

/**
 * Starts a retention sweep. A dry run counts what is due and is finished when this returns. A real
 * sweep first takes the lease that only one sweeper across all instances can hold (null when another
 * holds it), records the run as RUNNING, and leaves the deleting to `finish`, which the caller may
 * run in the background. Each run ends with one "retention.sweep" audit event naming its counts.
 */
export async function startSweep(
  environment: SweepEnvironment,
  request: SweepRequest,
): Promise<StartedSweep | null> {
  const { prisma, clock } = environment;
  const startedAt = clock();
  const scope = { siteId: request.siteId, asOf: startedAt };
  const runData = {
    siteId: request.siteId,
    trigger: request.trigger,
    triggeredById: request.triggeredById,
    dryRun: request.dryRun,
    startedAt,
  };
  if (request.dryRun) {
    const { counts, skippedOnHold } = await countDueRecords(prisma, scope);
    const run = await prisma.retentionRun.create({
      data: { ...runData, status: 'COMPLETED', finishedAt: clock(), counts, skippedOnHold },
    });
    await auditRun(environment, request, run);
    return { run };
  }

  const lease = await acquireSweepLease(prisma, environment.holder, startedAt);
  if (!lease) return null;
  const run = await prisma.retentionRun.create({ data: runData }).catch(async (error: unknown) => {
    await lease.release();
    throw error;
  });
  // Holding the lease, no other sweep can be running: one still marked so died with its sweeper.
  await prisma.retentionRun.updateMany({
    where: { status: 'RUNNING', dryRun: false, id: { not: run.id } },
    data: { status: 'FAILED', finishedAt: startedAt, error: 'Its sweeper stopped without finishing' },
  });

  const finish = async (signal?: AbortSignal): Promise<RetentionRunRow> => {
    let finished: RetentionRunRow;
    try {
      const counts = await deleteDueRecords(prisma, {
        ...scope,
        runId: run.id,
        lease,
        clock,
        batchSize: environment.batchSize,
        signal,
      });
      const skippedOnHold = await countSkippedOnHold(prisma, scope);
      finished = await prisma.retentionRun.update({
        where: { id: run.id },
        data: { status: 'COMPLETED', finishedAt: clock(), counts, skippedOnHold },
      });
    } catch (error) {
      // Counts stay as the last committed batch left them: what was really deleted.
      finished = await prisma.retentionRun.update({
        where: { id: run.id },
        data: { status: 'FAILED', finishedAt: clock(), error: (error as Error).message.slice(0, 1000) },
      });
    } finally {
      await lease.release();
    }
    await auditRun(environment, request, finished);
    return finished;
  };
  return { run, finish };
}

async function auditRun(environment: SweepEnvironment, request: SweepRequest, run: RetentionRunRow) {
  await appendAuditEvents(
    environment.prisma,
    request.actor,
    request.requestId,
    [
      {
        action: run.dryRun ? 'retention.dry_run' : 'retention.sweep',
        targetType: 'RetentionRun',
        targetIds: [run.id],
        details: {
          siteId: run.siteId,
          trigger: run.trigger,
          status: run.status,
          counts: run.counts ?? {},
          skippedOnHold: run.skippedOnHold,
        },
      },
    ],
    environment.clock(),
  );
}
