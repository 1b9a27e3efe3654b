import { describe, expect, it } from 'vitest';

import { formatTimeLeft } from './time-left.ts';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('formatTimeLeft', () => {
  it('counts days and hours ahead', () => {
    expect(formatTimeLeft('2026-11-25T16:30:00Z', now)).toBe('3 d 4 h left');
  });

  it('counts hours and minutes on the last day', () => {
    expect(formatTimeLeft('2026-11-22T17:10:00Z', now)).toBe('5 h 10 min left');
  });

  it('says how long ago an overdue request fell due', () => {
    expect(formatTimeLeft('2026-11-20T11:00:00Z', now)).toBe('overdue by 2 d 1 h');
  });
});
