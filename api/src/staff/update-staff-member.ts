import { Role, type Prisma, type PrismaClient } from '@confide/db';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { staffNameProblems } from './create-staff-member.ts';
import { staffAccountSelect, type StaffAccountRow } from './staff-account.ts';
import { forgetCachedCredentials } from '../auth/authenticate.ts';

export interface UpdateStaffMemberDependencies {
  prisma: PrismaClient;
  now: () => Date;
  audit: AuditRecorder;
  viewer: Viewer;
}

/** Fields left undefined (or null) are not changed. */
export interface UpdateStaffMemberInput {
  name?: string | null | undefined;
  roles?: Role[] | null | undefined;
  disabled?: boolean | null | undefined;
}

export type UpdateStaffMemberResult =
  { ok: true; account: StaffAccountRow } | { ok: false; userErrors: UserErrorData[] };

/**
 * An admin renames a staff member, changes their roles, or disables or re-enables the account.
 * Disabling ends every session at once. Admins cannot lock themselves out (remove their own ADMIN
 * role or disable themselves), which also guarantees that at least one admin always remains.
 */
export async function updateStaffMember(
  { prisma, now, audit, viewer }: UpdateStaffMemberDependencies,
  staffUserId: string,
  input: UpdateStaffMemberInput,
): Promise<UpdateStaffMemberResult> {
  const current = await prisma.staffUser.findUnique({
    where: { id: staffUserId },
    select: staffAccountSelect,
  });
  if (!current) {
    return {
      ok: false,
      userErrors: [{ field: ['input', 'id'], message: 'No staff member has this id', code: 'NOT_FOUND' }],
    };
  }
  const name = input.name?.trim();
  const roles = input.roles ? [...new Set(input.roles)].sort() : undefined;
  const userErrors: UserErrorData[] = name === undefined ? [] : staffNameProblems(name);
  if (roles?.length === 0) {
    userErrors.push({
      field: ['input', 'roles'],
      message: 'Give the staff member at least one role',
      code: 'REQUIRED',
    });
  }
  const isSelf = viewer.kind === 'staff' && viewer.staffUserId === staffUserId;
  if (isSelf && roles && !roles.includes(Role.ADMIN)) {
    userErrors.push({
      field: ['input', 'roles'],
      message: 'You cannot remove your own ADMIN role; ask another admin',
      code: 'SELF_LOCKOUT',
    });
  }
  if (isSelf && input.disabled === true) {
    userErrors.push({
      field: ['input', 'disabled'],
      message: 'You cannot disable your own account; ask another admin',
      code: 'SELF_LOCKOUT',
    });
  }
  if (userErrors.length > 0) return { ok: false, userErrors };

  const at = now();
  const disabling = input.disabled === true && current.disabledAt === null;
  const enabling = input.disabled === false && current.disabledAt !== null;
  const changes: Record<string, Prisma.InputJsonValue> = {};
  if (name !== undefined && name !== current.name) changes.name = true;
  if (roles && roles.join() !== [...current.roles].sort().join())
    changes.roles = { from: current.roles, to: roles };
  if (disabling || enabling) changes.disabled = disabling;
  if (Object.keys(changes).length === 0) return { ok: true, account: current };

  const account = await prisma.$transaction(async (transaction) => {
    const updated = await transaction.staffUser.update({
      where: { id: staffUserId },
      data: {
        ...(changes.name !== undefined && { name }),
        ...(changes.roles !== undefined && { roles }),
        ...(disabling && { disabledAt: at }),
        ...(enabling && { disabledAt: null }),
      },
      select: staffAccountSelect,
    });
    // Sessions of a disabled account are refused anyway; revoking them makes the end explicit and final.
    if (disabling) {
      await transaction.session.updateMany({
        where: { staffUserId, revokedAt: null },
        data: { revokedAt: at },
      });
    }
    return updated;
  });
  // Roles and the disabled flag are part of every cached session of this account.
  forgetCachedCredentials(prisma);
  // Names are personal data and may be erased; the event says that the name changed, not to what.
  audit.record({
    action: 'staff.update',
    targetType: 'StaffMember',
    targetIds: [staffUserId],
    details: { changes },
  });
  return { ok: true, account };
}
