import { describe, expect, it } from 'vitest';

import { csvFileName } from './download-leads-csv.ts';

describe('csvFileName', () => {
  it('takes the name the server suggests', () => {
    expect(csvFileName('attachment; filename="leads-2026-11-22.csv"', '2026-01-01')).toBe(
      'leads-2026-11-22.csv',
    );
  });

  it('falls back to a dated name without one', () => {
    expect(csvFileName(null, '2026-11-22')).toBe('leads-2026-11-22.csv');
    expect(csvFileName('attachment', '2026-11-22')).toBe('leads-2026-11-22.csv');
  });
});
