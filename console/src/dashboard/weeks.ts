import { addLocalDays } from '../components/format.ts';

export const weekCount = 8;

export interface Week {
  /** Label of the first day, e.g. "3 Nov". */
  label: string;
  start: string;
  end: string;
}

const dayLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/**
 * The last `weekCount` seven-day periods ending with today (local days), oldest first, as half-open
 * [start, end) instants for the API's …After/…Before filters.
 */
export function recentWeeks(today: string): Week[] {
  return Array.from({ length: weekCount }, (_, index) => {
    const daysBack = (weekCount - index) * 7 - 1;
    const start = addLocalDays(today, -daysBack);
    return { label: dayLabel.format(new Date(start)), start, end: addLocalDays(today, -daysBack + 7) };
  });
}
