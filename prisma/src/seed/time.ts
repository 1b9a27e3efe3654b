import type { DeadlineUnit } from '../../generated/client/client.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Calendar months, clamped to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return result;
}

/**
 * A deadline `days` after `from` in the policy's unit. Business days skip Saturdays, Sundays and
 * `holidays`, counted in UTC (good enough for demo data; the api owns the timezone-aware rule).
 */
export function addDeadline(from: Date, days: number, unit: DeadlineUnit, holidays: readonly Date[]): Date {
  if (unit === 'CALENDAR_DAYS') return addDays(from, days);
  const closed = new Set(holidays.map(isoDate));
  let date = from;
  for (let remaining = days; remaining > 0;) {
    date = addDays(date, 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.has(isoDate(date))) remaining--;
  }
  return date;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
