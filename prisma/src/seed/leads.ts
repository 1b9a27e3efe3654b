import type { ConsentPurpose, LeadStatus, Prisma } from '../../generated/client/client.ts';
import { normalizeEmail } from './hashing.ts';
import type { Person } from './people.ts';
import type { SeededRandom } from './random.ts';
import type { DemoSiteDefinition } from './sites.ts';
import { addMonths } from './time.ts';

export const leadStatuses: readonly LeadStatus[] = [
  'NEW',
  'QUALIFIED',
  'CONTACTED',
  'ENGAGED',
  'DISQUALIFIED',
];

export const leadStatusWeights: readonly (readonly [LeadStatus, number])[] = [
  ['NEW', 3],
  ['QUALIFIED', 2],
  ['CONTACTED', 2],
  ['ENGAGED', 1],
  ['DISQUALIFIED', 1],
];

export type LeadRow = Prisma.LeadCreateManyInput & {
  id: string;
  siteId: string;
  createdAt: Date;
  emailNormalized: string;
  exportedAt: Date | null;
  engagedAt: Date | null;
  ownerId: string | null;
};

export type LeadInput = {
  site: DemoSiteDefinition;
  siteId: string;
  person: Person;
  source: 'CHAT' | 'CONTACT_FORM';
  conversationId?: string;
  createdAt: Date;
  status: LeadStatus;
  now: Date;
  /** Sales staff who may own the lead. */
  ownerIds: readonly string[];
};

/**
 * A lead in a given status. Contacted and engaged leads were moved into the CRM after the
 * follow-up, so they carry `exportedAt` and the contact-form retention (`retainUntil`).
 */
export function buildLead(rng: SeededRandom, input: LeadInput): LeadRow {
  const { person, status, createdAt, now } = input;
  const exportedAt = status === 'CONTACTED' || status === 'ENGAGED' ? rng.dateBetween(createdAt, now) : null;
  const engagedAt = status === 'ENGAGED' && exportedAt ? rng.dateBetween(exportedAt, now) : null;
  const unowned = input.ownerIds.length === 0 || (status === 'NEW' && rng.chance(0.5));
  return {
    id: rng.uuid7(createdAt),
    siteId: input.siteId,
    conversationId: input.conversationId ?? null,
    source: input.source,
    name: person.name,
    jobTitle: person.jobTitle,
    email: person.email,
    emailNormalized: normalizeEmail(person.email),
    phone: person.phone ?? null,
    company: person.company,
    status,
    ownerId: unowned ? null : rng.pick(input.ownerIds),
    exportedAt,
    engagedAt,
    retainUntil: exportedAt ? addMonths(exportedAt, input.site.policy.leadRetentionMonths) : null,
    createdAt,
    updatedAt: engagedAt ?? exportedAt ?? createdAt,
  };
}

export type ConsentRow = Prisma.ConsentCreateManyInput & { occurredAt: Date };

/**
 * The consent ledger a lead leaves: the chat-logging notice, boxes ticked, now and then a later
 * unsubscribe. `marketingActive` says whether marketing consent stands at the end.
 */
export function buildLeadConsents(
  rng: SeededRandom,
  input: { site: DemoSiteDefinition; siteId: string; lead: LeadRow; chatStartedAt: Date | null; now: Date },
): { rows: ConsentRow[]; marketingActive: boolean } {
  const { site, lead, chatStartedAt } = input;
  const rows: ConsentRow[] = [];
  const viaWidget = lead.source === 'CHAT';
  const entry = (
    purpose: ConsentPurpose,
    legalBasis: ConsentRow['legalBasis'],
    action: ConsentRow['action'],
    source: ConsentRow['source'],
    occurredAt: Date,
    evidence: string,
    recordedById: string | null = null,
  ) =>
    rows.push({
      id: rng.uuid7(occurredAt),
      siteId: input.siteId,
      subjectEmailNormalized: lead.emailNormalized,
      leadId: lead.id,
      purpose,
      legalBasis,
      action,
      source,
      policyVersion: site.policy.policyVersion,
      evidence,
      recordedById,
      occurredAt,
      createdAt: occurredAt,
    });

  if (chatStartedAt) {
    entry(
      'CHAT_LOGGING',
      'LEGITIMATE_INTEREST',
      'GRANTED',
      'WIDGET',
      chatStartedAt,
      `Widget notice shown: "This chat is logged for ${site.policy.conversationRetentionDays} days. Privacy policy: https://${site.domain}/privacy"`,
    );
  }
  if (rng.chance(0.4)) {
    entry(
      'ANALYTICS_COOKIES',
      'CONSENT',
      'GRANTED',
      'WIDGET',
      chatStartedAt ?? lead.createdAt,
      'Cookie banner: "Accept analytics cookies" clicked',
    );
  }
  let marketingActive = false;
  if (rng.chance(0.55)) {
    entry(
      'MARKETING_COMMUNICATIONS',
      'CONSENT',
      'GRANTED',
      viaWidget ? 'WIDGET' : 'FORM',
      lead.createdAt,
      viaWidget
        ? 'Checkbox "Send me occasional product news" ticked in the chat contact card'
        : 'Contact form checkbox "I agree to receive marketing emails" ticked',
    );
    marketingActive = !rng.chance(0.3);
    if (!marketingActive) {
      entry(
        'MARKETING_COMMUNICATIONS',
        'CONSENT',
        'WITHDRAWN',
        rng.pick(['EMAIL', 'API'] as const),
        rng.dateBetween(lead.createdAt, input.now),
        `Unsubscribe request, Message-ID <${rng.hex(16)}@mail.${site.domain}>`,
      );
    }
  }
  if (lead.exportedAt) {
    entry(
      'CRM_TRANSFER',
      'CONSENT',
      'GRANTED',
      viaWidget ? 'WIDGET' : 'FORM',
      rng.dateBetween(lead.createdAt, lead.exportedAt),
      'Checkbox "Pass my details to the sales team" ticked',
    );
  }
  if (lead.engagedAt) {
    entry(
      'CRM_TRANSFER',
      'CONTRACT',
      'GRANTED',
      'STAFF',
      lead.engagedAt,
      `Services agreement ${site.name.slice(0, 2).toUpperCase()}-${rng.between(100, 999)} signed`,
      lead.ownerId,
    );
  }
  return { rows, marketingActive };
}

/** An address as a visitor types it: now and then capitalised, rarely with a stray space. */
export function asTyped(rng: SeededRandom, email: string): string {
  const roll = rng.next();
  if (roll < 0.2) {
    const [local, domain] = email.split('@') as [string, string];
    return `${local.replace(/(^|[._])([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase())}@${domain}`;
  }
  if (roll < 0.25) return `${email} `;
  return email;
}
