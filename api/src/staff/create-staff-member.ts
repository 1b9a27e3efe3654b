import { Prisma, type PrismaClient, type Role } from '@confide/db';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { normalizeStaffEmail, staffAccountSelect, type StaffAccountRow } from './staff-account.ts';

export interface CreateStaffMemberDependencies {
  prisma: PrismaClient;
  now: () => Date;
  audit: AuditRecorder;
}

export interface CreateStaffMemberInput {
  email: string;
  name: string;
  roles: Role[];
  password: string;
}

export type CreateStaffMemberResult =
  { ok: true; account: StaffAccountRow } | { ok: false; userErrors: UserErrorData[] };

export const maximumStaffNameLength = 200;

const emailTaken: UserErrorData = {
  field: ['input', 'email'],
  message: 'A staff account with this email already exists',
  code: 'TAKEN',
};

/** Problems with a display name, shared by create and update. */
export function staffNameProblems(name: string): UserErrorData[] {
  if (name === '')
    return [{ field: ['input', 'name'], message: 'Give the staff member a name', code: 'REQUIRED' }];
  if (name.length > maximumStaffNameLength) {
    return [
      {
        field: ['input', 'name'],
        message: `The name must be at most ${maximumStaffNameLength} characters long`,
        code: 'TOO_LONG',
      },
    ];
  }
  return [];
}

/** An admin creates a staff account with an initial password (argon2id) and at least one role. */
export async function createStaffMember(
  { prisma, now, audit }: CreateStaffMemberDependencies,
  input: CreateStaffMemberInput,
): Promise<CreateStaffMemberResult> {
  const email = normalizeStaffEmail(input.email);
  const name = input.name.trim();
  const roles = [...new Set(input.roles)].sort();
  const userErrors = staffNameProblems(name);
  if (roles.length === 0) {
    userErrors.push({
      field: ['input', 'roles'],
      message: 'Give the staff member at least one role',
      code: 'REQUIRED',
    });
  }
  const problem = passwordProblem(input.password);
  if (problem) userErrors.push({ field: ['input', 'password'], ...problem });
  if (userErrors.length > 0) return { ok: false, userErrors };
  if (await prisma.staffUser.findUnique({ where: { email }, select: { id: true } })) {
    return { ok: false, userErrors: [emailTaken] };
  }

  let account: StaffAccountRow;
  try {
    account = await prisma.staffUser.create({
      data: { email, name, roles, passwordHash: await hashPassword(input.password), createdAt: now() },
      select: staffAccountSelect,
    });
  } catch (error) {
    // Another request created the same email between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return { ok: false, userErrors: [emailTaken] };
    }
    throw error;
  }
  audit.record({
    action: 'staff.create',
    targetType: 'StaffMember',
    targetIds: [account.id],
    details: { roles },
  });
  return { ok: true, account };
}
