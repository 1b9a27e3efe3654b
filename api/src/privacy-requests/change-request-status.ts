import type { Prisma, PrivacyRequest } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import type { PrivacyRequestResult } from './create-privacy-request.ts';
import {
  actorIdOf,
  canMove,
  invalidMove,
  isUserError,
  lockRequest,
  maxReasonLength,
  moveRequest,
  notFound,
} from './request-rules.ts';

type Change = (
  transaction: Prisma.TransactionClient,
  request: PrivacyRequest,
  actorId: string | null,
  now: Date,
) => Promise<PrivacyRequest | UserErrorData>;

/** Runs one change of a request under its row lock, then audits it as `action`. */
export async function changeRequest(
  context: RequestContext,
  requestId: string,
  action: string,
  change: Change,
): Promise<PrivacyRequestResult> {
  const now = context.now();
  const actorId = actorIdOf(context.viewer);
  const outcome = await context.prisma.$transaction(async (transaction) => {
    const request = await lockRequest(transaction, requestId);
    return request ? change(transaction, request, actorId, now) : notFound();
  });
  if (isUserError(outcome)) return { request: null, userErrors: [outcome] };
  context.audit.record({
    action,
    targetType: 'PrivacyRequest',
    targetIds: [outcome.id],
    details: { status: outcome.status },
  });
  return { request: outcome, userErrors: [] };
}

/** RECEIVED → VERIFIED: the requester proved the address is theirs (000: the request came from it). */
export function verifyPrivacyRequest(
  context: RequestContext,
  input: { requestId: string; note?: string | null },
): Promise<PrivacyRequestResult> {
  return changeRequest(
    context,
    input.requestId,
    'privacy_request.verify',
    async (tx, request, actorId, now) =>
      canMove(request.status, 'VERIFIED')
        ? moveRequest(
            tx,
            request,
            'VERIFIED',
            { type: 'VERIFIED', message: input.note?.trim() || 'Requester verified' },
            actorId,
            now,
            {
              verifiedAt: now,
              ...(request.assigneeId === null && actorId && { assignee: { connect: { id: actorId } } }),
            },
          )
        : invalidMove(request.status, 'VERIFIED'),
  );
}

/** Any open request → REJECTED, with the reason the requester is told. */
export function rejectPrivacyRequest(
  context: RequestContext,
  input: { requestId: string; reason: string },
): Promise<PrivacyRequestResult> {
  const reason = input.reason.trim();
  return changeRequest(
    context,
    input.requestId,
    'privacy_request.reject',
    async (tx, request, actorId, now) => {
      if (!reason)
        return { field: ['input', 'reason'], code: 'REQUIRED', message: 'A rejection needs a reason' };
      if (reason.length > maxReasonLength) {
        return {
          field: ['input', 'reason'],
          code: 'TOO_LONG',
          message: `reason must be at most ${maxReasonLength} characters`,
        };
      }
      if (!canMove(request.status, 'REJECTED')) return invalidMove(request.status, 'REJECTED');
      return moveRequest(tx, request, 'REJECTED', { type: 'REJECTED', message: reason }, actorId, now, {
        rejectedAt: now,
        rejectionReason: reason,
      });
    },
  );
}

/**
 * A verified request → COMPLETED once the requester was answered. An erasure request completes only
 * after its erasure finished (the receipt is the proof the reply relies on).
 */
export function completePrivacyRequest(
  context: RequestContext,
  input: { requestId: string; note?: string | null },
): Promise<PrivacyRequestResult> {
  return changeRequest(
    context,
    input.requestId,
    'privacy_request.complete',
    async (tx, request, actorId, now) => {
      if (!canMove(request.status, 'COMPLETED')) return invalidMove(request.status, 'COMPLETED');
      if (request.type === 'ERASURE') {
        const receipt = await tx.erasureReceipt.findUnique({ where: { requestId: request.id } });
        if (!receipt?.completedAt) {
          return {
            field: ['input', 'requestId'],
            code: 'INVALID_STATE',
            message: 'Run the erasure (executeErasure) before completing an erasure request',
          };
        }
      }
      return moveRequest(
        tx,
        request,
        'COMPLETED',
        { type: 'COMPLETED', message: input.note?.trim() || 'Requester informed' },
        actorId,
        now,
        { completedAt: now },
      );
    },
  );
}
