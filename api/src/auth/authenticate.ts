import type { PrismaClient } from '@confide/db';
import { parse as parseCookies } from 'cookie';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../shared/errors.ts';
import { hashSecret } from './secrets.ts';
import { anonymousViewer, staffViewer, tokenViewer, type Viewer } from './viewer.ts';

export const sessionCookieName = 'confide_session';

// Last-used times are informational; writing them at most once a minute keeps reads cheap.
const touchIntervalMs = 60_000;

/**
 * How long a valid token or session, once looked up, is trusted without asking the database again.
 * Revoking, signing out, changing a password and changing or disabling an account clear this
 * process's cache at once (`forgetCachedCredentials`); other API instances notice within this time.
 */
export const credentialCacheMs = 5_000;
// A burst of distinct credentials beyond this starts the cache afresh rather than growing it.
const maxCachedCredentials = 10_000;

interface CachedCredential {
  viewer: Viewer;
  /** The token's or session's own expiry, checked on every use. */
  expiresAt: Date | null;
  /** Monotonic time after which the database is asked again. */
  freshUntil: number;
}

/** Per Prisma client (one per database), keyed by the credential's hash: never the credential itself. */
const credentialCaches = new WeakMap<PrismaClient, Map<string, CachedCredential>>();

function credentialCache(prisma: PrismaClient): Map<string, CachedCredential> {
  let cache = credentialCaches.get(prisma);
  if (!cache) {
    cache = new Map();
    credentialCaches.set(prisma, cache);
  }
  return cache;
}

/** Drops every cached token and session lookup; call after revoking or narrowing any credential. */
export function forgetCachedCredentials(prisma: PrismaClient): void {
  credentialCaches.get(prisma)?.clear();
}

/**
 * The viewer behind a credential hash, from the cache or from `lookUp`, which answers undefined
 * for a credential that only means anonymous, or throws to refuse it. Refusals are not cached.
 */
async function cachedViewer(
  prisma: PrismaClient,
  credentialHash: string,
  now: Date,
  lookUp: () => Promise<{ viewer: Viewer; expiresAt: Date | null } | undefined>,
): Promise<Viewer> {
  const cache = credentialCache(prisma);
  const cached = cache.get(credentialHash);
  const clock = performance.now();
  if (cached && cached.freshUntil > clock && (cached.expiresAt === null || cached.expiresAt > now)) {
    return cached.viewer;
  }
  cache.delete(credentialHash);
  const found = await lookUp();
  if (!found) return anonymousViewer;
  if (cache.size >= maxCachedCredentials) cache.clear();
  cache.set(credentialHash, { ...found, freshUntil: clock + credentialCacheMs });
  return found.viewer;
}

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
  const tokenHash = hashSecret(token);
  return cachedViewer(prisma, tokenHash, now, async () => {
    const record = await prisma.apiToken.findUnique({ where: { tokenHash } });
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) {
      throw unauthenticated('The API token is unknown, expired or revoked');
    }
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > touchIntervalMs) {
      await prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
    }
    return { viewer: tokenViewer(record), expiresAt: record.expiresAt };
  });
}

async function authenticateSession(prisma: PrismaClient, token: string, now: Date): Promise<Viewer> {
  const tokenHash = hashSecret(token);
  return cachedViewer(prisma, tokenHash, now, async () => {
    const session = await prisma.session.findUnique({ where: { tokenHash }, include: { staffUser: true } });
    if (!session || session.revokedAt || session.expiresAt <= now || session.staffUser.disabledAt) {
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs) {
      await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
    }
    return { viewer: staffViewer(session.staffUser, session.id), expiresAt: session.expiresAt };
  });
}
