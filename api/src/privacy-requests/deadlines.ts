import type { DeadlineUnit, PrivacyRequestStatus, PrivacyRequestType, Site } from '@confide/db';
import { TZDate } from '@date-fns/tz';
import { addBusinessDays, addDays, endOfDay, format } from 'date-fns';

/** The policy fields deadlines are computed from. */
export type DeadlinePolicy = Pick<
  Site,
  | 'timezone'
  | 'holidays'
  | 'erasureDueDays'
  | 'erasureDueUnit'
  | 'examinationDueDays'
  | 'examinationDueUnit'
  | 'requestDueDays'
  | 'requestDueUnit'
  | 'requestMaxDueDays'
  | 'requestMaxDueUnit'
>;

/**
 * The end of the day `days` after `from` in the site's time zone: calendar days, or business days
 * skipping Saturdays, Sundays and the site's holidays (stored as dates). A deadline runs to the end
 * of its last day, as the policies count it ("within 7 business days").
 */
export function addDeadline(
  from: Date,
  days: number,
  unit: DeadlineUnit,
  policy: Pick<Site, 'timezone' | 'holidays'>,
): Date {
  const local = new TZDate(from, policy.timezone);
  if (unit === 'CALENDAR_DAYS') return new Date(endOfDay(addDays(local, days)).getTime());
  const closed = new Set(policy.holidays.map((day) => day.toISOString().slice(0, 10)));
  let date = local;
  for (let remaining = days; remaining > 0;) {
    date = addBusinessDays(date, 1);
    if (!closed.has(format(date, 'yyyy-MM-dd'))) remaining--;
  }
  // A request received on a weekend with zero days is due at the end of that day, like any other.
  return new Date(endOfDay(date).getTime());
}

export interface RequestDeadlines {
  /** When the request must be examined (003: 10 working days); null where the policy has none. */
  examinationDueAt: Date | null;
  /** When the request must be satisfied. */
  dueAt: Date;
  /** The latest a postponement may move `dueAt` to. */
  maxDueAt: Date;
}

/**
 * A request's deadlines from its site's policy at receipt: erasure has its own (000: 7 business
 * days), every other right the general one; data of a child is due at once.
 */
export function requestDeadlines(
  policy: DeadlinePolicy,
  type: PrivacyRequestType,
  receivedAt: Date,
  options: { immediate?: boolean } = {},
): RequestDeadlines {
  const due = (days: number, unit: DeadlineUnit) => addDeadline(receivedAt, days, unit, policy);
  const dueAt = options.immediate
    ? receivedAt
    : type === 'ERASURE'
      ? due(policy.erasureDueDays, policy.erasureDueUnit)
      : due(policy.requestDueDays, policy.requestDueUnit);
  return {
    examinationDueAt:
      policy.examinationDueDays === null || options.immediate
        ? null
        : due(policy.examinationDueDays, policy.examinationDueUnit),
    dueAt,
    maxDueAt: due(policy.requestMaxDueDays, policy.requestMaxDueUnit),
  };
}

export const closedStatuses: readonly PrivacyRequestStatus[] = ['COMPLETED', 'REJECTED'];

export function isOpen(status: PrivacyRequestStatus): boolean {
  return !closedStatuses.includes(status);
}
