import { hash } from '@node-rs/argon2';
import type {
  ConsentPurpose,
  DeadlineUnit,
  LeadStatus,
  Prisma,
  PrismaClient,
  PrivacyRequestChannel,
  PrivacyRequestStatus,
  PrivacyRequestType,
  Role,
} from '../../generated/client/client.ts';
import { generateConversation, lastMessageTime, type GeneratedConversation } from './conversations.ts';
import { DEMO_HASH_KEY, normalizeEmail, subjectHash } from './hashing.ts';
import {
  asTyped,
  buildLead,
  buildLeadConsents,
  leadStatuses,
  leadStatusWeights,
  type LeadRow,
} from './leads.ts';
import { PeopleFactory, type Person } from './people.ts';
import { SeededRandom } from './random.ts';
import { demoSites, holidayDates, siteRow, visitorContext, type DemoSiteDefinition } from './sites.ts';
import { DAY, HOUR, addDays, addDeadline, isoDate } from './time.ts';

export { DEMO_HASH_KEY } from './hashing.ts';

export const DEMO_SEED = 20260427;
export const DEFAULT_DEMO_PASSWORD = 'confide-demo';
/** Lead contact in one Northwind conversation and typed into another: "delete everything linked to me". */
export const ERASURE_DEMO_EMAIL = 'olena.kovalenko@example.com';

export type DemoOptions = {
  /** Every time in the data is relative to this. */
  now: Date;
  /** Password of every demo account. */
  demoPassword?: string;
  seed?: number;
  /** Key of the subject hashes (requests, receipts): the app's own, so its lookups match. */
  subjectHashKey?: string;
};

export type DemoLogin = { email: string; password: string; roles: Role[] };

export type DemoSummary = {
  logins: DemoLogin[];
  /** Widget key of Northwind Software, the primary demo site. */
  widgetKey: string;
  widgetKeys: { site: string; widgetKey: string }[];
  erasureDemoEmail: string;
  /** Rows written, per table. */
  counts: Record<string, number>;
};

type Rows = {
  site: Prisma.SiteCreateManyInput[];
  staffUser: Prisma.StaffUserCreateManyInput[];
  conversation: Prisma.ConversationCreateManyInput[];
  message: Prisma.MessageCreateManyInput[];
  detectedContact: Prisma.DetectedContactCreateManyInput[];
  lead: Prisma.LeadCreateManyInput[];
  leadNote: Prisma.LeadNoteCreateManyInput[];
  consent: Prisma.ConsentCreateManyInput[];
  privacyRequest: Prisma.PrivacyRequestCreateManyInput[];
  privacyRequestEvent: Prisma.PrivacyRequestEventCreateManyInput[];
  requestExtension: Prisma.RequestExtensionCreateManyInput[];
  subjectFlag: Prisma.SubjectFlagCreateManyInput[];
  erasureReceipt: Prisma.ErasureReceiptCreateManyInput[];
  legalHold: Prisma.LegalHoldCreateManyInput[];
  retentionRun: Prisma.RetentionRunCreateManyInput[];
};

/** True before any seed or real use: there is no site yet. */
export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.site.findFirst({ select: { id: true } })) === null;
}

/**
 * Writes the demo data set: three sites with the policies' rules, their conversations, leads,
 * consents and privacy requests, and one staff account per role. The same `now` and `seed` give
 * the same rows, except password hashes (argon2 salts at random).
 */
export async function seedDemo(prisma: PrismaClient, options: DemoOptions): Promise<DemoSummary> {
  const password = options.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  const rows = new DemoBuilder(
    options.now,
    options.seed ?? DEMO_SEED,
    await hash(password),
    options.subjectHashKey ?? DEMO_HASH_KEY,
  ).build();
  await prisma.$transaction([
    prisma.site.createMany({ data: rows.site }),
    prisma.staffUser.createMany({ data: rows.staffUser }),
    prisma.conversation.createMany({ data: rows.conversation }),
    prisma.message.createMany({ data: rows.message }),
    prisma.detectedContact.createMany({ data: rows.detectedContact }),
    prisma.lead.createMany({ data: rows.lead }),
    prisma.leadNote.createMany({ data: rows.leadNote }),
    prisma.consent.createMany({ data: rows.consent }),
    prisma.privacyRequest.createMany({ data: rows.privacyRequest }),
    prisma.privacyRequestEvent.createMany({ data: rows.privacyRequestEvent }),
    prisma.requestExtension.createMany({ data: rows.requestExtension }),
    prisma.subjectFlag.createMany({ data: rows.subjectFlag }),
    prisma.erasureReceipt.createMany({ data: rows.erasureReceipt }),
    prisma.legalHold.createMany({ data: rows.legalHold }),
    prisma.retentionRun.createMany({ data: rows.retentionRun }),
  ]);
  return {
    logins: staff.map(({ email, roles }) => ({ email, password, roles: [...roles] })),
    widgetKey: demoSites[0].widgetKey,
    widgetKeys: demoSites.map((site) => ({ site: site.name, widgetKey: site.widgetKey })),
    erasureDemoEmail: ERASURE_DEMO_EMAIL,
    counts: Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length])),
  };
}

const staff = [
  { email: 'admin@confide.test', name: 'Amara Okafor', roles: ['ADMIN'] },
  { email: 'sales@confide.test', name: 'Daniel Brooks', roles: ['SALES'] },
  { email: 'privacy@confide.test', name: 'Iryna Melnyk', roles: ['PRIVACY'] },
  { email: 'lead@confide.test', name: 'Sofia Marin', roles: ['SALES', 'PRIVACY'] },
] as const satisfies readonly { email: string; name: string; roles: readonly Role[] }[];

const conversationsPerSite = [30, 16, 14];

const leadNotes: Record<LeadStatus, readonly string[]> = {
  NEW: ['Came in over the weekend, will look on Monday.'],
  QUALIFIED: [
    'Budget confirmed for next quarter; wants a call with a solutions engineer.',
    'Asked for a quote for 25 seats.',
  ],
  CONTACTED: [
    'Called, interested in the Business plan. Follow up next week.',
    'Sent the DPA template and pricing sheet.',
  ],
  ENGAGED: [
    'Pilot signed for 20 seats, kickoff booked.',
    'Contract signed; handed over to customer success.',
  ],
  DISQUALIFIED: ['Not a fit: they need on-premise hosting only.', 'Student project, no budget.'],
};

type SiteState = { definition: DemoSiteDefinition; id: string; holidays: Date[] };

class DemoBuilder {
  readonly #rng: SeededRandom;
  readonly #people: PeopleFactory;
  readonly #rows: Rows = {
    site: [],
    staffUser: [],
    conversation: [],
    message: [],
    detectedContact: [],
    lead: [],
    leadNote: [],
    consent: [],
    privacyRequest: [],
    privacyRequestEvent: [],
    requestExtension: [],
    subjectFlag: [],
    erasureReceipt: [],
    legalHold: [],
    retentionRun: [],
  };
  readonly #sites: SiteState[] = [];
  readonly #staffIds = new Map<string, string>();
  /** Leads in creation order; privacy requests pick their subjects from here. */
  readonly #leads: LeadRow[] = [];
  readonly #usedSubjects = new Set<string>([ERASURE_DEMO_EMAIL]);
  /** Subjects whose marketing consent is granted and not withdrawn. */
  readonly #marketingConsent = new Set<string>();

  constructor(
    private readonly now: Date,
    seed: number,
    private readonly passwordHash: string,
    private readonly subjectHashKey: string,
  ) {
    this.#rng = new SeededRandom(seed);
    this.#people = new PeopleFactory(this.#rng, now);
  }

  build(): Rows {
    this.#addStaff();
    this.#addSites();
    this.#addConversations();
    this.#addContactFormLeads();
    this.#addPrivacyRequests();
    this.#addRetentionHistory();
    return this.#rows;
  }

  #ago(days: number): Date {
    return new Date(this.now.getTime() - days * DAY);
  }

  #staffId(email: (typeof staff)[number]['email']): string {
    return this.#staffIds.get(email) as string;
  }

  #privacyOfficer(): string {
    return this.#staffId(this.#rng.pick(['privacy@confide.test', 'lead@confide.test'] as const));
  }

  #addStaff(): void {
    staff.forEach((member, index) => {
      const createdAt = new Date(this.#ago(200).getTime() + index * HOUR);
      const id = this.#rng.uuid7(createdAt);
      this.#staffIds.set(member.email, id);
      this.#rows.staffUser.push({
        id,
        email: member.email,
        name: member.name,
        passwordHash: this.passwordHash,
        roles: [...member.roles],
        createdAt,
        updatedAt: createdAt,
      });
    });
  }

  #addSites(): void {
    demoSites.forEach((definition, index) => {
      const createdAt = addDays(this.#ago(400), index * 7);
      const id = this.#rng.uuid7(createdAt);
      this.#sites.push({ definition, id, holidays: holidayDates(definition, this.now) });
      this.#rows.site.push(siteRow(definition, id, createdAt, this.now));
    });
  }

  #addConversations(): void {
    const rng = this.#rng;
    this.#sites.forEach((site, siteIndex) => {
      const count = conversationsPerSite[siteIndex] ?? 0;
      for (let index = 0; index < count; index++) {
        // Fixed positions guarantee each demo case exists whatever the seed; the rest is random.
        const isPrimary = siteIndex === 0;
        if (isPrimary && index === 0) this.#addErasureDemo(site);
        else if (siteIndex === 2 && index === 5) this.#addChildConversation(site);
        else {
          const expiring = index >= 2 && index <= 4;
          this.#addChatConversation(site, {
            expiring,
            legalHold: isPrimary && index === 2,
            redaction: index === 6 || rng.chance(0.1),
            lead: index >= 7 && index <= 11 ? true : rng.chance(0.5),
          });
        }
      }
    });
  }

  #store(generated: GeneratedConversation): GeneratedConversation {
    this.#rows.conversation.push(generated.conversation);
    this.#rows.message.push(...generated.messages);
    this.#rows.detectedContact.push(...generated.detectedContacts);
    return generated;
  }

  #addChatConversation(
    site: SiteState,
    options: { expiring: boolean; legalHold: boolean; redaction: boolean; lead: boolean },
  ): void {
    const rng = this.#rng;
    const channel = rng.chance(0.7) ? 'WIDGET' : 'AI_PAGE';
    const context = visitorContext(site.definition, channel, rng);
    const retentionDays = site.definition.policy.conversationRetentionDays;
    const lastMessageAt = options.expiring
      ? new Date(this.now.getTime() - (retentionDays - rng.between(1, 6)) * DAY - rng.int(12) * HOUR)
      : lastMessageTime(rng, this.now, retentionDays, 8);
    const person = options.lead
      ? this.#people.person(context.language, context.country, { phoneChance: 0.4 })
      : undefined;
    if (person) person.email = asTyped(rng, person.email);
    // Some visitors type their details into the chat; the others use the widget's contact card.
    const typed = person && rng.chance(0.4) ? person : undefined;
    const mentioned =
      !person && rng.chance(0.12)
        ? this.#people.person(context.language, context.country, { phoneChance: 0 })
        : undefined;
    const generated = this.#store(
      generateConversation(rng, {
        siteId: site.id,
        channel,
        context,
        lastMessageAt,
        retentionDays,
        ipHash: rng.hex(64),
        dialogue: {
          length: rng.between(2, 12),
          redaction: options.redaction,
          ...(typed && { contact: typed }),
          ...(mentioned && { mentionedEmail: mentioned.email }),
        },
      }),
    );
    if (person) this.#addChatLead(site, generated, person);
    if (options.legalHold) {
      const placedAt = this.#ago(2);
      this.#rows.legalHold.push({
        id: rng.uuid7(placedAt),
        conversationId: generated.conversation.id,
        reason:
          'Customer disputes the price quoted in this chat; keep the transcript until the dispute is settled (ticket LEGAL-112).',
        ownerId: this.#staffId('admin@confide.test'),
        placedAt,
      });
    }
  }

  /** The subject of the erasure demo: a lead in one conversation, only typed into another. */
  #addErasureDemo(site: SiteState): void {
    const rng = this.#rng;
    const retentionDays = site.definition.policy.conversationRetentionDays;
    const ipHash = rng.hex(64);
    const context = visitorContext(site.definition, 'WIDGET', rng, 'en');
    const olena: Person = {
      firstName: 'Olena',
      lastName: 'Kovalenko',
      name: 'Olena Kovalenko',
      jobTitle: 'Procurement Specialist',
      company: 'Harbor & Finch',
      email: ' Olena.Kovalenko@example.com',
    };
    const first = this.#store(
      generateConversation(rng, {
        siteId: site.id,
        channel: 'WIDGET',
        context,
        lastMessageAt: this.#ago(21),
        retentionDays,
        ipHash,
        dialogue: { length: 6 },
      }),
    );
    const lead = this.#addChatLead(site, first, olena, 'QUALIFIED');
    this.#rows.leadNote.push({
      id: rng.uuid7(addDays(lead.createdAt, 1)),
      leadId: lead.id,
      authorId: lead.ownerId ?? null,
      body: 'Asked for a quote for 25 seats; call booked with Olena for Thursday.',
      createdAt: addDays(lead.createdAt, 1),
    });
    this.#store(
      generateConversation(rng, {
        siteId: site.id,
        channel: 'AI_PAGE',
        context: { ...context, pageUrl: `https://${site.definition.domain}/ai` },
        lastMessageAt: this.#ago(9),
        retentionDays,
        ipHash,
        dialogue: { length: 4, mentionedEmail: 'OLENA.KOVALENKO@Example.com' },
      }),
    );
  }

  /** A minor on the adults-only site (004: under 18): flagged for erasure at once. */
  #addChildConversation(site: SiteState): void {
    const rng = this.#rng;
    this.#store(
      generateConversation(rng, {
        siteId: site.id,
        channel: 'WIDGET',
        context: visitorContext(site.definition, 'WIDGET', rng, 'ru'),
        lastMessageAt: this.#ago(1),
        retentionDays: site.definition.policy.conversationRetentionDays,
        ipHash: rng.hex(64),
        isChildData: true,
        dialogue: { length: 2, child: true },
      }),
    );
  }

  #addChatLead(
    site: SiteState,
    generated: GeneratedConversation,
    person: Person,
    forcedStatus?: LeadStatus,
  ): LeadRow {
    const visitorMessages = generated.messages.filter((message) => message.role === 'VISITOR');
    const createdAt = (visitorMessages.at(-1) ?? generated.messages[0])?.sentAt as Date;
    const lead = this.#addLead(site, {
      person,
      source: 'CHAT',
      conversationId: generated.conversation.id,
      createdAt,
      // Until every status has appeared once, the next lead takes the first missing one.
      status:
        forcedStatus ??
        leadStatuses.find((status) => !this.#leads.some((lead) => lead.status === status)) ??
        this.#rng.weighted(leadStatusWeights),
    });
    this.#addLeadConsents(site, lead, generated.conversation.startedAt);
    return lead;
  }

  #addLead(
    site: SiteState,
    input: {
      person: Person;
      source: 'CHAT' | 'CONTACT_FORM';
      conversationId?: string;
      createdAt: Date;
      status: LeadStatus;
    },
  ): LeadRow {
    const rng = this.#rng;
    const ownerIds = [this.#staffId('sales@confide.test'), this.#staffId('lead@confide.test')];
    const lead = buildLead(rng, {
      ...input,
      site: site.definition,
      siteId: site.id,
      now: this.now,
      ownerIds,
    });
    this.#rows.lead.push(lead);
    this.#leads.push(lead);
    if (lead.ownerId && lead.status !== 'NEW' && rng.chance(0.5)) {
      const at = rng.dateBetween(lead.createdAt, this.now);
      this.#rows.leadNote.push({
        id: rng.uuid7(at),
        leadId: lead.id,
        authorId: lead.ownerId,
        body: rng.pick(leadNotes[lead.status as LeadStatus]),
        createdAt: at,
      });
    }
    return lead;
  }

  #addLeadConsents(site: SiteState, lead: LeadRow, chatStartedAt: Date | null): void {
    const { rows, marketingActive } = buildLeadConsents(this.#rng, {
      site: site.definition,
      siteId: site.id,
      lead,
      chatStartedAt,
      now: this.now,
    });
    this.#rows.consent.push(...rows);
    if (marketingActive) this.#marketingConsent.add(lead.emailNormalized);
  }

  /** Contact-form leads (000 §7): some recent, one exported over a year ago, one in an engagement. */
  #addContactFormLeads(): void {
    const rng = this.#rng;
    const plans: [site: number, status: LeadStatus, ageDays: number][] = [
      [0, 'NEW', 2],
      [0, 'CONTACTED', 410],
      [0, 'ENGAGED', 240],
      [1, 'QUALIFIED', 12],
      [2, 'DISQUALIFIED', 30],
    ];
    for (const [siteIndex, status, ageDays] of plans) {
      const site = this.#sites[siteIndex] as SiteState;
      const language = siteIndex === 0 ? 'en' : siteIndex === 1 ? 'uk' : 'ru';
      const [country] = rng.pick(site.definition.places[language] ?? []);
      const person = this.#people.person(language, country, { phoneChance: 0.8 });
      person.email = asTyped(rng, person.email);
      const createdAt = new Date(this.#ago(ageDays).getTime() - rng.int(8) * HOUR);
      const lead = this.#addLead(site, { person, source: 'CONTACT_FORM', createdAt, status });
      this.#addLeadConsents(site, lead, null);
    }
  }

  /** A lead of `site` not yet used as a request subject (or a new address when none is left). */
  #takeSubject(
    site: SiteState,
    wanted: (lead: LeadRow) => boolean = () => true,
  ): { email: string; lead?: LeadRow } {
    const lead = this.#leads.find(
      (candidate) =>
        candidate.siteId === site.id &&
        !this.#usedSubjects.has(candidate.emailNormalized) &&
        wanted(candidate),
    );
    if (lead) {
      this.#usedSubjects.add(lead.emailNormalized);
      return { email: lead.email as string, lead };
    }
    const [country] = site.definition.places.en?.[0] ?? ['US'];
    return { email: this.#people.person('en', country, { phoneChance: 0 }).email };
  }

  #addPrivacyRequests(): void {
    const [northwind, rozumnyiDim, dialogCloud] = this.#sites as [SiteState, SiteState, SiteState];
    const requests: RequestPlan[] = [
      {
        site: northwind,
        type: 'ERASURE',
        channel: 'EMAIL',
        status: 'RECEIVED',
        receivedDaysAgo: 0.2,
        details: 'Please delete all my chats with your assistant.',
      },
      {
        site: northwind,
        type: 'ACCESS',
        channel: 'EMAIL',
        status: 'IN_PROGRESS',
        receivedDaysAgo: 34,
        details: 'I would like a copy of all personal data you hold about me.',
      },
      {
        site: northwind,
        type: 'PORTABILITY',
        channel: 'FORM',
        status: 'VERIFIED',
        receivedDaysAgo: 3,
        details: 'Please send my conversation history and contact details in a machine-readable format.',
      },
      {
        site: northwind,
        type: 'OBJECTION',
        channel: 'EMAIL',
        status: 'COMPLETED',
        receivedDaysAgo: 18,
        details: 'I object to receiving any direct marketing from you.',
        flag: 'OBJECTION',
      },
      {
        site: northwind,
        type: 'ERASURE',
        channel: 'EMAIL',
        status: 'COMPLETED',
        receivedDaysAgo: 30,
        details: 'Delete every conversation linked to this address, please.',
        erased: { conversations: 2, messages: 13, leads: 1, detectedContacts: 1, consents: 2, leadNotes: 1 },
      },
      {
        site: northwind,
        type: 'ACCESS',
        channel: 'EMAIL',
        status: 'REJECTED',
        receivedDaysAgo: 15,
        details: 'Send me everything you have on my colleague, she is on leave.',
        rejectionReason:
          'The request asks for another person’s data and the requester could not show they act on her behalf.',
      },
      {
        site: rozumnyiDim,
        type: 'ACCESS',
        channel: 'EMAIL',
        status: 'EXTENDED',
        receivedDaysAgo: 35,
        details:
          'Прошу надати інформацію про всі мої персональні дані, які ви обробляєте, включно з історією замовлень.',
        extension: {
          reason:
            'Частина даних зберігається в архіві служби доставки; для їх отримання потрібен додатковий час.',
        },
      },
      {
        site: rozumnyiDim,
        type: 'RECTIFICATION',
        channel: 'FORM',
        status: 'COMPLETED',
        receivedDaysAgo: 20,
        details: 'У моєму профілі неправильний номер телефону, виправте, будь ласка.',
      },
      {
        site: rozumnyiDim,
        type: 'ERASURE',
        channel: 'PHONE',
        status: 'RECEIVED',
        receivedDaysAgo: 2,
        details: 'Телефонний дзвінок: клієнт просить видалити листування з чатом на сайті.',
      },
      {
        site: dialogCloud,
        type: 'WITHDRAW_CONSENT',
        channel: 'EMAIL',
        status: 'COMPLETED',
        receivedDaysAgo: 12,
        details: 'Отзываю согласие на получение рекламных рассылок.',
        withdraws: 'MARKETING_COMMUNICATIONS',
      },
      {
        site: dialogCloud,
        type: 'RESTRICTION',
        channel: 'OTHER',
        status: 'IN_PROGRESS',
        receivedDaysAgo: 6,
        details: 'Письмо по почте: прошу ограничить обработку моих данных до проверки их точности.',
        flag: 'RESTRICTION',
      },
      {
        site: dialogCloud,
        type: 'ERASURE',
        channel: 'EMAIL',
        status: 'VERIFIED',
        receivedDaysAgo: 4,
        details: 'Удалите, пожалуйста, все мои диалоги и контактные данные.',
      },
    ];
    for (const plan of requests) this.#addPrivacyRequest(plan);
  }

  #addPrivacyRequest(plan: RequestPlan): void {
    const rng = this.#rng;
    const { site } = plan;
    const policy = site.definition.policy;
    // A completed erasure left nothing of its subject, so it gets an address no other row holds.
    const subject = plan.erased
      ? { email: this.#people.person('en', 'US', { phoneChance: 0 }).email }
      : this.#takeSubject(
          site,
          plan.withdraws ? (lead) => this.#marketingConsent.has(lead.emailNormalized) : undefined,
        );
    const receivedAt = new Date(this.now.getTime() - plan.receivedDaysAgo * DAY);
    const due = (days: number, unit: DeadlineUnit) => addDeadline(receivedAt, days, unit, site.holidays);
    const initialDueAt =
      plan.type === 'ERASURE'
        ? due(policy.erasureDueDays, policy.erasureDueUnit)
        : due(policy.requestDueDays, policy.requestDueUnit);
    const examinationDueAt = policy.examinationDueDays
      ? due(policy.examinationDueDays, policy.examinationDueUnit)
      : null;
    const assigneeId = plan.status === 'RECEIVED' ? null : this.#privacyOfficer();
    const requestId = rng.uuid7(receivedAt);
    const email = normalizeEmail(subject.email);

    // The timeline, oldest first; each step a little after the one before and never after now.
    const events: Prisma.PrivacyRequestEventCreateManyInput[] = [];
    let clock = receivedAt;
    const step = (
      type: string,
      message: string,
      data: Prisma.InputJsonObject | undefined,
      actorId: string | null,
      at = rng.dateBetween(clock, new Date(Math.min(this.now.getTime(), clock.getTime() + 2 * DAY))),
    ) => {
      clock = at;
      events.push({ id: rng.uuid7(at), requestId, type, actorId, message, data, occurredAt: at });
      return at;
    };
    step(
      'CREATED',
      `Request received by ${plan.channel.toLowerCase()}`,
      { type: plan.type, channel: plan.channel },
      null,
      receivedAt,
    );

    let verifiedAt: Date | null = null;
    let completedAt: Date | null = null;
    let rejectedAt: Date | null = null;
    let dueAt = initialDueAt;
    if (plan.status === 'REJECTED') {
      rejectedAt = step(
        'REJECTED',
        plan.rejectionReason ?? 'Rejected',
        { from: 'RECEIVED', to: 'REJECTED' },
        assigneeId,
      );
    } else if (plan.status !== 'RECEIVED') {
      verifiedAt = step(
        'VERIFIED',
        'Requester confirmed the request from the address on file',
        { from: 'RECEIVED', to: 'VERIFIED' },
        assigneeId,
      );
      if (plan.status !== 'VERIFIED') {
        step('STATUS_CHANGED', 'Work started', { from: 'VERIFIED', to: 'IN_PROGRESS' }, assigneeId);
      }
      if (plan.extension) {
        const noticeDate = new Date(Math.min(addDays(receivedAt, 28).getTime(), this.now.getTime() - HOUR));
        dueAt = due(policy.requestMaxDueDays, policy.requestMaxDueUnit);
        const official =
          staff.find((member) => this.#staffId(member.email) === assigneeId)?.name ?? 'Privacy officer';
        step(
          'EXTENDED',
          `Postponement notice sent to the requester, signed by ${official}`,
          {
            from: 'IN_PROGRESS',
            to: 'EXTENDED',
            previousDueAt: initialDueAt.toISOString(),
            newDueAt: dueAt.toISOString(),
          },
          assigneeId,
          noticeDate,
        );
        this.#rows.requestExtension.push({
          id: rng.uuid7(noticeDate),
          requestId,
          officialName: `${official}, відповідальна особа з питань захисту персональних даних`,
          noticeDate,
          reason: plan.extension.reason,
          previousDueAt: initialDueAt,
          newDueAt: dueAt,
          createdById: assigneeId,
          createdAt: noticeDate,
        });
      }
      if (plan.status === 'COMPLETED') {
        if (plan.erased) {
          const at = step(
            'ERASURE_EXECUTED',
            'Erased every record linked to the address',
            { counts: plan.erased },
            assigneeId,
          );
          this.#addErasureReceipt(site, requestId, email, plan.erased, assigneeId, at);
        }
        if (plan.flag) this.#addFlag(site, requestId, email, plan.flag, clock, assigneeId);
        if (plan.withdraws)
          this.#addWithdrawal(site, requestId, email, plan.withdraws, subject.lead, clock, assigneeId);
        completedAt = step(
          'COMPLETED',
          'Requester informed by email',
          { from: 'IN_PROGRESS', to: 'COMPLETED' },
          assigneeId,
        );
      } else if (plan.flag) {
        this.#addFlag(site, requestId, email, plan.flag, clock, assigneeId);
      }
    }

    this.#rows.privacyRequestEvent.push(...events);
    this.#rows.privacyRequest.push({
      id: requestId,
      siteId: site.id,
      type: plan.type,
      channel: plan.channel,
      // Erasure clears the address itself; the keyed hash stays as proof.
      requesterEmail: plan.erased ? null : subject.email.trim(),
      requesterEmailNormalized: plan.erased ? null : email,
      requesterEmailHash: subjectHash(email, this.subjectHashKey),
      details: plan.details,
      status: plan.status,
      assigneeId,
      receivedAt,
      examinationDueAt,
      dueAt,
      verifiedAt,
      completedAt,
      rejectedAt,
      rejectionReason: plan.rejectionReason ?? null,
      createdAt: receivedAt,
      updatedAt: clock,
    });
  }

  #addErasureReceipt(
    site: SiteState,
    requestId: string,
    email: string,
    counts: Record<string, number>,
    executedById: string | null,
    startedAt: Date,
  ): void {
    const completedAt = new Date(startedAt.getTime() + 4 * 1000);
    const replyText = site.definition.policy.erasureReplyTemplate
      .replaceAll('{{site}}', site.definition.name)
      .replaceAll('{{date}}', isoDate(completedAt))
      .replaceAll('{{count}}', String(counts.conversations ?? 0));
    this.#rows.erasureReceipt.push({
      id: this.#rng.uuid7(startedAt),
      requestId,
      siteId: site.id,
      subjectHash: subjectHash(email, this.subjectHashKey),
      counts,
      executedById,
      startedAt,
      completedAt,
      verificationPassed: true,
      verifiedAt: new Date(completedAt.getTime() + 1000),
      replyText,
    });
  }

  #addFlag(
    site: SiteState,
    requestId: string,
    email: string,
    kind: 'RESTRICTION' | 'OBJECTION',
    placedAt: Date,
    placedById: string | null,
  ): void {
    this.#rows.subjectFlag.push({
      id: this.#rng.uuid7(placedAt),
      siteId: site.id,
      subjectEmailNormalized: email,
      kind,
      reason:
        kind === 'OBJECTION'
          ? 'Objection to direct marketing'
          : 'Accuracy of the data contested; restricted until checked',
      requestId,
      placedById,
      placedAt,
    });
  }

  #addWithdrawal(
    site: SiteState,
    requestId: string,
    email: string,
    purpose: ConsentPurpose,
    lead: LeadRow | undefined,
    occurredAt: Date,
    recordedById: string | null,
  ): void {
    this.#rows.consent.push({
      id: this.#rng.uuid7(occurredAt),
      siteId: site.id,
      subjectEmailNormalized: email,
      leadId: lead?.id ?? null,
      purpose,
      legalBasis: 'CONSENT',
      action: 'WITHDRAWN',
      source: 'EMAIL',
      policyVersion: site.definition.policy.policyVersion,
      evidence: `Withdrawal by email, handled as privacy request ${requestId}`,
      recordedById,
      occurredAt,
      createdAt: occurredAt,
    });
    this.#marketingConsent.delete(email);
  }

  /** Two nightly sweeps and a manual dry run, as the retention page would show them. */
  #addRetentionHistory(): void {
    const rng = this.#rng;
    for (const daysAgo of [2, 1]) {
      const startedAt = new Date(this.#ago(daysAgo).getTime() - (this.now.getTime() % DAY) + 2 * HOUR);
      const conversations = rng.between(1, 5);
      this.#rows.retentionRun.push({
        id: rng.uuid7(startedAt),
        trigger: 'SCHEDULE',
        dryRun: false,
        status: 'COMPLETED',
        startedAt,
        finishedAt: new Date(startedAt.getTime() + rng.between(300, 2500)),
        counts: {
          conversations,
          messages: conversations * rng.between(4, 9),
          leads: 0,
          detectedContacts: rng.between(0, 2),
        },
      });
    }
    const startedAt = new Date(this.now.getTime() - 3 * HOUR);
    this.#rows.retentionRun.push({
      id: rng.uuid7(startedAt),
      siteId: (this.#sites[0] as SiteState).id,
      trigger: 'MANUAL',
      dryRun: true,
      status: 'COMPLETED',
      startedAt,
      finishedAt: new Date(startedAt.getTime() + 420),
      counts: { conversations: 0, messages: 0, leads: 0, detectedContacts: 0 },
      skippedOnHold: 0,
      triggeredById: this.#staffId('privacy@confide.test'),
    });
  }
}

type RequestPlan = {
  site: SiteState;
  type: PrivacyRequestType;
  channel: PrivacyRequestChannel;
  status: PrivacyRequestStatus;
  receivedDaysAgo: number;
  details: string;
  rejectionReason?: string;
  extension?: { reason: string };
  /** For a completed erasure: what it removed. */
  erased?: Record<string, number>;
  flag?: 'RESTRICTION' | 'OBJECTION';
  withdraws?: ConsentPurpose;
};
