import { describe, expect, it } from 'vitest';
import { joinedRowsOf } from './joined-rows.ts';

describe('joinedRowsOf', () => {
  it('splits each row’s prefixed columns into its joined rows, null where the outer join found none', () => {
    const rows = [
      { id: 'c1', 'lead.id': 'l1', 'lead.name': 'Ada', 'lastMessage.id': 'm1', 'lastMessage.text': 'Hi' },
      { id: 'c2', 'lead.id': null, 'lead.name': null, 'lastMessage.id': 'm2', 'lastMessage.text': 'Yo' },
    ];
    const copies = structuredClone(rows);
    const joined = joinedRowsOf(rows);
    expect(joined.map((groups) => Object.fromEntries(groups))).toEqual([
      { lead: { id: 'l1', name: 'Ada' }, lastMessage: { id: 'm1', text: 'Hi' } },
      { lead: null, lastMessage: { id: 'm2', text: 'Yo' } },
    ]);
    expect(rows).toEqual(copies);
  });

  it('gives nothing for no rows, and no groups for rows without prefixed columns', () => {
    expect(joinedRowsOf([])).toEqual([]);
    expect(joinedRowsOf([{ id: 'c1' }])).toEqual([new Map()]);
  });
});
