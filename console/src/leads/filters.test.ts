import { describe, expect, it } from 'vitest';

import { leadFilterArgument, leadFiltersToParams, parseLeadFilters } from './filters.ts';

const parse = (query: string) => parseLeadFilters(new URLSearchParams(query));

describe('lead filters in the URL', () => {
  it('reads repeated statuses in the table order and drops unknown ones', () => {
    expect(
      parse('status=QUALIFIED&status=NEW&status=LOST&owner=me&exported=no&site=U2l0ZTox&q=acme'),
    ).toEqual({
      search: 'acme',
      statuses: ['NEW', 'QUALIFIED'],
      siteId: 'U2l0ZTox',
      owner: 'me',
      exported: false,
    });
  });

  it('round-trips through the URL, leaving nothing for no filters', () => {
    const query = 'q=acme&status=NEW&status=ENGAGED&site=U2l0ZTox&owner=me&exported=yes';
    expect(leadFiltersToParams(parse(query)).toString()).toBe(query);
    expect(leadFiltersToParams(parse('owner=someone&exported=perhaps')).toString()).toBe('');
  });
});

describe('leadFilterArgument', () => {
  it('maps "mine" to the viewer and leaves out empty conditions', () => {
    expect(leadFilterArgument(parse('owner=me&status=NEW'), 'S1')).toEqual({
      ownerId: 'S1',
      statuses: ['NEW'],
    });
    expect(leadFilterArgument(parse(''), 'S1')).toEqual({});
  });
});
