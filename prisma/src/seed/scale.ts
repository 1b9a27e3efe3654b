import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/client/client.ts';
import { generateConversation, lastMessageTime } from './conversations.ts';
import { copyLine, copyLines, type CopyTable } from './copy.ts';
import { isDatabaseEmpty, seedDemo } from './demo.ts';
import { asTyped, buildLead, buildLeadConsents, leadStatusWeights } from './leads.ts';
import { PeopleFactory, type Person } from './people.ts';
import { SeededRandom } from './random.ts';
import { demoSites, visitorContext, widgetKeyHash, type DemoSiteDefinition } from './sites.ts';
import { DAY } from './time.ts';

export const SCALE_SEED = 1_000_003;
/** Known subject for discovery benchmarks: a lead in some scale conversations, typed into the others. */
export const BENCH_SUBJECT_EMAIL = 'bench.subject@example.com';

export type ScaleOptions = {
  /** A postgres:// URL; the scale seed streams with COPY, which PGlite does not take from a client. */
  databaseUrl: string;
  /** Every generated time is relative to this. */
  now: Date;
  /** Default 100,000. */
  conversations?: number;
  /** Average messages per conversation (2 to 2 × average − 2 each); default 10. */
  messagesPerConversation?: number;
  /** Default 30% of the conversations (30,000); nine in ten come from chats, the rest from contact forms. */
  leads?: number;
  seed?: number;
  /** Progress lines; `console.log` unless given. */
  log?: (line: string) => void;
};

export type ScaleSummary = {
  conversations: number;
  messages: number;
  detectedContacts: number;
  leads: number;
  consents: number;
  benchSubjectEmail: string;
  benchConversations: number;
  elapsedMs: number;
};

const tables = {
  conversation: {
    name: 'Conversation',
    columns: [
      'id',
      'siteId',
      'externalId',
      'channel',
      'startedAt',
      'lastMessageAt',
      'expiresAt',
      'messageCount',
      'ipHash',
      'country',
      'city',
      'userAgent',
      'referrer',
      'pageUrl',
      'isChildData',
      'createdAt',
      'updatedAt',
    ],
  },
  message: {
    name: 'Message',
    columns: ['id', 'conversationId', 'externalId', 'role', 'text', 'redactionCount', 'sentAt', 'createdAt'],
  },
  detectedContact: {
    name: 'DetectedContact',
    columns: ['id', 'conversationId', 'messageId', 'kind', 'value', 'createdAt'],
  },
  lead: {
    name: 'Lead',
    columns: [
      'id',
      'siteId',
      'conversationId',
      'source',
      'name',
      'jobTitle',
      'email',
      'emailNormalized',
      'phone',
      'company',
      'status',
      'ownerId',
      'exportedAt',
      'engagedAt',
      'retainUntil',
      'createdAt',
      'updatedAt',
    ],
  },
  consent: {
    name: 'Consent',
    columns: [
      'id',
      'siteId',
      'subjectEmailNormalized',
      'leadId',
      'purpose',
      'legalBasis',
      'action',
      'source',
      'policyVersion',
      'evidence',
      'recordedById',
      'occurredAt',
      'createdAt',
    ],
  },
} as const satisfies Record<string, CopyTable>;

const defaultConversations = 100_000;
// Conversations generated and loaded together; a chunk's rows stay in memory until copied.
const chunkSize = 2_000;
const messageConnections = 2;
const benchConversationCount = 50;
const siteWeights: readonly (readonly [number, number])[] = [
  [0, 5],
  [1, 3],
  [2, 2],
];
/** The benchmark subject: one person, so name scans after an erasure have something to find too. */
const benchSubject: Omit<Person, 'email'> = {
  firstName: 'Jordan',
  lastName: 'Benchley',
  name: 'Jordan Benchley',
  jobTitle: 'Head of Operations',
  company: 'Quarry Labs',
};
// How the benchmark subject wrote their address: matching must ignore case and spaces.
const benchSpellings = [
  BENCH_SUBJECT_EMAIL,
  'Bench.Subject@example.com',
  ' BENCH.SUBJECT@EXAMPLE.COM',
  'bench.subject@Example.com ',
];

/**
 * Loads a large, realistic data set into PostgreSQL for benchmarks: by default 100,000
 * conversations with about 1,000,000 messages and 30,000 leads, spread over the demo sites
 * (seeded first when the database is empty). Rows are generated chunk by chunk and streamed with
 * COPY. Deterministic for a given `now` and `seed`.
 */
export async function seedScale(options: ScaleOptions): Promise<ScaleSummary> {
  const startedAt = performance.now();
  const log = options.log ?? console.log;
  const seconds = () => `${((performance.now() - startedAt) / 1000).toFixed(1)}s`;
  const { sites, ownerIds } = await prepareDatabase(options, log);

  const conversations = options.conversations ?? defaultConversations;
  const leads = options.leads ?? Math.round(conversations * 0.3);
  const generator = new ScaleGenerator({ ...options, conversations, leads }, sites, ownerIds);
  log(
    `Generating ${conversations.toLocaleString('en')} conversations and ${leads.toLocaleString('en')} leads`,
  );
  const summary = { conversations: 0, messages: 0, detectedContacts: 0, leads: 0, consents: 0 };
  // Conversations, leads and consents go through one connection; messages, most of PostgreSQL's
  // work (the search vector and four indexes), through their own, loaded while this process generates.
  const connect = async () => {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    return client;
  };
  const main = await connect();
  // Two message connections keep two server processes busy; with two cores that measured 15% faster than one.
  const messageLanes = await Promise.all(
    Array.from({ length: messageConnections }, async () => ({
      client: await connect(),
      copied: Promise.resolve(),
    })),
  );
  try {
    for (let start = 0, chunkIndex = 0; start < conversations; start += chunkSize, chunkIndex++) {
      const chunk = generator.conversations(start, Math.min(start + chunkSize, conversations));
      // Messages reference conversations, so each chunk's conversations are committed first.
      summary.conversations += await copyLines(main, tables.conversation, chunk.conversations);
      const lane = messageLanes[chunkIndex % messageConnections] as (typeof messageLanes)[number];
      await lane.copied;
      lane.copied = copyLines(lane.client, tables.message, chunk.messages).then(
        (count) => void (summary.messages += count),
      );
      // Awaited later; marked handled now so a failure surfaces there, not as an unhandled rejection.
      lane.copied.catch(() => {});
      summary.leads += await copyLines(main, tables.lead, chunk.leads);
      summary.consents += await copyLines(main, tables.consent, chunk.consents);
      if ((chunkIndex + 1) % 5 === 0 || start + chunkSize >= conversations) {
        log(
          `  ${summary.conversations.toLocaleString('en')} / ${conversations.toLocaleString('en')} conversations, ${seconds()}`,
        );
      }
    }
    const formLeads = generator.contactFormLeads();
    summary.leads += await copyLines(main, tables.lead, formLeads.leads);
    summary.consents += await copyLines(main, tables.consent, formLeads.consents);
    await Promise.all(messageLanes.map((lane) => lane.copied));
    log(`  ${summary.messages.toLocaleString('en')} messages copied, ${seconds()}`);
    summary.detectedContacts = await copyLines(main, tables.detectedContact, generator.detectedContacts);
    // Fresh statistics, and GIN pending lists flushed into the indexes, so benchmarks right after
    // the seed get the plans and index speed production would.
    await main.query('VACUUM ANALYZE "Conversation", "Message", "DetectedContact", "Lead", "Consent"');
    log(`  detected contacts copied and tables analysed, ${seconds()}`);
  } finally {
    await Promise.all([main.end(), ...messageLanes.map((lane) => lane.client.end())]);
  }
  const elapsedMs = performance.now() - startedAt;
  log(`Scale seed done in ${seconds()}`);
  return {
    ...summary,
    benchSubjectEmail: BENCH_SUBJECT_EMAIL,
    benchConversations: generator.benchConversations,
    elapsedMs,
  };
}

type ScaleSite = { definition: DemoSiteDefinition; id: string };

/** The demo sites and sales staff to attach rows to; seeds the demo set into an empty database. */
async function prepareDatabase(
  options: ScaleOptions,
  log: (line: string) => void,
): Promise<{ sites: ScaleSite[]; ownerIds: string[] }> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl }) });
  try {
    if (await isDatabaseEmpty(prisma)) {
      log('Empty database: seeding the demo data set first');
      await seedDemo(prisma, { now: options.now });
    }
    const rows = await prisma.site.findMany({
      where: { widgetKeyHash: { in: demoSites.map((site) => widgetKeyHash(site.widgetKey)) } },
    });
    const sites = demoSites.map((definition) => {
      const row = rows.find((site) => site.widgetKeyHash === widgetKeyHash(definition.widgetKey));
      if (!row)
        throw new Error(`Demo site "${definition.name}" not found: the scale seed needs the demo data set`);
      // The database's retention settings win over the demo definition's, so expiry dates agree.
      const policy = {
        ...definition.policy,
        conversationRetentionDays: row.conversationRetentionDays,
        leadRetentionMonths: row.leadRetentionMonths,
      };
      return { definition: { ...definition, policy }, id: row.id };
    });
    const loaded = await prisma.detectedContact.findFirst({
      where: { kind: 'EMAIL', value: BENCH_SUBJECT_EMAIL },
    });
    if (loaded) throw new Error('The scale data set is already loaded (the benchmark subject exists)');
    const owners = await prisma.staffUser.findMany({
      where: { roles: { has: 'SALES' }, disabledAt: null },
      orderBy: { email: 'asc' },
      select: { id: true },
    });
    return { sites, ownerIds: owners.map((owner) => owner.id) };
  } finally {
    await prisma.$disconnect();
  }
}

type Chunk = { conversations: string[]; messages: string[]; leads: string[]; consents: string[] };

class ScaleGenerator {
  readonly #rng: SeededRandom;
  readonly #people: PeopleFactory;
  readonly #now: Date;
  readonly #total: number;
  readonly #leads: number;
  readonly #averageLength: number;
  /** Each conversation's site and last-message time, oldest first. */
  readonly #plan: { site: number; lastMessageAt: Date }[];
  /** Conversation index → ordinal among the benchmark subject's conversations. */
  readonly #bench = new Map<number, number>();
  #chatLeadsLeft: number;
  #candidatesLeft: number;
  readonly detectedContacts: string[] = [];

  constructor(
    options: ScaleOptions & { conversations: number; leads: number },
    private readonly sites: readonly ScaleSite[],
    private readonly ownerIds: readonly string[],
  ) {
    this.#rng = new SeededRandom(options.seed ?? SCALE_SEED);
    this.#now = options.now;
    this.#people = new PeopleFactory(this.#rng, options.now);
    this.#total = options.conversations;
    this.#leads = options.leads;
    this.#averageLength = options.messagesPerConversation ?? 10;
    // Rows go in in the order real chats would arrive, so every time-ordered index (the uuid v7
    // keys included) grows at its end: this cut PostgreSQL's message load by a quarter.
    this.#plan = Array.from({ length: this.#total }, () => {
      const site = this.#rng.weighted(siteWeights);
      const retentionDays = (sites[site] as ScaleSite).definition.policy.conversationRetentionDays;
      return { site, lastMessageAt: lastMessageTime(this.#rng, this.#now, retentionDays, 1) };
    }).sort((a, b) => a.lastMessageAt.getTime() - b.lastMessageAt.getTime());
    // The subject's conversations are spread evenly over Northwind's; half of them left contact details.
    const northwind = this.#plan.flatMap((planned, index) => (planned.site === 0 ? [index] : []));
    const benchCount = Math.min(benchConversationCount, Math.floor(northwind.length / 2));
    for (let ordinal = 0; ordinal < benchCount; ordinal++) {
      this.#bench.set(
        northwind[Math.floor(((ordinal + 0.5) * northwind.length) / benchCount)] as number,
        ordinal,
      );
    }
    const chatLeads = this.#chatLeads();
    const benchLeads = Math.ceil(benchCount / 2);
    this.#chatLeadsLeft = Math.max(chatLeads - benchLeads, 0);
    this.#candidatesLeft = this.#total - benchCount;
  }

  get benchConversations(): number {
    return this.#bench.size;
  }

  conversations(start: number, end: number): Chunk {
    const chunk: Chunk = { conversations: [], messages: [], leads: [], consents: [] };
    for (let index = start; index < end; index++) this.#conversation(index, chunk);
    return chunk;
  }

  #conversation(index: number, chunk: Chunk): void {
    const rng = this.#rng;
    const planned = this.#plan[index] as { site: number; lastMessageAt: Date };
    const benchOrdinal = this.#bench.get(index);
    const isBench = benchOrdinal !== undefined;
    const site = this.sites[planned.site] as ScaleSite;
    const channel = rng.chance(0.7) ? 'WIDGET' : 'AI_PAGE';
    const context = visitorContext(site.definition, channel, rng, isBench ? 'en' : undefined);

    let person: Person | undefined;
    let mentionedEmail: string | undefined;
    if (isBench) {
      const spelling = benchSpellings[benchOrdinal % benchSpellings.length] as string;
      if (benchOrdinal % 2 === 0) {
        person = { ...benchSubject, email: spelling };
      } else {
        mentionedEmail = spelling.trim();
      }
    } else {
      // Selection sampling: exactly the wanted number of chat leads, spread evenly.
      if (rng.next() * this.#candidatesLeft < this.#chatLeadsLeft) {
        person = this.#people.person(context.language, context.country, { phoneChance: 0.3 });
        person.email = asTyped(rng, person.email);
        this.#chatLeadsLeft--;
      } else if (rng.chance(0.03)) {
        mentionedEmail = this.#people.person(context.language, context.country, { phoneChance: 0 }).email;
      }
      this.#candidatesLeft--;
    }
    // The subject always typed the address; other visitors often use the widget's contact card.
    const typed =
      person && (isBench || rng.chance(0.4)) ? { ...person, email: person.email.trim() } : undefined;

    const generated = generateConversation(rng, {
      siteId: site.id,
      channel,
      context,
      lastMessageAt: planned.lastMessageAt,
      retentionDays: site.definition.policy.conversationRetentionDays,
      ipHash: rng.hex(64),
      dialogue: {
        length: 2 + rng.int(2 * this.#averageLength - 3),
        redaction: rng.chance(0.02),
        ...(typed && { contact: typed }),
        ...(mentionedEmail && { mentionedEmail }),
      },
    });
    chunk.conversations.push(copyLine(tables.conversation, generated.conversation));
    for (const message of generated.messages) chunk.messages.push(copyLine(tables.message, message));
    for (const contact of generated.detectedContacts)
      this.detectedContacts.push(copyLine(tables.detectedContact, contact));
    if (person) {
      const lastVisitorMessage = generated.messages.findLast((message) => message.role === 'VISITOR');
      this.#lead(chunk, site, person, (lastVisitorMessage ?? generated.messages[0])?.sentAt as Date, {
        conversationId: generated.conversation.id,
        chatStartedAt: generated.conversation.startedAt,
      });
    }
  }

  #chatLeads(): number {
    return Math.min(Math.round(this.#leads * 0.9), this.#total);
  }

  /** The leads that came through contact forms, up to `leads` in all. */
  contactFormLeads(): Chunk {
    const rng = this.#rng;
    const chunk: Chunk = { conversations: [], messages: [], leads: [], consents: [] };
    for (let i = this.#chatLeads(); i < this.#leads; i++) {
      const site = this.sites[rng.weighted(siteWeights)] as ScaleSite;
      const language = rng.weighted(site.definition.languages);
      const [country] = rng.pick(site.definition.places[language] ?? []);
      const person = this.#people.person(language, country, { phoneChance: 0.7 });
      person.email = asTyped(rng, person.email);
      this.#lead(chunk, site, person, new Date(this.#now.getTime() - rng.int(365 * DAY)), {
        chatStartedAt: null,
      });
    }
    return chunk;
  }

  #lead(
    chunk: Chunk,
    site: ScaleSite,
    person: Person,
    createdAt: Date,
    chat: { conversationId?: string; chatStartedAt: Date | null },
  ): void {
    const rng = this.#rng;
    const lead = buildLead(rng, {
      site: site.definition,
      siteId: site.id,
      person,
      source: chat.conversationId ? 'CHAT' : 'CONTACT_FORM',
      ...(chat.conversationId && { conversationId: chat.conversationId }),
      createdAt,
      status: rng.weighted(leadStatusWeights),
      now: this.#now,
      ownerIds: this.ownerIds,
    });
    chunk.leads.push(copyLine(tables.lead, lead));
    const { rows } = buildLeadConsents(rng, {
      site: site.definition,
      siteId: site.id,
      lead,
      chatStartedAt: chat.chatStartedAt,
      now: this.#now,
    });
    for (const row of rows) chunk.consents.push(copyLine(tables.consent, row));
  }
}
