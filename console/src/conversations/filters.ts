import { addLocalDays, startOfLocalDay } from '../components/format.ts';
import type { Channel, ConversationFilter } from '../graphql/generated/graphql.ts';

/** The conversation list's search and filters, as kept in the page's URL so a view can be shared. */
export interface ConversationFilters {
  search: string;
  siteId: string | null;
  channel: Channel | null;
  /** First and last day (yyyy-mm-dd, local) of the last message, both included. */
  from: string | null;
  to: string | null;
  country: string | null;
  hasLead: boolean | null;
  /** Only conversations due for deletion within this many days. */
  expiringWithinDays: number | null;
}

export const expiringChoices = [7, 30] as const;
const channels: readonly Channel[] = ['WIDGET', 'AI_PAGE'];
const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Reads the filters from the URL; anything malformed is ignored rather than sent to the API. */
export function parseConversationFilters(params: URLSearchParams): ConversationFilters {
  const channel = params.get('channel');
  const country = params.get('country')?.trim().toUpperCase() ?? '';
  const lead = params.get('lead');
  const expiring = Number(params.get('expiring'));
  return {
    search: params.get('q')?.slice(0, 200) ?? '',
    siteId: params.get('site') || null,
    channel: channels.find((value) => value === channel) ?? null,
    from: isDay(params.get('from')) ? params.get('from') : null,
    to: isDay(params.get('to')) ? params.get('to') : null,
    country: /^[A-Z]{2}$/.test(country) ? country : null,
    hasLead: lead === 'yes' ? true : lead === 'no' ? false : null,
    expiringWithinDays: (expiringChoices as readonly number[]).includes(expiring) ? expiring : null,
  };
}

/** The URL parameters for these filters; empty filters leave no trace. */
export function conversationFiltersToParams(filters: ConversationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set('q', filters.search);
  if (filters.siteId) params.set('site', filters.siteId);
  if (filters.channel) params.set('channel', filters.channel);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.country) params.set('country', filters.country);
  if (filters.hasLead !== null) params.set('lead', filters.hasLead ? 'yes' : 'no');
  if (filters.expiringWithinDays !== null) params.set('expiring', String(filters.expiringWithinDays));
  return params;
}

/**
 * The `search` and `filter` arguments of `conversations`. "Expiring within N days" counts whole days
 * from the start of `today`, so the variables (and Apollo's cache key) stay the same all day.
 */
export function conversationQueryArguments(
  filters: ConversationFilters,
  today: string,
): { search: string | null; filter: ConversationFilter } {
  const filter: ConversationFilter = {};
  if (filters.siteId) filter.siteIds = [filters.siteId];
  if (filters.channel) filter.channel = filters.channel;
  if (filters.from) filter.lastMessageAfter = startOfLocalDay(filters.from);
  if (filters.to) filter.lastMessageBefore = addLocalDays(filters.to, 1);
  if (filters.country) filter.country = filters.country;
  if (filters.hasLead !== null) filter.hasLead = filters.hasLead;
  if (filters.expiringWithinDays !== null) {
    filter.expiringBefore = addLocalDays(today, filters.expiringWithinDays + 1);
  }
  const search = filters.search.trim();
  return { search: search === '' ? null : search, filter };
}
