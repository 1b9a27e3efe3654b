import type { PrismaClient } from '@confide/db';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import { tokenScopes, type Permission } from '../auth/policy.ts';
import { apiTokenPrefix, generateSecret, hashSecret } from '../auth/secrets.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import type { ApiTokenRecord } from './api-token.type.ts';

export interface CreateApiTokenDependencies {
  prisma: PrismaClient;
  now: () => Date;
  audit: AuditRecorder;
  viewer: Viewer;
}

export interface CreateApiTokenInput {
  name: string;
  scopes: Permission[];
  expiresAt?: Date | null | undefined;
}

export type CreateApiTokenResult =
  { ok: true; record: ApiTokenRecord; token: string } | { ok: false; userErrors: UserErrorData[] };

export const maximumTokenNameLength = 100;

/** Characters of the token kept for display: "cfd_" and 8 of the random part. */
export function displayPrefixOf(token: string): string {
  return token.slice(0, apiTokenPrefix.length + 8);
}

/**
 * Creates an integrator's token. The plaintext is returned to the caller exactly once and never
 * stored: the database keeps its SHA-256 and a short prefix for display. ADMIN is never a scope.
 */
export async function createApiToken(
  { prisma, now, audit, viewer }: CreateApiTokenDependencies,
  input: CreateApiTokenInput,
): Promise<CreateApiTokenResult> {
  const name = input.name.trim();
  const scopes = [...new Set(input.scopes)].sort();
  const userErrors: UserErrorData[] = [];
  if (name === '')
    userErrors.push({ field: ['input', 'name'], message: 'Give the token a name', code: 'REQUIRED' });
  if (name.length > maximumTokenNameLength) {
    userErrors.push({
      field: ['input', 'name'],
      message: `The name must be at most ${maximumTokenNameLength} characters long`,
      code: 'TOO_LONG',
    });
  }
  if (scopes.length === 0) {
    userErrors.push({
      field: ['input', 'scopes'],
      message: 'Give the token at least one scope',
      code: 'REQUIRED',
    });
  }
  const allowed = new Set<string>(tokenScopes);
  if (scopes.some((scope) => !allowed.has(scope))) {
    userErrors.push({
      field: ['input', 'scopes'],
      message: 'A token cannot hold this scope',
      code: 'INVALID',
    });
  }
  const at = now();
  if (input.expiresAt && input.expiresAt <= at) {
    userErrors.push({
      field: ['input', 'expiresAt'],
      message: 'The expiry must be in the future',
      code: 'INVALID',
    });
  }
  if (userErrors.length > 0) return { ok: false, userErrors };

  const token = generateSecret(apiTokenPrefix);
  const { tokenHash: _hash, ...record } = await prisma.apiToken.create({
    data: {
      name,
      tokenHash: hashSecret(token),
      tokenPrefix: displayPrefixOf(token),
      scopes,
      createdById: viewer.kind === 'staff' ? viewer.staffUserId : null,
      expiresAt: input.expiresAt ?? null,
      createdAt: at,
    },
  });
  audit.record({
    action: 'api_token.create',
    targetType: 'ApiToken',
    targetIds: [record.id],
    details: { name, scopes, expiresAt: record.expiresAt?.toISOString() ?? null, prefix: record.tokenPrefix },
  });
  return { ok: true, record, token };
}
