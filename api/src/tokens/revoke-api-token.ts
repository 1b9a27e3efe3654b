import type { PrismaClient } from '@confide/db';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import type { ApiTokenRecord } from './api-token.type.ts';
import { forgetCachedCredentials } from '../auth/authenticate.ts';

export interface RevokeApiTokenDependencies {
  prisma: PrismaClient;
  now: () => Date;
  audit: AuditRecorder;
}

export type RevokeApiTokenResult =
  { ok: true; record: ApiTokenRecord } | { ok: false; userErrors: UserErrorData[] };

const tokenColumns = {
  id: true,
  name: true,
  tokenPrefix: true,
  scopes: true,
  createdById: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

/**
 * Revokes a token: from this moment every request carrying it is answered 401. Revoking a revoked
 * token changes nothing and succeeds (the first revocation time is kept).
 */
export async function revokeApiToken(
  { prisma, now, audit }: RevokeApiTokenDependencies,
  tokenId: string,
): Promise<RevokeApiTokenResult> {
  const revoked = await prisma.apiToken.updateManyAndReturn({
    where: { id: tokenId, revokedAt: null },
    data: { revokedAt: now() },
    select: tokenColumns,
  });
  forgetCachedCredentials(prisma);
  const record =
    revoked[0] ?? (await prisma.apiToken.findUnique({ where: { id: tokenId }, select: tokenColumns }));
  if (!record) {
    return {
      ok: false,
      userErrors: [{ field: ['input', 'id'], message: 'No API token has this id', code: 'NOT_FOUND' }],
    };
  }
  if (revoked.length > 0) {
    audit.record({
      action: 'api_token.revoke',
      targetType: 'ApiToken',
      targetIds: [record.id],
      details: { name: record.name, prefix: record.tokenPrefix },
    });
  }
  return { ok: true, record };
}
