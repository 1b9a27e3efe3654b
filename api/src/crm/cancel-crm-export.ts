import type { CrmExport as CrmExportRow } from '@confide/db';
import { cancelQueuedJobs } from '../jobs/job-queue.ts';
import { databaseIdOf } from '../leads/lead-changes.ts';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { exportBatchQueue, exportPlanQueue } from './export-jobs.ts';

/**
 * Cancels a queued or running export: its waiting jobs are cancelled and a batch already in flight
 * records what the CRM answered, but no further batch is sent. Leads not sent stay PENDING. Audited
 * as "crm.export.cancel".
 */
export async function cancelCrmExport(
  context: RequestContext,
  input: { id: string },
): Promise<{ crmExport: CrmExportRow | null; userErrors: UserErrorData[] }> {
  const { prisma } = context;
  const id = databaseIdOf(input.id, 'CrmExport');
  const existing = id ? await prisma.crmExport.findUnique({ where: { id } }) : null;
  if (!existing) {
    return {
      crmExport: null,
      userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'No CRM export has this id' }],
    };
  }
  const now = context.now();
  const cancelled = await prisma.$transaction(async (transaction) => {
    const { count } = await transaction.crmExport.updateMany({
      where: { id: existing.id, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { status: 'CANCELLED', cancelledAt: now, finishedAt: now },
    });
    if (count === 0) return false;
    for (const queue of [exportPlanQueue, exportBatchQueue]) {
      await cancelQueuedJobs(transaction, queue, 'exportId', existing.id, now);
    }
    return true;
  });
  if (!cancelled) {
    return {
      crmExport: null,
      userErrors: [
        {
          field: ['input', 'id'],
          code: 'INVALID',
          message: `The export is already ${existing.status.toLowerCase()}`,
        },
      ],
    };
  }
  context.audit.record({ action: 'crm.export.cancel', targetType: 'CrmExport', targetIds: [existing.id] });
  return {
    crmExport: await prisma.crmExport.findUniqueOrThrow({ where: { id: existing.id } }),
    userErrors: [],
  };
}
