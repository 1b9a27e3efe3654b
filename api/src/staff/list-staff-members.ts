import type { PrismaClient } from '@confide/db';
import { keysetPage } from '../shared/keyset.ts';
import type { PageRequest } from '../shared/pagination.ts';
import { staffAccountSelect, type StaffAccountRow } from './staff-account.ts';

/**
 * A page of staff accounts, disabled ones included, in the order they were created: up to
 * `limit + 1` rows in the page's reading direction, as `buildConnection` expects.
 */
export function listStaffMembers(prisma: PrismaClient, request: PageRequest): Promise<StaffAccountRow[]> {
  const { orderBy, where } = keysetPage('createdAt', 'asc', request);
  return prisma.staffUser.findMany({ where, orderBy, take: request.limit + 1, select: staffAccountSelect });
}

export function countStaffMembers(prisma: PrismaClient): Promise<number> {
  return prisma.staffUser.count();
}
