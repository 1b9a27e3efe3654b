import type { PrismaClient } from '@confide/db';
import { parse as parseCookies } from 'cookie';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../shared/errors.ts';
import { hashSecret } from './secrets.ts';
import { anonymousViewer, staffViewer, tokenViewer, type Viewer } from './viewer.ts';

export const sessionCookieName = 'confide_session';

// Last-used times are informational; writing them at most once a minute keeps reads cheap.
const touchIntervalMs = 60_000;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

/**
 * Works out who is calling from the request headers. A bearer token that is unknown, expired or
 * revoked is refused outright (401), as GitHub does; a stale session cookie just means anonymous,
 * so the console can show its sign-in page.
 */
export async function authenticate(
  prisma: PrismaClient,
  headers: { authorization?: string | undefined; cookie?: string | undefined },
  now: Date,
): Promise<Viewer> {
  const authorization = headers.authorization?.trim();
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    return authenticateToken(prisma, match[1], now);
  }
  const sessionToken = headers.cookie ? parseCookies(headers.cookie)[sessionCookieName] : undefined;
  return sessionToken ? authenticateSession(prisma, sessionToken, now) : anonymousViewer;
}

async function authenticateToken(prisma: PrismaClient, token: string, now: Date): Promise<Viewer> {
  const record = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) {
    throw unauthenticated('The API token is unknown, expired or revoked');
  }
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > touchIntervalMs) {
    await prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return tokenViewer(record);
}

async function authenticateSession(prisma: PrismaClient, token: string, now: Date): Promise<Viewer> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { staffUser: true },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || session.staffUser.disabledAt) {
    return anonymousViewer;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs) {
    await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return staffViewer(session.staffUser, session.id);
}
