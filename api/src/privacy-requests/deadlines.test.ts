import { describe, expect, it } from 'vitest';
import { addDeadline, requestDeadlines, type DeadlinePolicy } from './deadlines.ts';

const northwind: DeadlinePolicy = {
  timezone: 'America/New_York',
  holidays: [new Date('2026-07-03T00:00:00.000Z')],
  erasureDueDays: 7,
  erasureDueUnit: 'BUSINESS_DAYS',
  examinationDueDays: null,
  examinationDueUnit: 'BUSINESS_DAYS',
  requestDueDays: 30,
  requestDueUnit: 'CALENDAR_DAYS',
  requestMaxDueDays: 90,
  requestMaxDueUnit: 'CALENDAR_DAYS',
};

describe('deadlines', () => {
  it('counts business days in the site time zone, skipping weekends and holidays, to the end of the day', () => {
    // Monday 29 June 2026, 09:00 in New York. Seven business days skip Friday 3 July (a holiday) and the weekend.
    const receivedAt = new Date('2026-06-29T13:00:00.000Z');
    // Tue 30, Wed 1, Thu 2, (Fri 3 holiday), Mon 6, Tue 7, Wed 8, Thu 9 → Thursday 9 July, 23:59:59.999 EDT.
    expect(addDeadline(receivedAt, 7, 'BUSINESS_DAYS', northwind).toISOString()).toBe(
      '2026-07-10T03:59:59.999Z',
    );
  });

  it('uses the local date, not the UTC one, to start counting', () => {
    // Friday 22:30 in New York is already Saturday in UTC; the first business day is still Monday.
    const fridayEvening = new Date('2026-06-27T02:30:00.000Z');
    expect(addDeadline(fridayEvening, 1, 'BUSINESS_DAYS', northwind).toISOString()).toBe(
      '2026-06-30T03:59:59.999Z',
    );
  });

  it('counts calendar days, with weekends and holidays', () => {
    const receivedAt = new Date('2026-06-29T13:00:00.000Z');
    expect(addDeadline(receivedAt, 30, 'CALENDAR_DAYS', northwind).toISOString()).toBe(
      '2026-07-30T03:59:59.999Z',
    );
  });

  it('gives erasure its own deadline, others the general one, and an examination deadline where the policy has one', () => {
    const receivedAt = new Date('2026-06-29T13:00:00.000Z');
    const kyiv = {
      ...northwind,
      timezone: 'Europe/Kyiv',
      holidays: [],
      erasureDueDays: 30,
      erasureDueUnit: 'CALENDAR_DAYS' as const,
      examinationDueDays: 10,
      requestMaxDueDays: 45,
    };
    const access = requestDeadlines(kyiv, 'ACCESS', receivedAt);
    // Ten working days from Monday 29 June: Monday 13 July, end of day in Kyiv (UTC+3).
    expect(access.examinationDueAt?.toISOString()).toBe('2026-07-13T20:59:59.999Z');
    expect(access.dueAt.toISOString()).toBe('2026-07-29T20:59:59.999Z');
    expect(access.maxDueAt.toISOString()).toBe('2026-08-13T20:59:59.999Z');
    expect(requestDeadlines(northwind, 'ERASURE', receivedAt).dueAt.toISOString()).toBe(
      '2026-07-10T03:59:59.999Z',
    );
    expect(requestDeadlines(northwind, 'ERASURE', receivedAt).examinationDueAt).toBeNull();
  });

  it("makes a child's data due at once", () => {
    const receivedAt = new Date('2026-06-29T13:00:00.000Z');
    const child = requestDeadlines(northwind, 'ERASURE', receivedAt, { immediate: true });
    expect(child.dueAt).toEqual(receivedAt);
    expect(child.examinationDueAt).toBeNull();
  });
});
