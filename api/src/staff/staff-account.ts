import type { StaffUser } from '@confide/db';

/** The columns of a staff account the API works with; never the password hash. */
export type StaffAccountRow = Pick<
  StaffUser,
  'id' | 'name' | 'email' | 'roles' | 'disabledAt' | 'lastLoginAt' | 'createdAt'
>;

/** Prisma `select` for a StaffAccountRow. */
export const staffAccountSelect = {
  id: true,
  name: true,
  email: true,
  roles: true,
  disabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} as const satisfies Record<keyof StaffAccountRow, true>;

/** The form emails are stored and matched in: trimmed and lower-cased. */
export function normalizeStaffEmail(email: string): string {
  return email.trim().toLowerCase();
}
