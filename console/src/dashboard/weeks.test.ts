import { describe, expect, it } from 'vitest';

import { recentWeeks } from './weeks.ts';

describe('recentWeeks', () => {
  it('covers the last 8 weeks up to the end of today, without gaps', () => {
    const weeks = recentWeeks('2026-11-22');
    expect(weeks).toHaveLength(8);
    expect(weeks.at(-1)?.end).toBe(new Date(2026, 10, 23).toISOString());
    expect(weeks[0]?.start).toBe(new Date(2026, 8, 28).toISOString());
    expect(weeks[0]?.label).toBe('28 Sept');
    for (let index = 1; index < weeks.length; index += 1) {
      expect(weeks[index]?.start).toBe(weeks[index - 1]?.end);
    }
  });
});
