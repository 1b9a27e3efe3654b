import type { CrmExport as CrmExportRow, Prisma } from '@confide/db';
import { databaseIdOf } from '../leads/lead-changes.ts';
import type { LeadFilter } from '../leads/list-leads.ts';
import { enqueueJobs } from '../jobs/job-queue.ts';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { exportPlanQueue } from './export-jobs.ts';
import {
  maxExportLeadIds,
  maxExportLeads,
  selectionWhere,
  storeSelection,
  type StoredSelection,
} from './export-selection.ts';

export interface ExportLeadsInput {
  /** Global id of the connection. */
  connectionId: string;
  /** Global ids of the leads; exclusive with `filter`. */
  leadIds?: string[] | null;
  /** Every lead of the connection's site matching it; exclusive with `leadIds`. */
  filter?: LeadFilter | null;
}

export interface ExportLeadsResult {
  crmExport: CrmExportRow | null;
  userErrors: UserErrorData[];
}

/**
 * Accepts an export and returns at once: the export row and its planning job are written in one
 * transaction, and the job worker does the rest (selection, gating, batches, retries). Audited as
 * "crm.export.create"; the worker audits which leads it sent.
 */
export async function exportLeads(
  context: RequestContext,
  input: ExportLeadsInput,
): Promise<ExportLeadsResult> {
  const { prisma, viewer } = context;
  const connectionId = databaseIdOf(input.connectionId, 'CrmConnection');
  const connection = connectionId
    ? await prisma.crmConnection.findUnique({ where: { id: connectionId } })
    : null;
  const refuse = (userErrors: UserErrorData[]) => ({ crmExport: null, userErrors });
  if (!connection) {
    return refuse([
      { field: ['input', 'connectionId'], code: 'NOT_FOUND', message: 'No CRM connection has this id' },
    ]);
  }
  if (connection.disabledAt) {
    return refuse([
      { field: ['input', 'connectionId'], code: 'INVALID', message: 'The CRM connection is disabled' },
    ]);
  }
  const selection = await validateSelection(context, input);
  if ('userErrors' in selection) return refuse(selection.userErrors);
  // Named leads of another site are kept, to be skipped with that reason; a filter only reaches the site's own.
  const matching =
    'leadIds' in selection
      ? selection.leadIds.length
      : await prisma.lead.count({ where: selectionWhere(selection, connection.siteId) });
  if ('filter' in selection && matching > maxExportLeads) {
    return refuse([
      {
        field: ['input', 'filter'],
        code: 'TOO_MANY',
        message: `The filter matches ${matching} leads; one export takes at most ${maxExportLeads}`,
      },
    ]);
  }
  if (matching === 0) {
    return refuse([
      {
        field: ['input', 'filter'],
        code: 'NOT_FOUND',
        message: "The filter matches no lead of the connection's site",
      },
    ]);
  }
  const crmExport = await prisma.$transaction(async (transaction) => {
    const created = await transaction.crmExport.create({
      data: {
        connectionId: connection.id,
        requestedById: viewer.kind === 'staff' ? viewer.staffUserId : null,
        apiTokenId: viewer.kind === 'token' ? viewer.tokenId : null,
        selection: selection as Prisma.InputJsonObject,
        createdAt: context.now(),
      },
    });
    await enqueueJobs(transaction, exportPlanQueue, [{ exportId: created.id }]);
    return created;
  });
  context.audit.record({
    action: 'crm.export.create',
    targetType: 'CrmExport',
    targetIds: [crmExport.id],
    details: {
      connectionId: connection.id,
      kind: connection.kind,
      selection: 'leadIds' in selection ? 'ids' : 'filter',
      matching,
    },
  });
  return { crmExport, userErrors: [] };
}

async function validateSelection(
  context: RequestContext,
  input: ExportLeadsInput,
): Promise<StoredSelection | { userErrors: UserErrorData[] }> {
  if ((input.leadIds == null) === (input.filter == null)) {
    return {
      userErrors: [
        { field: ['input'], code: 'REQUIRED', message: 'Give either leadIds or filter, not both' },
      ],
    };
  }
  if (!input.leadIds) return storeSelection({ filter: input.filter! });
  if (input.leadIds.length === 0) {
    return { userErrors: [{ field: ['input', 'leadIds'], code: 'REQUIRED', message: 'No lead ids given' }] };
  }
  if (input.leadIds.length > maxExportLeadIds) {
    return {
      userErrors: [
        {
          field: ['input', 'leadIds'],
          code: 'TOO_MANY',
          message: `At most ${maxExportLeadIds} lead ids per export; select by filter for more`,
        },
      ],
    };
  }
  const decoded = input.leadIds.map((globalId) => databaseIdOf(globalId, 'Lead'));
  const found = new Set(
    (
      await context.prisma.lead.findMany({
        where: { id: { in: decoded.filter((id): id is string => id !== undefined) } },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  const userErrors = decoded.flatMap((id, index): UserErrorData[] =>
    id !== undefined && found.has(id)
      ? []
      : [{ field: ['input', 'leadIds', String(index)], code: 'NOT_FOUND', message: 'No lead has this id' }],
  );
  return userErrors.length > 0 ? { userErrors } : storeSelection({ leadIds: [...found] });
}
