import type { PrivacyRequest } from '@confide/db';
import { createPrivacyRequest } from '../privacy-requests/create-privacy-request.ts';
import { actorIdOf } from '../privacy-requests/request-rules.ts';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';

export interface MarkChildDataResult {
  /** The erasure request opened for the child's address, due at once. */
  request: PrivacyRequest | null;
  /** Set when no address is linked: the conversation (and lead) were deleted at once instead. */
  deletedConversationId: string | null;
  userErrors: UserErrorData[];
}

/**
 * Marks a conversation, or a lead with its conversation, as a child's data (under the site's age
 * threshold). Data of children is deleted promptly once known (000 §11, 004): when an address is
 * linked (the lead's, or one detected in the messages) an ERASURE request due at once is opened for
 * it, so the usual erasure with its receipt and verification follows; with no address there is no
 * one to answer, so the conversation and its lead are deleted now. Audited.
 */
export async function markChildData(
  context: RequestContext,
  input: { conversationId?: string | null; leadId?: string | null },
): Promise<MarkChildDataResult> {
  const refused = (field: string, code: UserErrorData['code'], message: string): MarkChildDataResult => ({
    request: null,
    deletedConversationId: null,
    userErrors: [{ field: ['input', field], code, message }],
  });
  if (!input.conversationId === !input.leadId) {
    return refused('conversationId', 'REQUIRED', 'Name either a conversation or a lead');
  }
  const lead = input.leadId
    ? await context.prisma.lead.findUnique({ where: { id: input.leadId } })
    : await context.prisma.lead.findUnique({ where: { conversationId: input.conversationId as string } });
  if (input.leadId && !lead) return refused('leadId', 'NOT_FOUND', 'No such lead');
  const conversationId = input.conversationId ?? lead?.conversationId ?? null;
  const conversation = conversationId
    ? await context.prisma.conversation.findUnique({ where: { id: conversationId } })
    : null;
  if (input.conversationId && !conversation)
    return refused('conversationId', 'NOT_FOUND', 'No such conversation');
  const siteId = (lead?.siteId ?? conversation?.siteId) as string;
  const detected = conversation
    ? await context.prisma.detectedContact.findFirst({
        where: { conversationId: conversation.id, kind: 'EMAIL' },
        orderBy: { createdAt: 'asc' },
      })
    : null;
  const email = lead?.emailNormalized ?? detected?.value ?? null;
  const site = await context.prisma.site.findUniqueOrThrow({ where: { id: siteId } });
  const targetIds = [conversation?.id, lead?.id].filter((id): id is string => Boolean(id));

  if (!email) {
    await context.prisma.$transaction([
      ...(lead ? [context.prisma.lead.delete({ where: { id: lead.id } })] : []),
      ...(conversation ? [context.prisma.conversation.delete({ where: { id: conversation.id } })] : []),
    ]);
    context.audit.record({
      action: 'privacy.child_data.delete',
      targetType: conversation ? 'Conversation' : 'Lead',
      targetIds,
      details: { siteId, childAgeThreshold: site.childAgeThreshold },
    });
    return { request: null, deletedConversationId: conversation?.id ?? null, userErrors: [] };
  }

  const result = await context.prisma.$transaction(async (transaction) => {
    if (conversation) {
      await transaction.conversation.update({ where: { id: conversation.id }, data: { isChildData: true } });
    }
    if (lead) await transaction.lead.update({ where: { id: lead.id }, data: { isChildData: true } });
    return createPrivacyRequest(
      context,
      {
        siteId,
        type: 'ERASURE',
        channel: 'OTHER',
        requesterEmail: email,
        details: `Marked as a child's data (under ${site.childAgeThreshold}) by staff; erase at once.`,
        assigneeId: context.viewer.kind === 'staff' ? actorIdOf(context.viewer) : null,
      },
      { immediate: true, transaction, message: "Opened because the data was marked as a child's" },
    );
  });
  context.audit.record({
    action: 'privacy.child_data.mark',
    targetType: conversation ? 'Conversation' : 'Lead',
    targetIds,
    details: { siteId, childAgeThreshold: site.childAgeThreshold },
  });
  return { request: result.request, deletedConversationId: null, userErrors: result.userErrors };
}
