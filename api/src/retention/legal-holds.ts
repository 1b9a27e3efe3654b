import type { LegalHold as LegalHoldRow } from '@confide/db';
import { databaseIdOf } from '../leads/lead-changes.ts';
import type { RequestContext } from '../shared/context.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import type { UserErrorData } from '../shared/user-error.ts';

/** Longest reason a hold may give. */
export const maxHoldReasonLength = 1000;

export interface PlaceLegalHoldInput {
  /** Global id of a Conversation or a Lead. */
  recordId: string;
  reason: string;
  /** Global id of the staff member answerable for the hold; the caller when omitted. */
  ownerId?: string | null;
}

export interface LegalHoldResult {
  legalHold: LegalHoldRow | null;
  userErrors: UserErrorData[];
}

const notFound = (field: string, message: string): UserErrorData => ({
  field: ['input', field],
  code: 'NOT_FOUND',
  message,
});

/**
 * Places a legal hold on a conversation or a lead: no sweep deletes it (nor its lead or
 * conversation) until the hold is released. The owner must be an active PRIVACY or ADMIN staff
 * member, since they answer for releasing it. Audited as "legal_hold.place" (never the reason's text).
 */
export async function placeLegalHold(
  context: RequestContext,
  input: PlaceLegalHoldInput,
): Promise<LegalHoldResult> {
  const { prisma, viewer } = context;
  const userErrors: UserErrorData[] = [];
  const decoded = decodeGlobalId(input.recordId);
  const target =
    decoded?.typeName === 'Conversation'
      ? (await prisma.conversation.count({ where: { id: decoded.id } })) > 0 && { conversationId: decoded.id }
      : decoded?.typeName === 'Lead'
        ? (await prisma.lead.count({ where: { id: decoded.id } })) > 0 && { leadId: decoded.id }
        : false;
  if (!target) userErrors.push(notFound('recordId', 'No conversation or lead has this id'));

  const reason = input.reason.trim();
  if (reason.length === 0) {
    userErrors.push({
      field: ['input', 'reason'],
      code: 'REQUIRED',
      message: 'Give the reason for the hold',
    });
  } else if (reason.length > maxHoldReasonLength) {
    userErrors.push({
      field: ['input', 'reason'],
      code: 'TOO_LONG',
      message: `The reason must be at most ${maxHoldReasonLength} characters (it has ${reason.length})`,
    });
  }

  let ownerId: string | undefined;
  if (input.ownerId == null) {
    if (viewer.kind === 'staff') ownerId = viewer.staffUserId;
    else
      userErrors.push({
        field: ['input', 'ownerId'],
        code: 'REQUIRED',
        message: 'Name the owner of the hold',
      });
  } else {
    const id = databaseIdOf(input.ownerId, 'StaffMember');
    const owner = id
      ? await prisma.staffUser.findUnique({
          where: { id },
          select: { id: true, roles: true, disabledAt: true },
        })
      : null;
    if (!owner) {
      userErrors.push(notFound('ownerId', 'No staff member has this id'));
    } else if (
      owner.disabledAt !== null ||
      !owner.roles.some((role) => role === 'PRIVACY' || role === 'ADMIN')
    ) {
      userErrors.push({
        field: ['input', 'ownerId'],
        code: 'NOT_ASSIGNABLE',
        message: 'A hold can only be owned by an active staff member with the PRIVACY or ADMIN role',
      });
    } else {
      ownerId = owner.id;
    }
  }
  if (!target || userErrors.length > 0) return { legalHold: null, userErrors };

  const legalHold = await prisma.legalHold.create({
    data: { ...target, reason, ownerId, placedAt: context.now() },
  });
  context.audit.record({
    action: 'legal_hold.place',
    targetType: 'LegalHold',
    targetIds: [legalHold.id, target.conversationId ?? target.leadId],
    details: { recordType: target.conversationId ? 'Conversation' : 'Lead', ownerId: legalHold.ownerId },
  });
  return { legalHold, userErrors: [] };
}

/**
 * Releases a hold: from now on only the retention rules decide, and the next sweep deletes the record
 * if it is past due (unless another hold keeps it). A hold is released once; audited as
 * "legal_hold.release".
 */
export async function releaseLegalHold(
  context: RequestContext,
  input: { id: string },
): Promise<LegalHoldResult> {
  const { prisma, viewer } = context;
  const id = databaseIdOf(input.id, 'LegalHold');
  const hold = id ? await prisma.legalHold.findUnique({ where: { id } }) : null;
  if (!hold) return { legalHold: null, userErrors: [notFound('id', 'No legal hold has this id')] };
  const { count } = await prisma.legalHold.updateMany({
    where: { id: hold.id, releasedAt: null },
    data: { releasedAt: context.now(), releasedById: viewer.kind === 'staff' ? viewer.staffUserId : null },
  });
  if (count === 0) {
    return {
      legalHold: null,
      userErrors: [
        { field: ['input', 'id'], code: 'ALREADY_RELEASED', message: 'This hold was already released' },
      ],
    };
  }
  context.audit.record({
    action: 'legal_hold.release',
    targetType: 'LegalHold',
    targetIds: [hold.id, hold.conversationId ?? hold.leadId ?? ''].filter(Boolean),
    details: { recordType: hold.conversationId ? 'Conversation' : 'Lead' },
  });
  return { legalHold: await prisma.legalHold.findUniqueOrThrow({ where: { id: hold.id } }), userErrors: [] };
}
