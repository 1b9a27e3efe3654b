import { randomBytes } from 'node:crypto';
import { Role, type PrismaClient } from '@confide/db';
import { appendAuditEvents } from '../audit/audit-log.ts';
import { hashPassword } from '../auth/password.ts';
import type { AppConfig } from '../shared/config.ts';
import { normalizeStaffEmail } from './staff-account.ts';

export const defaultAdminEmail = 'admin@localhost';

export interface FirstAdmin {
  email: string;
  /** Set when the password was generated: shown once at start, stored nowhere in the clear. */
  generatedPassword: string | undefined;
}

/**
 * Makes sure someone can administer the installation: when no enabled staff account holds the
 * ADMIN role, creates one from ADMIN_EMAIL/ADMIN_PASSWORD (an existing account with that email is
 * given the role instead), or with a generated password the caller prints once. Does nothing, and
 * returns undefined, when an admin exists (e.g. the demo data's).
 */
export async function ensureFirstAdmin(
  prisma: PrismaClient,
  config: Pick<AppConfig, 'initialAdmin'>,
  now: Date,
): Promise<FirstAdmin | undefined> {
  // Raw SQL: the PGlite adapter cannot bind an enum value for Prisma's `roles: { has: … }`.
  const admins = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM "StaffUser" WHERE 'ADMIN'::"Role" = ANY("roles") AND "disabledAt" IS NULL LIMIT 1`;
  if (admins.length > 0) return undefined;

  const email = normalizeStaffEmail(config.initialAdmin.email ?? defaultAdminEmail);
  const configuredPassword = config.initialAdmin.password;
  const existing = await prisma.staffUser.findUnique({ where: { email } });
  const actor = { type: 'SYSTEM' as const, id: null, label: 'first start' };
  if (existing) {
    const roles = [...new Set([...existing.roles, Role.ADMIN])].sort();
    await prisma.staffUser.update({
      where: { id: existing.id },
      data: {
        roles,
        disabledAt: null,
        ...(configuredPassword && { passwordHash: await hashPassword(configuredPassword) }),
      },
    });
    const changes = { roles: { from: existing.roles, to: roles }, disabled: false };
    await appendAuditEvents(
      prisma,
      actor,
      null,
      [{ action: 'staff.update', targetType: 'StaffMember', targetIds: [existing.id], details: { changes } }],
      now,
    );
    return { email, generatedPassword: undefined };
  }

  const generatedPassword = configuredPassword ? undefined : randomBytes(18).toString('base64url');
  const created = await prisma.staffUser.create({
    data: {
      email,
      name: 'Administrator',
      roles: [Role.ADMIN],
      passwordHash: await hashPassword(configuredPassword ?? (generatedPassword as string)),
    },
    select: { id: true },
  });
  await appendAuditEvents(
    prisma,
    actor,
    null,
    [
      {
        action: 'staff.create',
        targetType: 'StaffMember',
        targetIds: [created.id],
        details: { roles: [Role.ADMIN] },
      },
    ],
    now,
  );
  return { email, generatedPassword };
}
