import type { Channel, Prisma } from '../../generated/client/client.ts';
import { buildDialogue, type DialogueOptions } from './dialogue.ts';
import type { SeededRandom } from './random.ts';
import type { VisitorContext } from './sites.ts';
import { DAY, MINUTE } from './time.ts';

/** One chat with its rows, ready for createMany or COPY. */
export type GeneratedConversation = {
  conversation: Prisma.ConversationCreateManyInput & { startedAt: Date; lastMessageAt: Date; id: string };
  messages: (Prisma.MessageCreateManyInput & { id: string; sentAt: Date })[];
  detectedContacts: Prisma.DetectedContactCreateManyInput[];
};

export type ConversationInput = {
  siteId: string;
  channel: Channel;
  context: VisitorContext;
  lastMessageAt: Date;
  retentionDays: number;
  dialogue: Omit<DialogueOptions, 'language' | 'retentionDays'>;
  ipHash: string;
  isChildData?: boolean;
};

/**
 * Builds a conversation ending at `lastMessageAt`: messages a few seconds to minutes apart, ids
 * time-ordered like the database's own, and `expiresAt` = last message + the site's retention.
 */
export function generateConversation(rng: SeededRandom, input: ConversationInput): GeneratedConversation {
  const dialogue = buildDialogue(rng, {
    ...input.dialogue,
    language: input.context.language,
    retentionDays: input.retentionDays,
  });
  // Offsets from the first message: assistants answer in seconds, visitors take a while to type.
  const offsets: number[] = [];
  let elapsed = 0;
  for (const message of dialogue) {
    if (offsets.length > 0)
      elapsed += message.role === 'ASSISTANT' ? rng.between(2, 9) * 1000 : rng.between(20, 240) * 1000;
    offsets.push(elapsed);
  }
  const startedAt = new Date(input.lastMessageAt.getTime() - elapsed);
  const conversationId = rng.uuid7(startedAt);

  const messages: GeneratedConversation['messages'] = [];
  const detectedContacts: Prisma.DetectedContactCreateManyInput[] = [];
  const seen = new Set<string>();
  dialogue.forEach((message, index) => {
    const sentAt = new Date(startedAt.getTime() + (offsets[index] ?? 0));
    const id = rng.uuid7(sentAt);
    messages.push({
      id,
      conversationId,
      externalId: rng.uuid4(),
      role: message.role,
      text: message.text,
      redactionCount: message.redactionCount,
      sentAt,
      createdAt: sentAt,
    });
    for (const { kind, value } of message.detected) {
      // One row per address per conversation, as the unique key asks.
      if (seen.has(`${kind}:${value}`)) continue;
      seen.add(`${kind}:${value}`);
      detectedContacts.push({
        id: rng.uuid7(sentAt),
        conversationId,
        messageId: id,
        kind,
        value,
        createdAt: sentAt,
      });
    }
  });

  const { context } = input;
  return {
    conversation: {
      id: conversationId,
      siteId: input.siteId,
      externalId: rng.uuid4(),
      channel: input.channel,
      startedAt,
      lastMessageAt: input.lastMessageAt,
      expiresAt: new Date(input.lastMessageAt.getTime() + input.retentionDays * DAY),
      messageCount: messages.length,
      ipHash: input.ipHash,
      country: context.country,
      city: context.city,
      userAgent: context.userAgent,
      referrer: context.referrer,
      pageUrl: context.pageUrl,
      isChildData: input.isChildData ?? false,
      createdAt: startedAt,
      updatedAt: input.lastMessageAt,
    },
    messages,
    detectedContacts,
  };
}

/** A last-message time for a conversation that is not due for deletion within `minDaysLeft` days. */
export function lastMessageTime(
  rng: SeededRandom,
  now: Date,
  retentionDays: number,
  minDaysLeft: number,
): Date {
  const maxAge = (retentionDays - minDaysLeft) * DAY;
  return new Date(now.getTime() - 10 * MINUTE - rng.int(Math.max(maxAge - 10 * MINUTE, 1)));
}
