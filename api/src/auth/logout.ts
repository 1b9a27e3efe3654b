import type { PrismaClient } from '@confide/db';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import { DomainError } from '../shared/errors.ts';
import type { Viewer } from './viewer.ts';
import { forgetCachedCredentials } from './authenticate.ts';

export interface LogoutDependencies {
  prisma: PrismaClient;
  now: () => Date;
  audit: AuditRecorder;
  viewer: Viewer;
}

/**
 * Ends the caller's session on the server, so the cookie stops working even if a copy of it
 * survives in a browser. The caller clears the cookie itself.
 */
export async function logout({ prisma, now, audit, viewer }: LogoutDependencies): Promise<void> {
  if (viewer.kind !== 'staff') {
    throw new DomainError(
      'FORBIDDEN',
      'Only a staff session can be signed out; an API token is revoked with revokeApiToken',
    );
  }
  await prisma.session.updateMany({
    where: { id: viewer.sessionId, revokedAt: null },
    data: { revokedAt: now() },
  });
  forgetCachedCredentials(prisma);
  audit.record({
    action: 'auth.logout',
    targetType: 'StaffMember',
    targetIds: [viewer.staffUserId],
    details: { sessionId: viewer.sessionId },
  });
}
