import type { LeadFilter, LeadStatus } from '../graphql/generated/graphql.ts';
import { leadStatuses } from './lead-badges.tsx';

/** The leads table's search and filters, kept in the URL. */
export interface LeadFilters {
  search: string;
  statuses: LeadStatus[];
  siteId: string | null;
  /** "me": leads owned by the viewer. */
  owner: 'me' | null;
  exported: boolean | null;
}

/** Reads the filters from the URL (`status` may repeat); unknown values are dropped. */
export function parseLeadFilters(params: URLSearchParams): LeadFilters {
  const exported = params.get('exported');
  return {
    search: params.get('q')?.slice(0, 200) ?? '',
    statuses: leadStatuses.filter((status) => params.getAll('status').includes(status)),
    siteId: params.get('site') || null,
    owner: params.get('owner') === 'me' ? 'me' : null,
    exported: exported === 'yes' ? true : exported === 'no' ? false : null,
  };
}

export function leadFiltersToParams(filters: LeadFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set('q', filters.search);
  for (const status of filters.statuses) params.append('status', status);
  if (filters.siteId) params.set('site', filters.siteId);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.exported !== null) params.set('exported', filters.exported ? 'yes' : 'no');
  return params;
}

/** The `filter` argument of `leads` (and of `bulkUpdateLeads`, which takes no search). */
export function leadFilterArgument(filters: LeadFilters, viewerId: string): LeadFilter {
  const filter: LeadFilter = {};
  if (filters.statuses.length > 0) filter.statuses = filters.statuses;
  if (filters.siteId) filter.siteIds = [filters.siteId];
  if (filters.owner === 'me') filter.ownerId = viewerId;
  if (filters.exported !== null) filter.exported = filters.exported;
  return filter;
}
