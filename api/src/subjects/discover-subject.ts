import {
  Prisma,
  type Consent,
  type Conversation,
  type CrmRecord,
  type Lead,
  type PrismaClient,
  type PrivacyRequest,
  type SubjectFlag,
} from '@confide/db';
import { normalizeSubjectEmail } from '../consents/consent-rules.ts';
import { DomainError } from '../shared/errors.ts';

/** How a conversation is linked to the subject's address. */
export type SubjectLink = 'LEAD_CONTACT' | 'DETECTED_CONTACT' | 'MESSAGE_TEXT';

export interface MatchingMessage {
  id: string;
  conversationId: string;
  role: string;
  sentAt: Date;
  text: string;
}

export interface SubjectConversation {
  conversation: Conversation;
  linkedBy: SubjectLink[];
  /** Messages whose text holds the address (case-insensitively), oldest first. */
  matchingMessages: MatchingMessage[];
}

/** Everything held on one address, on one site or on all of them. */
export interface SubjectDiscovery {
  email: string;
  siteId: string | null;
  leads: Lead[];
  conversations: SubjectConversation[];
  /** Message count of the linked conversations (all their messages, not only matching ones). */
  messageCount: number;
  detectedContactCount: number;
  consents: Consent[];
  requests: PrivacyRequest[];
  crmRecords: (CrmRecord & { connectionName: string })[];
  flags: SubjectFlag[];
  /** Names and phone numbers captured with the address: what an erasure must also leave nowhere. */
  identifiers: { names: string[]; phones: string[] };
}

// More matching messages than this in one search means a runaway query, not one person.
const maxMatchingMessages = 5000;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The normalised address, or BAD_USER_INPUT naming the argument. */
export function subjectEmailOrThrow(email: string, argument: string): string {
  const normalized = normalizeSubjectEmail(email);
  if (!normalized)
    throw new DomainError('BAD_USER_INPUT', `${argument} is not an email address`, { argument });
  return normalized;
}

/**
 * Finds every record linked to `email` (already normalised): leads with that address, conversations
 * where it was given as contact details (lead or detected contact) or appears in any message text,
 * consents, earlier requests (also by keyed hash, which survives erasure), CRM records and flags.
 * Message text is matched through the full-text index first (the address is one token of the
 * `simple` configuration), then confirmed case-insensitively, so no query scans the messages.
 */
export async function discoverSubject(
  prisma: PrismaClient | Prisma.TransactionClient,
  email: string,
  options: { siteId: string | null; subjectHash: string },
): Promise<SubjectDiscovery> {
  const { siteId } = options;
  const site = siteId ? Prisma.sql`AND c."siteId" = ${siteId}::uuid` : Prisma.empty;
  const pattern = `%${escapeLike(email)}%`;
  const [leads, detected, messages] = await Promise.all([
    prisma.lead.findMany({
      where: { emailNormalized: email, ...(siteId && { siteId }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    prisma.$queryRaw<{ conversationId: string }[]>`
      SELECT DISTINCT d."conversationId" FROM "DetectedContact" d
      JOIN "Conversation" c ON c.id = d."conversationId"
      WHERE d.kind = 'EMAIL' AND d.value = ${email} ${site}`,
    prisma.$queryRaw<MatchingMessage[]>`
      SELECT m.id, m."conversationId", m.role::text AS role, m."sentAt", m.text FROM "Message" m
      JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE m."searchVector" @@ phraseto_tsquery('simple', ${email}) AND m.text ILIKE ${pattern} ${site}
      ORDER BY m."sentAt", m.id
      LIMIT ${maxMatchingMessages}`,
  ]);

  const links = new Map<string, Set<SubjectLink>>();
  const link = (conversationId: string | null, how: SubjectLink) => {
    if (!conversationId) return;
    const set = links.get(conversationId) ?? new Set<SubjectLink>();
    links.set(conversationId, set.add(how));
  };
  for (const lead of leads) link(lead.conversationId, 'LEAD_CONTACT');
  for (const row of detected) link(row.conversationId, 'DETECTED_CONTACT');
  for (const message of messages) link(message.conversationId, 'MESSAGE_TEXT');
  const conversationIds = [...links.keys()];
  const leadIds = leads.map((lead) => lead.id);

  const [conversations, messageCount, detectedCounts, phones, consents, requests, crmRecords, flags] =
    await Promise.all([
      prisma.conversation.findMany({
        where: { id: { in: conversationIds } },
        orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
      }),
      prisma.message.count({ where: { conversationId: { in: conversationIds } } }),
      prisma.detectedContact.count({ where: { conversationId: { in: conversationIds } } }),
      prisma.detectedContact.findMany({
        where: { conversationId: { in: conversationIds }, kind: 'PHONE' },
        select: { value: true },
      }),
      prisma.consent.findMany({
        where: {
          OR: [{ subjectEmailNormalized: email }, { leadId: { in: leadIds } }],
          ...(siteId && { siteId }),
        },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      }),
      prisma.privacyRequest.findMany({
        where: {
          OR: [{ requesterEmailNormalized: email }, { requesterEmailHash: options.subjectHash }],
          ...(siteId && { siteId }),
        },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      }),
      prisma.crmRecord.findMany({
        where: { leadId: { in: leadIds } },
        include: { connection: { select: { name: true } } },
        orderBy: { firstExportedAt: 'asc' },
      }),
      prisma.subjectFlag.findMany({
        where: { subjectEmailNormalized: email, ...(siteId && { siteId }) },
        orderBy: { placedAt: 'asc' },
      }),
    ]);
  const messagesOf = new Map<string, MatchingMessage[]>();
  for (const message of messages) {
    messagesOf.set(message.conversationId, [...(messagesOf.get(message.conversationId) ?? []), message]);
  }
  const distinct = (values: (string | null)[]) =>
    [...new Set(values.flatMap((value) => (value?.trim() ? [value.trim()] : [])))].sort();
  return {
    email,
    siteId,
    leads,
    conversations: conversations.map((conversation) => ({
      conversation,
      linkedBy: [...(links.get(conversation.id) ?? [])].sort(),
      matchingMessages: messagesOf.get(conversation.id) ?? [],
    })),
    messageCount,
    detectedContactCount: detectedCounts,
    consents,
    requests,
    crmRecords: crmRecords.map(({ connection, ...record }) => ({
      ...record,
      connectionName: connection.name,
    })),
    flags,
    identifiers: {
      names: distinct(leads.map((lead) => lead.name)),
      phones: distinct([...leads.map((lead) => lead.phone), ...phones.map((phone) => phone.value)]),
    },
  };
}
