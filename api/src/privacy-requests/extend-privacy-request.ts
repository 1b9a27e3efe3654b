import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { changeRequest } from './change-request-status.ts';
import type { PrivacyRequestResult } from './create-privacy-request.ts';
import { requestDeadlines } from './deadlines.ts';
import { canMove, invalidMove, maxReasonLength, moveRequest } from './request-rules.ts';

export interface ExtendPrivacyRequestInput {
  requestId: string;
  /** The official who decided the postponement (003 §8–9 asks for their name). */
  officialName: string;
  /** Date of the written notice to the requester. */
  noticeDate: Date;
  reason: string;
  newDueAt: Date;
}

const maxOfficialNameLength = 200;
/** Clocks differ a little; a notice dated further ahead than this is a mistake. */
const allowedClockSkewMs = 5 * 60 * 1000;

/**
 * Postpones a verified request with the written notice policy 003 requires: official, date, reason
 * and the new due date, which must be later than the current one and no later than the site's
 * maximum counted from receipt (003: 45 days; GDPR: three months). Audited.
 */
export function extendPrivacyRequest(
  context: RequestContext,
  input: ExtendPrivacyRequestInput,
): Promise<PrivacyRequestResult> {
  const officialName = input.officialName.trim();
  const reason = input.reason.trim();
  return changeRequest(
    context,
    input.requestId,
    'privacy_request.extend',
    async (tx, request, actorId, now) => {
      const problems: UserErrorData[] = [];
      const text = (field: string, value: string, max: number) => {
        if (!value)
          problems.push({ field: ['input', field], code: 'REQUIRED', message: `${field} is required` });
        else if (value.length > max) {
          problems.push({
            field: ['input', field],
            code: 'TOO_LONG',
            message: `${field} must be at most ${max} characters`,
          });
        }
      };
      text('officialName', officialName, maxOfficialNameLength);
      text('reason', reason, maxReasonLength);
      if (
        input.noticeDate.getTime() > now.getTime() + allowedClockSkewMs ||
        input.noticeDate < request.receivedAt
      ) {
        problems.push({
          field: ['input', 'noticeDate'],
          code: 'INVALID',
          message: 'The notice date must lie between receipt and now',
        });
      }
      const [problem] = problems;
      if (problem) return problem;
      if (!canMove(request.status, 'EXTENDED')) return invalidMove(request.status, 'EXTENDED');
      if (input.newDueAt <= request.dueAt) {
        return {
          field: ['input', 'newDueAt'],
          code: 'INVALID',
          message: 'The new due date must be later than the current one',
        };
      }
      const site = await tx.site.findUniqueOrThrow({ where: { id: request.siteId } });
      const { maxDueAt } = requestDeadlines(site, request.type, request.receivedAt);
      if (input.newDueAt > maxDueAt) {
        return {
          field: ['input', 'newDueAt'],
          code: 'PAST_MAXIMUM',
          message: `The site's policy allows postponement to ${maxDueAt.toISOString()} at the latest`,
        };
      }
      await tx.requestExtension.create({
        data: {
          requestId: request.id,
          officialName,
          noticeDate: input.noticeDate,
          reason,
          previousDueAt: request.dueAt,
          newDueAt: input.newDueAt,
          createdById: actorId,
          createdAt: now,
        },
      });
      return moveRequest(
        tx,
        request,
        'EXTENDED',
        {
          type: 'EXTENDED',
          message: `Postponement notice sent to the requester, signed by ${officialName}`,
          data: { previousDueAt: request.dueAt.toISOString(), newDueAt: input.newDueAt.toISOString() },
        },
        actorId,
        now,
        { dueAt: input.newDueAt },
      );
    },
  );
}
