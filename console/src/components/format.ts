const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** A timestamp from the API as "3 Nov 2026, 14:05" in the viewer's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** A timestamp or date from the API as "3 Nov 2026". */
export function formatDate(iso: string | null | undefined): string {
  return iso ? date.format(new Date(iso)) : '—';
}

/** Whole days as "today", "in 1 day", "in 12 days". */
export function formatDaysLeft(days: number): string {
  if (days <= 0) return 'due today';
  return days === 1 ? 'in 1 day' : `in ${days} days`;
}

/** Enum values such as LEGITIMATE_INTEREST as "Legitimate interest". */
export function humanize(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A local calendar date (yyyy-mm-dd, from a date input) as the UTC instant its day starts. */
export function startOfLocalDay(day: string): string {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, dayOfMonth ?? 1).toISOString();
}

/** The instant `days` whole days after the start of a local calendar date. */
export function addLocalDays(day: string, days: number): string {
  const start = new Date(startOfLocalDay(day));
  start.setDate(start.getDate() + days);
  return start.toISOString();
}

/** Today's local calendar date as yyyy-mm-dd. */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
