import type { PrismaClient } from '@confide/db';
import { keysetPage } from '../shared/keyset.ts';
import type { PageRequest } from '../shared/pagination.ts';
import type { ApiTokenRecord } from './api-token.type.ts';

/**
 * A page of API tokens, revoked and expired ones included, newest first: up to `limit + 1` rows
 * in the page's reading direction, as `buildConnection` expects.
 */
export async function listApiTokens(prisma: PrismaClient, request: PageRequest): Promise<ApiTokenRecord[]> {
  const { orderBy, where } = keysetPage('createdAt', 'desc', request);
  return prisma.apiToken.findMany({ where, orderBy, take: request.limit + 1, omit: { tokenHash: true } });
}

export function countApiTokens(prisma: PrismaClient): Promise<number> {
  return prisma.apiToken.count();
}
