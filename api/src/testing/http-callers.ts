import { randomUUID } from 'node:crypto';
import type { PrismaClient, Role } from '@confide/db';
import { sessionCookieName } from '../auth/authenticate.ts';
import type { Permission } from '../auth/policy.ts';
import { apiTokenPrefix, generateSecret, hashSecret } from '../auth/secrets.ts';

/** Someone calling the API over HTTP: the headers that say who they are. */
export interface HttpCaller {
  label: string;
  headers: Record<string, string>;
}

export const anonymousCaller: HttpCaller = { label: 'anonymous', headers: {} };

/**
 * A staff member with `roles` and a live session, signed in by writing the rows directly (the
 * cookie carries the session token; the database holds only its hash).
 */
export async function createStaffCaller(
  prisma: PrismaClient,
  roles: Role[],
  now = new Date(),
): Promise<HttpCaller & { staffUserId: string; sessionId: string }> {
  const label = roles.length > 0 ? roles.join('+').toLowerCase() : 'no-role';
  const user = await prisma.staffUser.create({
    data: {
      email: `${label}-${randomUUID()}@confide.test`,
      name: `Test ${label}`,
      // Not an argon2 hash: nobody can sign in with a password as this user.
      passwordHash: 'test-only',
      roles,
    },
  });
  const token = generateSecret();
  const session = await prisma.session.create({
    data: {
      tokenHash: hashSecret(token),
      staffUserId: user.id,
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
  });
  return {
    label: `staff ${label}`,
    headers: { cookie: `${sessionCookieName}=${token}` },
    staffUserId: user.id,
    sessionId: session.id,
  };
}

/** An integrator's API token with `scopes`, sent as a Bearer header. */
export async function createTokenCaller(
  prisma: PrismaClient,
  scopes: Permission[],
): Promise<HttpCaller & { tokenId: string }> {
  const token = generateSecret(apiTokenPrefix);
  const name = `test ${scopes.join(' ') || 'no scopes'}`;
  const record = await prisma.apiToken.create({
    data: { name, tokenHash: hashSecret(token), tokenPrefix: token.slice(0, 8), scopes },
  });
  return {
    label: `token ${scopes.join(',')}`,
    headers: { authorization: `Bearer ${token}` },
    tokenId: record.id,
  };
}

export interface GraphqlHttpResponse {
  status: number;
  contentType: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** POSTs one GraphQL operation as `caller` and parses the JSON answer. */
export async function postGraphql(
  url: string,
  caller: HttpCaller,
  operation: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
): Promise<GraphqlHttpResponse> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...caller.headers, ...headers },
    body: JSON.stringify(operation),
  });
  const text = await response.text();
  let body: GraphqlHttpResponse['body'];
  try {
    body = JSON.parse(text) as GraphqlHttpResponse['body'];
  } catch {
    throw new Error(`Expected JSON from /graphql, got ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}

/** The `extensions.code` of each error, for compact assertions. */
export function errorCodes(response: GraphqlHttpResponse): unknown[] {
  return (response.body.errors ?? []).map((error) => error.extensions?.code);
}
