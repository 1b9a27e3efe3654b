import { randomUUID } from 'node:crypto';
import type { StoredWidgetMessage } from '../ingest/store-widget-message.ts';

/**
 * A message ready for the batch writer, opening a new conversation of `siteId` at `at`: a visitor
 * line giving an email address, with the lead, the detected contact and a CRM-transfer consent that
 * go with it, and no rate limits unless `overrides` add some.
 */
export function storedWidgetMessage(
  siteId: string,
  at: Date,
  overrides: Partial<StoredWidgetMessage> = {},
): StoredWidgetMessage {
  const email = `${randomUUID()}@example.com`;
  return {
    siteId,
    conversationId: randomUUID(),
    channel: 'WIDGET',
    messageId: randomUUID(),
    role: 'VISITOR',
    text: `write to ${email}`,
    redactionCount: 0,
    sentAt: at,
    receivedAt: at,
    expiresAt: at,
    ipHash: null,
    country: null,
    city: null,
    userAgent: null,
    referrer: null,
    pageUrl: null,
    lead: { name: 'A', jobTitle: null, email, emailNormalized: email, phone: null, company: null },
    detectedContacts: [{ kind: 'EMAIL', value: email }],
    consents: [{ purpose: 'CRM_TRANSFER', action: 'GRANTED', policyVersion: '1', evidence: null }],
    rateLimits: [],
    ...overrides,
  };
}
