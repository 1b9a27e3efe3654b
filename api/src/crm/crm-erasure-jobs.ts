import type { Prisma } from '@confide/db';
import { appendAuditEvents } from '../audit/audit-log.ts';
import { backoffDelay, enqueueJobs, type ClaimedJob } from '../jobs/job-queue.ts';
import { RetryJobLater } from '../jobs/job-worker.ts';
import { decryptText } from '../shared/encryption.ts';
import { CrmError } from './adapters/adapter.ts';
import { adapterFor } from './crm-connection-config.ts';
import { systemActor, type CrmJobDependencies } from './export-jobs.ts';

export const erasureQueue = 'crm.erasure';
/** Attempts per CRM erasure before it is recorded as FAILED on the receipt. */
export const erasureAttempts = 8;
const enqueueBatch = 500;

/**
 * Turns PENDING CrmErasure rows (inserted by a privacy erasure) into jobs, one per row; a row whose
 * job is already waiting or running is skipped by its singleton key.
 */
export async function enqueuePendingErasures(deps: Pick<CrmJobDependencies, 'prisma'>): Promise<number> {
  const pending = await deps.prisma.crmErasure.findMany({
    where: { status: 'PENDING' },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: enqueueBatch,
  });
  return enqueueJobs(
    deps.prisma,
    erasureQueue,
    pending.map((erasure) => ({ erasureId: erasure.id })),
    {
      maxAttempts: erasureAttempts,
      singletonKey: (payload) => `${erasureQueue}:${(payload as { erasureId: string }).erasureId}`,
    },
  );
}

/**
 * Sends one erasure to its CRM (HubSpot GDPR delete, Salesforce and Pipedrive deletion, a signed
 * webhook event), retrying with backoff. The outcome lands on the row (DONE or FAILED, the last
 * error, when), which the erasure receipt lists; the subject's encrypted email is dropped once the
 * erasure is final either way, so nothing identifying outlives it.
 */
export async function propagateErasure(
  deps: CrmJobDependencies,
  job: ClaimedJob,
  { erasureId }: { erasureId: string },
): Promise<void> {
  const { prisma } = deps;
  const erasure = await prisma.crmErasure.findUnique({
    where: { id: erasureId },
    include: { connection: true },
  });
  if (!erasure || erasure.status !== 'PENDING') return;
  const finish = async (data: Prisma.CrmErasureUpdateInput, action: string) => {
    const now = deps.now();
    await prisma.crmErasure.update({
      where: { id: erasureId },
      data: { ...data, attempts: { increment: 1 }, completedAt: now, subjectEncrypted: null },
    });
    await appendAuditEvents(
      prisma,
      systemActor,
      null,
      [
        {
          action,
          targetType: 'ErasureReceipt',
          targetIds: [erasure.receiptId],
          details: { erasureId, connectionId: erasure.connectionId, kind: erasure.connection.kind },
        },
      ],
      now,
    );
  };
  try {
    const email = erasure.subjectEncrypted ? decryptText(erasure.subjectEncrypted, deps.encryptionKey) : null;
    await adapterFor(erasure.connection, deps.encryptionKey, deps.now).erase({
      crmRecordId: erasure.crmRecordId,
      email,
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const retryable = !(error instanceof CrmError) || error.retryable;
    if (retryable && job.attempts < job.maxAttempts) {
      await prisma.crmErasure.update({
        where: { id: erasureId },
        data: { attempts: { increment: 1 }, lastError: message },
      });
      const delayMs =
        (error instanceof CrmError ? error.retryAfterMs : undefined) ??
        backoffDelay(job.attempts, deps.backoff);
      throw new RetryJobLater(message, delayMs);
    }
    await finish({ status: 'FAILED', lastError: message }, 'crm.erasure.fail');
    return;
  }
  await finish({ status: 'DONE', lastError: null }, 'crm.erasure.send');
}
