import { describe, expect, it } from 'vitest';

import {
  conversationFiltersToParams,
  conversationQueryArguments,
  parseConversationFilters,
} from './filters.ts';

const parse = (query: string) => parseConversationFilters(new URLSearchParams(query));

describe('conversation filters in the URL', () => {
  it('reads every filter', () => {
    expect(
      parse(
        'q=pricing&site=U2l0ZTox&channel=AI_PAGE&from=2026-11-01&to=2026-11-07&country=ua&lead=yes&expiring=7',
      ),
    ).toEqual({
      search: 'pricing',
      siteId: 'U2l0ZTox',
      channel: 'AI_PAGE',
      from: '2026-11-01',
      to: '2026-11-07',
      country: 'UA',
      hasLead: true,
      expiringWithinDays: 7,
    });
  });

  it('ignores malformed values instead of sending them to the API', () => {
    expect(parse('channel=FAX&from=yesterday&country=Ukraine&lead=maybe&expiring=3')).toEqual({
      search: '',
      siteId: null,
      channel: null,
      from: null,
      to: null,
      country: null,
      hasLead: null,
      expiringWithinDays: null,
    });
  });

  it('writes back what it read, and nothing for empty filters', () => {
    const query =
      'q=pricing&site=U2l0ZTox&channel=WIDGET&from=2026-11-01&to=2026-11-07&country=UA&lead=no&expiring=30';
    expect(conversationFiltersToParams(parse(query)).toString()).toBe(query);
    expect(conversationFiltersToParams(parse('q=%20%20&lead=')).toString()).toBe('');
  });
});

describe('conversationQueryArguments', () => {
  it('turns days into half-open instants and drops an empty search', () => {
    const { search, filter } = conversationQueryArguments(
      parse('q=%20&from=2026-11-01&to=2026-11-07'),
      '2026-11-22',
    );
    expect(search).toBeNull();
    expect(filter).toEqual({
      lastMessageAfter: new Date(2026, 10, 1).toISOString(),
      lastMessageBefore: new Date(2026, 10, 8).toISOString(),
    });
  });

  it('counts "expiring within 7 days" from the start of today, including the 7th day', () => {
    const { filter } = conversationQueryArguments(parse('expiring=7&lead=no&site=U2l0ZTox'), '2026-11-22');
    expect(filter).toEqual({
      expiringBefore: new Date(2026, 10, 30).toISOString(),
      hasLead: false,
      siteIds: ['U2l0ZTox'],
    });
  });

  it('trims the search text', () => {
    expect(conversationQueryArguments(parse('q=%20olena%20'), '2026-11-22').search).toBe('olena');
  });
});
