import { randomUUID } from 'node:crypto';
import type { CrmExportItemStatus, CrmKind, PrismaClient } from '@confide/db';
import { appendAuditEvents, type AuditActor } from '../audit/audit-log.ts';
import { backoffDelay, enqueueJobs, type ClaimedJob } from '../jobs/job-queue.ts';
import { RetryJobLater } from '../jobs/job-worker.ts';
import type { Logger } from '../shared/logger.ts';
import { allOutcomes, CrmError, outcomeOfFailure, type SendOutcome } from './adapters/adapter.ts';
import { hubspotMaxBatch } from './adapters/hubspot.ts';
import { pipedriveBatchSize } from './adapters/pipedrive.ts';
import { salesforceMaxBatch } from './adapters/salesforce.ts';
import { webhookBatchSize } from './adapters/webhook.ts';
import { adapterFor } from './crm-connection-config.ts';
import { gateLeads } from './export-gating.ts';
import { maxExportLeads, selectionWhere, type StoredSelection } from './export-selection.ts';
import { refreshLeadRetention } from '../retention/lead-retention.ts';
import { toCrmLead } from './lead-mapping.ts';

export const exportPlanQueue = 'crm.export.plan';
export const exportBatchQueue = 'crm.export.batch';
/** Attempts per batch: rate limits and outages are retried with backoff this many times in all. */
export const exportBatchAttempts = 8;

/** Leads per CRM call: each CRM's documented batch limit. */
export const batchSizeOf: Record<CrmKind, number> = {
  HUBSPOT: hubspotMaxBatch,
  SALESFORCE: salesforceMaxBatch,
  PIPEDRIVE: pipedriveBatchSize,
  WEBHOOK: webhookBatchSize,
};

export const systemActor: AuditActor = { type: 'SYSTEM', id: null, label: 'crm export worker' };

export interface CrmJobDependencies {
  prisma: PrismaClient;
  encryptionKey: string;
  logger: Logger;
  now: () => Date;
  backoff: { baseMs: number; maxMs: number };
}

const idPageSize = 5_000;
/**
 * Planning writes up to `maxExportLeads` items in one transaction, and a busy database may take
 * longer than Prisma's 5-second default; the transaction holds no lock others wait for.
 */
const largeTransactionTimeoutMs = 120_000;

/**
 * Resolves an export's selection into one PENDING item per lead and one batch job per CRM call, in
 * one transaction, so a restart in the middle plans again from scratch. Runs only for QUEUED exports:
 * a cancelled or already planned one is left alone.
 */
export async function planExport(deps: CrmJobDependencies, job: ClaimedJob, exportId: string): Promise<void> {
  try {
    await plan(deps, exportId);
  } catch (error) {
    // Out of attempts: the export can never start, so say so instead of leaving it QUEUED.
    if (job.attempts >= job.maxAttempts) {
      await deps.prisma.crmExport.updateMany({
        where: { id: exportId, status: 'QUEUED' },
        data: { status: 'FAILED', finishedAt: deps.now() },
      });
    }
    throw error;
  }
}

async function plan(deps: CrmJobDependencies, exportId: string): Promise<void> {
  const { prisma, now } = deps;
  const crmExport = await prisma.crmExport.findUnique({
    where: { id: exportId },
    include: { connection: true },
  });
  if (!crmExport || crmExport.status !== 'QUEUED') return;
  const selection = crmExport.selection as StoredSelection;
  // Named leads of another site are planned and then skipped with that reason; a filter stays on the site.
  const where = selectionWhere(selection, 'leadIds' in selection ? undefined : crmExport.connection.siteId);
  const leadIds: string[] = [];
  // Keyset pages by id: the selection may be tens of thousands of leads.
  for (let after: string | undefined; leadIds.length <= maxExportLeads;) {
    const page = await prisma.lead.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      select: { id: true },
      orderBy: { id: 'asc' },
      take: idPageSize,
    });
    leadIds.push(...page.map((row) => row.id));
    if (page.length < idPageSize) break;
    after = page.at(-1)!.id;
  }
  const selected = leadIds.slice(0, maxExportLeads);
  const batchSize = batchSizeOf[crmExport.connection.kind];
  const started = now();
  const items = selected.map((leadId) => ({ id: randomUUID(), exportId, leadId, updatedAt: started }));
  const batches: { exportId: string; itemIds: string[] }[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    batches.push({ exportId, itemIds: items.slice(start, start + batchSize).map((item) => item.id) });
  }
  const planned = await prisma.$transaction(
    async (transaction) => {
      const claimed = await transaction.crmExport.updateMany({
        where: { id: exportId, status: 'QUEUED' },
        data:
          selected.length === 0
            ? { status: 'COMPLETED', total: 0, startedAt: started, finishedAt: started }
            : { status: 'RUNNING', total: selected.length, startedAt: started },
      });
      if (claimed.count === 0) return false;
      await transaction.crmExportItem.createMany({ data: items });
      await enqueueJobs(transaction, exportBatchQueue, batches, { maxAttempts: exportBatchAttempts });
      return true;
    },
    { timeout: largeTransactionTimeoutMs },
  );
  if (!planned) return;
  await appendAuditEvents(
    prisma,
    systemActor,
    null,
    [
      {
        action: 'crm.export.plan',
        targetType: 'Lead',
        targetIds: selected,
        details: {
          exportId,
          connectionId: crmExport.connectionId,
          kind: crmExport.connection.kind,
          total: selected.length,
        },
      },
    ],
    started,
  );
}

interface ItemResult {
  itemId: string;
  leadId: string | null;
  status: Exclude<CrmExportItemStatus, 'PENDING'>;
  crmRecordId?: string;
  crmRecordUrl?: string | null;
  message?: string;
}

/**
 * Sends one batch of an export. Gating is decided now, not when the export was asked for, so a
 * withdrawal or restriction since then still stops the lead. Leads the CRM took are recorded with
 * their CRM id (and the id kept per connection, so the next export updates them); refusals are
 * recorded with the CRM's message; rate limits and outages leave the items pending and retry the
 * job with backoff, honouring Retry-After.
 */
export async function sendExportBatch(
  deps: CrmJobDependencies,
  job: ClaimedJob,
  { exportId, itemIds }: { exportId: string; itemIds: string[] },
): Promise<void> {
  const { prisma, now } = deps;
  const crmExport = await prisma.crmExport.findUnique({
    where: { id: exportId },
    include: { connection: true },
  });
  if (!crmExport || crmExport.status !== 'RUNNING') return;
  const { connection } = crmExport;
  const items = await prisma.crmExportItem.findMany({
    where: { id: { in: itemIds }, exportId, status: 'PENDING' },
    include: { lead: true },
  });
  if (items.length === 0) return;

  const results: ItemResult[] = [];
  const leads = items.flatMap((item) => (item.lead ? [item.lead] : []));
  const [gates, records] = await Promise.all([
    gateLeads(prisma, leads, connection),
    prisma.crmRecord.findMany({
      where: { connectionId: connection.id, leadId: { in: leads.map((lead) => lead.id) } },
      select: { leadId: true, crmRecordId: true },
    }),
  ]);
  const sendable: typeof items = [];
  for (const item of items) {
    const reason = item.lead ? gates.get(item.lead.id) : 'The lead was deleted before it was sent';
    if (reason) results.push({ itemId: item.id, leadId: item.leadId, status: 'SKIPPED', message: reason });
    else sendable.push(item);
  }

  const lastAttempt = job.attempts >= job.maxAttempts;
  let retry: { message: string; delayMs: number } | undefined;
  if (sendable.length > 0 && connection.disabledAt) {
    for (const item of sendable) {
      results.push({
        itemId: item.id,
        leadId: item.leadId,
        status: 'FAILED',
        message: 'The CRM connection is disabled',
      });
    }
  } else if (sendable.length > 0) {
    const recordIds = new Map(records.map((record) => [record.leadId, record.crmRecordId]));
    const crmLeads = sendable.map((item) =>
      toCrmLead(
        { ...item.lead!, emailNormalized: item.lead!.emailNormalized! },
        recordIds.get(item.leadId!) ?? null,
      ),
    );
    let outcomes: Map<string, SendOutcome>;
    try {
      outcomes = await adapterFor(connection, deps.encryptionKey, now).send(crmLeads);
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      outcomes = allOutcomes(crmLeads, outcomeOfFailure(error));
    }
    for (const item of sendable) {
      const outcome = outcomes.get(item.leadId!) ?? {
        kind: 'failed',
        message: 'The CRM returned nothing for this lead',
      };
      if (outcome.kind === 'done') {
        results.push({
          itemId: item.id,
          leadId: item.leadId,
          status: 'DONE',
          crmRecordId: outcome.crmRecordId,
          crmRecordUrl: outcome.crmRecordUrl,
        });
      } else if (outcome.kind === 'failed' || lastAttempt) {
        results.push({ itemId: item.id, leadId: item.leadId, status: 'FAILED', message: outcome.message });
      } else {
        const delayMs = outcome.retryAfterMs ?? backoffDelay(job.attempts, deps.backoff);
        retry = { message: outcome.message, delayMs: Math.max(retry?.delayMs ?? 0, delayMs) };
      }
    }
  }

  await recordResults(deps, { exportId, connectionId: connection.id, kind: connection.kind }, results);
  if (retry) throw new RetryJobLater(retry.message, retry.delayMs);
}

/**
 * Writes a batch's outcomes in one transaction: items (only those still pending, so a batch run
 * twice counts once), the CRM id per lead and connection, `Lead.exportedAt` on a lead's first
 * export, and the export's counters, completing it when nothing is left.
 */
async function recordResults(
  deps: CrmJobDependencies,
  { exportId, connectionId, kind }: { exportId: string; connectionId: string; kind: CrmKind },
  results: ItemResult[],
): Promise<void> {
  if (results.length === 0) return;
  const { prisma } = deps;
  const now = deps.now();
  const changed = await prisma.$transaction(
    async (transaction) => {
      const updated = await transaction.$queryRaw<{ id: string; status: CrmExportItemStatus }[]>`
      UPDATE "CrmExportItem" AS item
      SET status = result.status::"CrmExportItemStatus", "crmRecordId" = result.record_id,
          "crmRecordUrl" = result.record_url, message = result.message,
          attempts = item.attempts + 1, "updatedAt" = ${now}
      FROM unnest(
        ${results.map((result) => result.itemId)}::uuid[],
        ${results.map((result) => result.status)}::text[],
        ${results.map((result) => result.crmRecordId ?? null)}::text[],
        ${results.map((result) => result.crmRecordUrl ?? null)}::text[],
        ${results.map((result) => result.message ?? null)}::text[]
      ) AS result(id, status, record_id, record_url, message)
      WHERE item.id = result.id AND item.status = 'PENDING'
      RETURNING item.id::text AS id, item.status`;
      const changedIds = new Set(updated.map((row) => row.id));
      const done = results.filter(
        (result) => result.status === 'DONE' && result.leadId && changedIds.has(result.itemId),
      );
      if (done.length > 0) {
        await transaction.$executeRaw`
        INSERT INTO "CrmRecord" ("leadId", "connectionId", "crmRecordId", "crmRecordUrl", "firstExportedAt", "lastExportedAt")
        SELECT record.lead_id, ${connectionId}::uuid, record.record_id, record.record_url, ${now}, ${now}
        FROM unnest(
          ${done.map((result) => result.leadId!)}::uuid[],
          ${done.map((result) => result.crmRecordId!)}::text[],
          ${done.map((result) => result.crmRecordUrl ?? null)}::text[]
        ) AS record(lead_id, record_id, record_url)
        ON CONFLICT ("leadId", "connectionId") DO UPDATE
        SET "crmRecordId" = EXCLUDED."crmRecordId", "crmRecordUrl" = EXCLUDED."crmRecordUrl",
            "lastExportedAt" = EXCLUDED."lastExportedAt"`;
        const exportedIds = done.map((result) => result.leadId!);
        await transaction.lead.updateMany({
          where: { id: { in: exportedIds }, exportedAt: null },
          data: { exportedAt: now, updatedAt: now },
        });
        // From its first export the lead follows the lead-retention rule instead of its conversation's clock.
        await refreshLeadRetention(transaction, exportedIds);
      }
      const count = (status: CrmExportItemStatus) => updated.filter((row) => row.status === status).length;
      const counters = await transaction.crmExport.update({
        where: { id: exportId },
        data: {
          done: { increment: count('DONE') },
          failed: { increment: count('FAILED') },
          skipped: { increment: count('SKIPPED') },
        },
      });
      if (
        counters.status === 'RUNNING' &&
        counters.done + counters.failed + counters.skipped >= counters.total
      ) {
        await transaction.crmExport.update({
          where: { id: exportId },
          data: { status: 'COMPLETED', finishedAt: now },
        });
      }
      return { done, updated };
    },
    { timeout: largeTransactionTimeoutMs },
  );
  if (changed.updated.length === 0) return;
  await appendAuditEvents(
    prisma,
    systemActor,
    null,
    [
      {
        action: 'crm.export.send',
        targetType: 'Lead',
        targetIds: changed.done.map((result) => result.leadId!),
        details: {
          exportId,
          connectionId,
          kind,
          done: changed.done.length,
          failed: changed.updated.filter((row) => row.status === 'FAILED').length,
          skipped: changed.updated.filter((row) => row.status === 'SKIPPED').length,
        },
      },
    ],
    now,
  );
}
