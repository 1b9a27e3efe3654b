import type { Prisma, PrivacyRequest, PrivacyRequestStatus } from '@confide/db';
import type { Viewer } from '../auth/viewer.ts';
import type { UserErrorData } from '../shared/user-error.ts';

export const maxReasonLength = 2000;
export const maxDetailsLength = 5000;

/** Which status each status may move to; COMPLETED and REJECTED are final. */
const transitions: Record<PrivacyRequestStatus, readonly PrivacyRequestStatus[]> = {
  RECEIVED: ['VERIFIED', 'REJECTED'],
  VERIFIED: ['IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REJECTED'],
  IN_PROGRESS: ['EXTENDED', 'COMPLETED', 'REJECTED'],
  EXTENDED: ['EXTENDED', 'COMPLETED', 'REJECTED'],
  COMPLETED: [],
  REJECTED: [],
};

export function canMove(from: PrivacyRequestStatus, to: PrivacyRequestStatus): boolean {
  return transitions[from].includes(to);
}

/** The userError for a move the status machine refuses. */
export function invalidMove(from: PrivacyRequestStatus, to: PrivacyRequestStatus): UserErrorData {
  return {
    field: ['input', 'requestId'],
    code: 'INVALID_STATE',
    message: `A ${from} request cannot become ${to}`,
  };
}

export function notFound(field = 'requestId'): UserErrorData {
  return { field: ['input', field], code: 'NOT_FOUND', message: 'No such privacy request' };
}

/** The staff member acting, for the timeline and `recordedBy` columns; null for an integrator's token. */
export function actorIdOf(viewer: Viewer): string | null {
  return viewer.kind === 'staff' ? viewer.staffUserId : null;
}

/** The request, locked for this transaction so two changes of it cannot interleave. */
export async function lockRequest(
  transaction: Prisma.TransactionClient,
  id: string,
): Promise<PrivacyRequest | null> {
  await transaction.$queryRaw`SELECT id FROM "PrivacyRequest" WHERE id = ${id}::uuid FOR UPDATE`;
  return transaction.privacyRequest.findUnique({ where: { id } });
}

export interface TimelineEntry {
  type: string;
  message: string;
  data?: Prisma.InputJsonObject;
}

/** Moves the request to `to` (when it is not there already) and writes the timeline entry. */
export async function moveRequest(
  transaction: Prisma.TransactionClient,
  request: PrivacyRequest,
  to: PrivacyRequestStatus,
  entry: TimelineEntry,
  actorId: string | null,
  now: Date,
  changes: Prisma.PrivacyRequestUpdateInput = {},
): Promise<PrivacyRequest> {
  const updated = await transaction.privacyRequest.update({
    where: { id: request.id },
    data: { ...changes, status: to, updatedAt: now },
  });
  await transaction.privacyRequestEvent.create({
    data: {
      requestId: request.id,
      type: entry.type,
      actorId,
      message: entry.message,
      data: { from: request.status, to, ...entry.data },
      occurredAt: now,
    },
  });
  return updated;
}

/**
 * Work on a verified request has begun (an erasure, an export, a flag): VERIFIED becomes
 * IN_PROGRESS; later statuses stay. Unverified or closed requests refuse work.
 */
export async function startWork(
  transaction: Prisma.TransactionClient,
  request: PrivacyRequest,
  actorId: string | null,
  now: Date,
): Promise<PrivacyRequest | UserErrorData> {
  if (request.status === 'VERIFIED') {
    return moveRequest(
      transaction,
      request,
      'IN_PROGRESS',
      { type: 'STATUS_CHANGED', message: 'Work started' },
      actorId,
      now,
    );
  }
  if (request.status === 'IN_PROGRESS' || request.status === 'EXTENDED') return request;
  return {
    field: ['input', 'requestId'],
    code: 'INVALID_STATE',
    message:
      request.status === 'RECEIVED'
        ? 'Verify the requester before acting on the request'
        : `The request is ${request.status} already`,
  };
}

export function isUserError(value: object): value is UserErrorData {
  return 'code' in value && 'message' in value && 'field' in value;
}
