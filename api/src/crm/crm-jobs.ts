import type { JobHandler, PeriodicTask } from '../jobs/job-worker.ts';
import { enqueuePendingErasures, erasureQueue, propagateErasure } from './crm-erasure-jobs.ts';
import {
  exportBatchQueue,
  exportPlanQueue,
  planExport,
  sendExportBatch,
  type CrmJobDependencies,
} from './export-jobs.ts';

/** The CRM domain's job queues and their handlers, for the server's job worker. */
export function crmJobHandlers(deps: CrmJobDependencies): Record<string, JobHandler> {
  return {
    [exportPlanQueue]: (job) => planExport(deps, job, (job.payload as { exportId: string }).exportId),
    [exportBatchQueue]: (job) =>
      sendExportBatch(deps, job, job.payload as { exportId: string; itemIds: string[] }),
    [erasureQueue]: (job) => propagateErasure(deps, job, job.payload as { erasureId: string }),
  };
}

/** Picks up CRM erasures queued by privacy erasures (rows, not jobs) every `intervalMs`. */
export function crmPeriodicTasks(deps: CrmJobDependencies, intervalMs: number): PeriodicTask[] {
  return [
    {
      name: 'crm.erasure.enqueue',
      intervalMs,
      run: async () => {
        await enqueuePendingErasures(deps);
      },
    },
  ];
}
