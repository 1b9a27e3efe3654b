import type { Prisma } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import {
  applyLeadChange,
  databaseIdOf,
  leadStateSelect,
  noteAuthorId,
  validateLeadChange,
  type LeadChangeInput,
  type LeadChangeOutcome,
} from './lead-changes.ts';
import { leadWhere, type LeadFilter } from './list-leads.ts';

/** Most leads one bulk update may touch, whether named by id or selected by a filter. */
export const maxBulkLeads = 500;

export interface BulkUpdateLeadsInput extends LeadChangeInput {
  /** Global ids of the leads; exclusive with `filter`. */
  ids?: string[] | null;
  /** Every lead the filter matches (at most `maxBulkLeads`); exclusive with `ids`. */
  filter?: LeadFilter | null;
}

export interface BulkUpdateLeadsResult {
  updatedCount: number;
  userErrors: UserErrorData[];
}

/**
 * Applies one change (status, owner, note) to many leads at once, all or nothing: any problem with
 * the selection or the change leaves every lead as it was. Writes one "lead.bulk_update" audit
 * event naming each changed lead with its old and new status and owner.
 */
export async function bulkUpdateLeads(
  context: RequestContext,
  input: BulkUpdateLeadsInput,
): Promise<BulkUpdateLeadsResult> {
  const { prisma } = context;
  const { change, userErrors } = await validateLeadChange(prisma, input);
  const selection = await selectLeads(context, input);
  userErrors.unshift(...selection.userErrors);
  if (userErrors.length > 0) return { updatedCount: 0, userErrors };

  const now = context.now();
  const authorId = noteAuthorId(context.viewer);
  const changes = await prisma.$transaction(async (transaction) => {
    const ids = selection.ids;
    await transaction.$queryRaw`SELECT 1 FROM "Lead" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const leads = await transaction.lead.findMany({ where: { id: { in: ids } }, select: leadStateSelect });
    const outcomes = leads.map((lead) => ({ id: lead.id, ...applyLeadChange(lead, change, now) }));
    // Leads needing the same columns written go in one UPDATE: a handful of statements, not one per lead.
    const groups = new Map<string, { data: Prisma.LeadUncheckedUpdateManyInput; ids: string[] }>();
    for (const outcome of outcomes) {
      if (Object.keys(outcome.data).length === 0 && change.note === undefined) continue;
      const key = JSON.stringify(outcome.data);
      const group = groups.get(key) ?? { data: outcome.data, ids: [] };
      group.ids.push(outcome.id);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      await transaction.lead.updateMany({
        where: { id: { in: group.ids } },
        data: { ...group.data, updatedAt: now },
      });
    }
    if (change.note !== undefined) {
      await transaction.leadNote.createMany({
        data: leads.map((lead) => ({
          leadId: lead.id,
          body: change.note as string,
          authorId,
          createdAt: now,
        })),
      });
    }
    return outcomes.filter(
      (outcome) => change.note !== undefined || outcome.statusChange || outcome.ownerChange,
    );
  });

  if (changes.length > 0) {
    context.audit.record({
      action: 'lead.bulk_update',
      targetType: 'Lead',
      targetIds: changes.map((outcome) => outcome.id),
      details: {
        selection: input.ids ? 'ids' : 'filter',
        fields: [
          ...(change.status !== undefined ? ['status'] : []),
          ...(change.ownerId !== undefined ? ['owner'] : []),
          ...(change.note !== undefined ? ['note'] : []),
        ],
        changes: changes.map((outcome) => auditChange(outcome)),
      },
    });
  }
  return { updatedCount: changes.length, userErrors: [] };
}

function auditChange(outcome: LeadChangeOutcome & { id: string }): Prisma.InputJsonObject {
  return {
    leadId: outcome.id,
    ...(outcome.statusChange && { status: outcome.statusChange }),
    ...(outcome.ownerChange && { owner: outcome.ownerChange }),
  };
}

/** The database ids the input selects, or why it selects nothing. */
async function selectLeads(
  context: RequestContext,
  input: BulkUpdateLeadsInput,
): Promise<{ ids: string[]; userErrors: UserErrorData[] }> {
  const { prisma } = context;
  if ((input.ids == null) === (input.filter == null)) {
    return {
      ids: [],
      userErrors: [
        {
          field: ['input'],
          code: 'REQUIRED',
          message: 'Give either ids or filter to select the leads, not both',
        },
      ],
    };
  }
  if (input.ids) {
    if (input.ids.length === 0) {
      return {
        ids: [],
        userErrors: [{ field: ['input', 'ids'], code: 'REQUIRED', message: 'No lead ids given' }],
      };
    }
    if (input.ids.length > maxBulkLeads) {
      return {
        ids: [],
        userErrors: [
          {
            field: ['input', 'ids'],
            code: 'TOO_MANY',
            message: `At most ${maxBulkLeads} leads may be updated at once (got ${input.ids.length})`,
          },
        ],
      };
    }
    const decoded = input.ids.map((globalId) => databaseIdOf(globalId, 'Lead'));
    const valid = [...new Set(decoded.filter((id): id is string => id !== undefined))];
    const found = new Set(
      (await prisma.lead.findMany({ where: { id: { in: valid } }, select: { id: true } })).map(
        (row) => row.id,
      ),
    );
    const userErrors = decoded.flatMap((id, index): UserErrorData[] =>
      id !== undefined && found.has(id)
        ? []
        : [{ field: ['input', 'ids', String(index)], code: 'NOT_FOUND', message: 'No lead has this id' }],
    );
    return { ids: [...found], userErrors };
  }
  const where = leadWhere(input.filter);
  const rows = await prisma.lead.findMany({ where, select: { id: true }, take: maxBulkLeads + 1 });
  if (rows.length > maxBulkLeads) {
    return {
      ids: [],
      userErrors: [
        {
          field: ['input', 'filter'],
          code: 'TOO_MANY',
          message: `The filter matches more than ${maxBulkLeads} leads; narrow it down`,
        },
      ],
    };
  }
  return { ids: rows.map((row) => row.id), userErrors: [] };
}
