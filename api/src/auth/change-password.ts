import type { PrismaClient } from '@confide/db';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import type { AppConfig } from '../shared/config.ts';
import { DomainError } from '../shared/errors.ts';
import { hitRateLimit } from '../shared/rate-limit.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { loginAccountKey, loginRateLimits } from './login.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import type { Viewer } from './viewer.ts';
import { forgetCachedCredentials } from './authenticate.ts';

export interface ChangePasswordDependencies {
  prisma: PrismaClient;
  config: Pick<AppConfig, 'ipHashSecret'>;
  now: () => Date;
  audit: AuditRecorder;
  viewer: Viewer;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * A signed-in staff member replaces their own password (e.g. the generated one printed at first
 * start). The current password is required, and wrong guesses count against the same per-account
 * limit as sign-in, so a stolen session cannot be used to guess it. Every other session of the
 * account ends.
 */
export async function changePassword(
  { prisma, config, now, audit, viewer }: ChangePasswordDependencies,
  input: ChangePasswordInput,
): Promise<UserErrorData[]> {
  if (viewer.kind !== 'staff') {
    throw new DomainError('FORBIDDEN', 'Only a signed-in staff member can change their password');
  }
  if (!config.ipHashSecret) throw new Error('The IP hash secret is not configured');
  const problem = passwordProblem(input.newPassword);
  if (problem) {
    return [{ field: ['input', 'newPassword'], ...problem }];
  }
  const at = now();
  const hit = await hitRateLimit(
    prisma,
    loginRateLimits.account,
    loginAccountKey(viewer.email, config.ipHashSecret),
    at,
  );
  if (!hit.allowed) {
    throw new DomainError('RATE_LIMITED', 'Too many wrong passwords; try again later', {
      retryAfterSeconds: hit.retryAfterSeconds,
    });
  }
  const account = await prisma.staffUser.findUniqueOrThrow({
    where: { id: viewer.staffUserId },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    audit.record({
      action: 'staff.password.change_failed',
      targetType: 'StaffMember',
      targetIds: [viewer.staffUserId],
    });
    return [
      {
        field: ['input', 'currentPassword'],
        message: 'The current password is incorrect',
        code: 'INVALID_CREDENTIALS',
      },
    ];
  }
  await hit.release();
  await prisma.$transaction([
    prisma.staffUser.update({
      where: { id: viewer.staffUserId },
      data: { passwordHash: await hashPassword(input.newPassword) },
    }),
    prisma.session.updateMany({
      where: { staffUserId: viewer.staffUserId, revokedAt: null, id: { not: viewer.sessionId } },
      data: { revokedAt: at },
    }),
  ]);
  forgetCachedCredentials(prisma);
  audit.record({
    action: 'staff.password.changed',
    targetType: 'StaffMember',
    targetIds: [viewer.staffUserId],
  });
  return [];
}
