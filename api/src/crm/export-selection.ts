import type { LeadSource, LeadStatus, Prisma } from '@confide/db';
import { leadWhere, type LeadFilter } from '../leads/list-leads.ts';

/** Most leads one export may carry, whether named by id or matched by a filter. */
export const maxExportLeads = 100_000;
/** Most lead ids one exportLeads call or CSV download may name (a page or a bulk selection). */
export const maxExportLeadIds = 1_000;

/** `CrmExport.selection` and CSV selections as stored: database ids, dates as ISO strings. */
export type StoredSelection =
  | { leadIds: string[] }
  | {
      filter: {
        siteIds?: string[] | null;
        statuses?: LeadStatus[] | null;
        ownerId?: string | null;
        source?: LeadSource | null;
        createdAfter?: string | null;
        createdBefore?: string | null;
        exported?: boolean | null;
      };
    };

export function storeSelection(selection: { leadIds: string[] } | { filter: LeadFilter }): StoredSelection {
  if ('leadIds' in selection) return { leadIds: selection.leadIds };
  const { filter } = selection;
  return {
    filter: {
      ...filter,
      createdAfter: filter.createdAfter?.toISOString() ?? null,
      createdBefore: filter.createdBefore?.toISOString() ?? null,
    },
  };
}

/** The Prisma condition a stored selection stands for, limited to one site when given. */
export function selectionWhere(selection: StoredSelection, siteId?: string): Prisma.LeadWhereInput {
  const base: Prisma.LeadWhereInput =
    'leadIds' in selection
      ? { id: { in: selection.leadIds } }
      : leadWhere({
          ...selection.filter,
          createdAfter: selection.filter.createdAfter ? new Date(selection.filter.createdAfter) : null,
          createdBefore: selection.filter.createdBefore ? new Date(selection.filter.createdBefore) : null,
        });
  return siteId === undefined ? base : { AND: [base, { siteId }] };
}
