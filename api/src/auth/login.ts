import type { PrismaClient } from '@confide/db';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import { keyedHash } from '../shared/client-ip.ts';
import type { AppConfig } from '../shared/config.ts';
import { DomainError } from '../shared/errors.ts';
import { hitRateLimit, type RateLimit, type RateLimitHit } from '../shared/rate-limit.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { normalizeStaffEmail, staffAccountSelect, type StaffAccountRow } from '../staff/staff-account.ts';
import { verifyPassword } from './password.ts';
import { generateSecret, hashSecret } from './secrets.ts';

/**
 * Failed sign-ins allowed per fixed 15-minute window: per account (slows guessing one password)
 * and per IP hash (slows trying many accounts from one place). Successful attempts do not count.
 */
export const loginRateLimits = {
  account: { name: 'login:account', limit: 10, windowSeconds: 15 * 60 },
  ip: { name: 'login:ip', limit: 50, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimit>;

export interface LoginDependencies {
  prisma: PrismaClient;
  config: Pick<AppConfig, 'sessionTtlHours' | 'ipHashSecret'>;
  now: () => Date;
  audit: AuditRecorder;
  ipHash: string | null;
  userAgent?: string | null | undefined;
}

export interface LoginInput {
  email: string;
  password: string;
}

export type LoginResult =
  | { ok: true; staffUser: StaffAccountRow; sessionId: string; sessionToken: string; expiresAt: Date }
  | { ok: false; userError: UserErrorData };

const invalidCredentials: UserErrorData = {
  field: ['input'],
  message: 'The email or password is incorrect',
  code: 'INVALID_CREDENTIALS',
};

/** The rate-limit key of an email: a keyed hash, so attempted addresses are never stored. */
export function loginAccountKey(email: string, secret: string): string {
  return keyedHash('login-email', normalizeStaffEmail(email), secret);
}

function rateLimited(hit: RateLimitHit): DomainError {
  return new DomainError('RATE_LIMITED', 'Too many failed sign-in attempts; try again later', {
    retryAfterSeconds: hit.retryAfterSeconds,
  });
}

/**
 * Signs a staff member in: checks the rate limits, the password (in constant-ish time whether or
 * not the account exists) and that the account is enabled, then opens a server-side session. The
 * caller sets the cookie from `sessionToken`; only its SHA-256 is stored.
 */
export async function login(dependencies: LoginDependencies, input: LoginInput): Promise<LoginResult> {
  const { prisma, config, audit, ipHash } = dependencies;
  if (!config.ipHashSecret) throw new Error('The IP hash secret is not configured');
  const now = dependencies.now();
  const email = normalizeStaffEmail(input.email);

  // The IP is checked first, so attempts from a blocked address do not also lock the account out.
  const ipHit = await hitRateLimit(prisma, loginRateLimits.ip, ipHash ?? 'unknown', now);
  if (!ipHit.allowed) {
    audit.record({ action: 'auth.login.rate_limited', details: { limit: 'ip', ipHash } });
    throw rateLimited(ipHit);
  }
  const accountHit = await hitRateLimit(
    prisma,
    loginRateLimits.account,
    loginAccountKey(email, config.ipHashSecret),
    now,
  );
  if (!accountHit.allowed) {
    audit.record({ action: 'auth.login.rate_limited', details: { limit: 'account', ipHash } });
    throw rateLimited(accountHit);
  }

  const staffUser = email.length <= 320 ? await prisma.staffUser.findUnique({ where: { email } }) : null;
  const passwordMatches = await verifyPassword(staffUser?.passwordHash, input.password);
  if (!staffUser || !passwordMatches) {
    audit.record({
      action: 'auth.login.failed',
      ...(staffUser && { targetType: 'StaffMember', targetIds: [staffUser.id] }),
      details: { reason: staffUser ? 'wrong_password' : 'unknown_account', ipHash },
    });
    return { ok: false, userError: invalidCredentials };
  }
  if (staffUser.disabledAt) {
    audit.record({
      action: 'auth.login.failed',
      targetType: 'StaffMember',
      targetIds: [staffUser.id],
      details: { reason: 'disabled', ipHash },
    });
    return {
      ok: false,
      userError: { field: ['input'], message: 'This account is disabled', code: 'ACCOUNT_DISABLED' },
    };
  }

  await Promise.all([ipHit.release(), accountHit.release()]);
  const sessionToken = generateSecret();
  const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000);
  const [session, updated] = await prisma.$transaction([
    prisma.session.create({
      data: {
        tokenHash: hashSecret(sessionToken),
        staffUserId: staffUser.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        userAgent: dependencies.userAgent?.slice(0, 300) ?? null,
      },
      select: { id: true },
    }),
    prisma.staffUser.update({
      where: { id: staffUser.id },
      data: { lastLoginAt: now },
      select: staffAccountSelect,
    }),
  ]);
  audit.record({
    action: 'auth.login.succeeded',
    targetType: 'StaffMember',
    targetIds: [staffUser.id],
    details: { sessionId: session.id, ipHash },
  });
  return {
    ok: true,
    staffUser: updated,
    sessionId: session.id,
    sessionToken,
    expiresAt,
  };
}
