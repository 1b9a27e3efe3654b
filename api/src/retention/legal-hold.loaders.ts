import type { LegalHold as LegalHoldRow } from '@confide/db';
import type DataLoader from 'dataloader';
import type { RequestContext } from '../shared/context.ts';

/**
 * Unreleased holds that keep each conversation: its own and its lead's (a hold on either keeps
 * both), oldest first. Batched per request.
 */
export function activeHoldsByConversationId(context: RequestContext): DataLoader<string, LegalHoldRow[]> {
  return context.loader<string, LegalHoldRow[]>('legalHold.byConversation', async (ids) => {
    const holds = await context.prisma.legalHold.findMany({
      where: {
        releasedAt: null,
        OR: [{ conversationId: { in: [...ids] } }, { lead: { conversationId: { in: [...ids] } } }],
      },
      include: { lead: { select: { conversationId: true } } },
      orderBy: [{ placedAt: 'asc' }, { id: 'asc' }],
    });
    return ids.map((id) =>
      holds
        .filter((hold) => (hold.conversationId ?? hold.lead?.conversationId) === id)
        .map(({ lead: _lead, ...hold }) => hold),
    );
  });
}

/** Unreleased holds that keep each lead: its own and its conversation's, oldest first. */
export function activeHoldsByLeadId(context: RequestContext): DataLoader<string, LegalHoldRow[]> {
  return context.loader<string, LegalHoldRow[]>('legalHold.byLead', async (ids) => {
    const holds = await context.prisma.legalHold.findMany({
      where: {
        releasedAt: null,
        OR: [{ leadId: { in: [...ids] } }, { conversation: { lead: { id: { in: [...ids] } } } }],
      },
      include: { conversation: { select: { lead: { select: { id: true } } } } },
      orderBy: [{ placedAt: 'asc' }, { id: 'asc' }],
    });
    return ids.map((id) =>
      holds
        .filter((hold) => (hold.leadId ?? hold.conversation?.lead?.id) === id)
        .map(({ conversation: _conversation, ...hold }) => hold),
    );
  });
}

export function legalHoldById(context: RequestContext): DataLoader<string, LegalHoldRow | null> {
  return context.loader<string, LegalHoldRow | null>('legalHold.byId', async (ids) => {
    const rows = await context.prisma.legalHold.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
