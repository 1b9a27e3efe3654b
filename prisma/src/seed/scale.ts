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
  now: Date;
  conversations?: number;
  /** Average messages per conversation (2 to 2 × average − 2 each). */
  messagesPerConversation?: number;
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
      'id', 'siteId', 'externalId', 'channel', 'startedAt', 'lastMessageAt', 'expiresAt', 'messageCount', 'ipHash',
      'country', 'city', 'userAgent', 'referrer', 'pageUrl', 'isChildData', 'createdAt', 'updatedAt',
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
      'id', 'siteId', 'conversationId', 'source', 'name', 'jobTitle', 'email', 'emailNormalized', 'phone', 'company',
      'status', 'ownerId', 'exportedAt', 'engagedAt', 'retainUntil', 'createdAt', 'updatedAt',
    ],
  },
  consent: {
    name: 'Consent',
    columns: [
      'id', 'siteId', 'subjectEmailNormalized', 'leadId', 'purpose', 'legalBasis', 'action', 'source', 'policyVersion',
      'evidence', 'recordedById', 'occurredAt', 'createdAt',
    ],
  },
} as const satisfies Record<string, CopyTable>;

// Conversations generated and loaded together; a chunk's rows stay in memory until copied.
const chunkSize = 2_000;
const benchConversationCount = 50;
const siteWeights: readonly (readonly [number, number])[] = [
  [0, 5],
  [1, 3],
  [2, 2],
];
// How the benchmark subject wrote their address: matching must ignore case and spaces.
const benchSpellings = [BENCH_SUBJECT_EMAIL, 'Bench.Subject@example.com', ' BENCH.SUBJECT@EXAMPLE.COM', 'bench.subject@Example.com '];

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

  const conversations = options.conversations ?? 100_000;
  const generator = new ScaleGenerator(options, sites, ownerIds);
  const summary = { conversations: 0, messages: 0, detectedContacts: 0, leads: 0, consents: 0 };
  // Conversations, leads and consents go through one connection, messages through another, so
  // PostgreSQL indexes messages on one core while the other serves the rest and this generator.
  const main = new pg.Client({ connectionString: options.databaseUrl });
  const messages = new pg.Client({ connectionString: options.databaseUrl });
  await Promise.all([main.connect(), messages.connect()]);
  try {
    const searchIndex = await deferSearchIndex(messages);
    let messagesCopied: Promise<unknown> = Promise.resolve();
    const T = { gen: 0, conv: 0, waitMsg: 0, msgBusy: 0, leads: 0, consents: 0 };
    (globalThis as any).T = T;
    for (let start = 0; start < conversations; start += chunkSize) {
      let t = performance.now();
      const chunk = generator.conversations(start, Math.min(start + chunkSize, conversations));
      T.gen += performance.now() - t; t = performance.now();
      // Messages reference conversations, so each chunk's conversations are committed first.
      summary.conversations += await copyLines(main, tables.conversation, chunk.conversations);
      T.conv += performance.now() - t; t = performance.now();
      await messagesCopied;
      T.waitMsg += performance.now() - t; t = performance.now();
      const mt = performance.now();
      messagesCopied = copyLines(messages, tables.message, chunk.messages).then((count) => { T.msgBusy += performance.now() - mt; return (summary.messages += count); });
      summary.leads += await copyLines(main, tables.lead, chunk.leads);
      T.leads += performance.now() - t; t = performance.now();
      summary.consents += await copyLines(main, tables.consent, chunk.consents);
      T.consents += performance.now() - t;
      log(`  ${summary.conversations.toLocaleString('en')} / ${conversations.toLocaleString('en')} conversations, ${seconds()}`);
    }
    const formLeads = generator.contactFormLeads(options.leads ?? 30_000);
    summary.leads += await copyLines(main, tables.lead, formLeads.leads);
    summary.consents += await copyLines(main, tables.consent, formLeads.consents);
    await messagesCopied;
    log(`  ${summary.messages.toLocaleString('en')} messages copied, ${seconds()}; building the search index`);
    await searchIndex.restore();
    log(`  search index built, ${seconds()}`); log(JSON.stringify(T));
    // Detected contacts point at messages, which are visible once the message load committed.
    summary.detectedContacts = await copyLines(main, tables.detectedContact, generator.detectedContacts);
    await main.query('ANALYZE "Conversation", "Message", "DetectedContact", "Lead", "Consent"');
  } finally {
    await Promise.all([main.end(), messages.end()]);
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
      if (!row) throw new Error(`Demo site "${definition.name}" not found: the scale seed needs the demo data set`);
      // The database's retention settings win over the demo definition's, so expiry dates agree.
      const policy = {
        ...definition.policy,
        conversationRetentionDays: row.conversationRetentionDays,
        leadRetentionMonths: row.leadRetentionMonths,
      };
      return { definition: { ...definition, policy }, id: row.id };
    });
    const loaded = await prisma.detectedContact.findFirst({ where: { kind: 'EMAIL', value: BENCH_SUBJECT_EMAIL } });
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

/**
 * Maintaining the full-text GIN index row by row costs more than building it once, so the message
 * load runs in one transaction that drops the index and recreates it from its own definition before
 * committing. Any failure rolls back to the index as the migrations made it.
 */
async function deferSearchIndex(client: pg.Client): Promise<{ restore(): Promise<void> }> {
  await client.query('BEGIN');
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'Message' AND indexdef LIKE '% USING gin %'`,
  );
  for (const { indexname } of rows) await client.query(`DROP INDEX "${indexname.replaceAll('"', '""')}"`);
  return {
    async restore() {
      await client.query("SET LOCAL maintenance_work_mem = '512MB'");
      for (const { indexdef } of rows) await client.query(indexdef);
      await client.query('COMMIT');
    },
  };
}

type Chunk = { conversations: string[]; messages: string[]; leads: string[]; consents: string[] };

class ScaleGenerator {
  readonly #rng: SeededRandom;
  readonly #people: PeopleFactory;
  readonly #now: Date;
  readonly #total: number;
  readonly #averageLength: number;
  /** Conversation index → ordinal among the benchmark subject's conversations. */
  readonly #bench = new Map<number, number>();
  #chatLeadsLeft: number;
  #candidatesLeft: number;
  readonly detectedContacts: string[] = [];

  constructor(
    options: ScaleOptions,
    private readonly sites: readonly ScaleSite[],
    private readonly ownerIds: readonly string[],
  ) {
    this.#rng = new SeededRandom(options.seed ?? SCALE_SEED);
    this.#now = options.now;
    this.#people = new PeopleFactory(this.#rng, options.now);
    this.#total = options.conversations ?? 100_000;
    this.#averageLength = options.messagesPerConversation ?? 10;
    // The subject's conversations are spread evenly; half of them left contact details.
    const benchCount = Math.min(benchConversationCount, Math.floor(this.#total / 2));
    for (let ordinal = 0; ordinal < benchCount; ordinal++) {
      this.#bench.set(Math.floor(((ordinal + 0.5) * this.#total) / benchCount), ordinal);
    }
    const chatLeads = Math.min(Math.round((options.leads ?? 30_000) * 0.9), this.#total);
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
    const benchOrdinal = this.#bench.get(index);
    const isBench = benchOrdinal !== undefined;
    const site = this.sites[isBench ? 0 : rng.weighted(siteWeights)] as ScaleSite;
    const channel = rng.chance(0.7) ? 'WIDGET' : 'AI_PAGE';
    const context = visitorContext(site.definition, channel, rng, isBench ? 'en' : undefined);

    let person: Person | undefined;
    let mentionedEmail: string | undefined;
    if (isBench) {
      const spelling = benchSpellings[benchOrdinal % benchSpellings.length] as string;
      if (benchOrdinal % 2 === 0) {
        person = { ...this.#people.person('en', context.country, { phoneChance: 0 }), email: spelling };
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
    const typed = person && (isBench || rng.chance(0.4)) ? { ...person, email: person.email.trim() } : undefined;

    const retentionDays = site.definition.policy.conversationRetentionDays;
    const generated = generateConversation(rng, {
      siteId: site.id,
      channel,
      context,
      lastMessageAt: lastMessageTime(rng, this.#now, retentionDays, 1),
      retentionDays,
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
    for (const contact of generated.detectedContacts) this.detectedContacts.push(copyLine(tables.detectedContact, contact));
    if (person) {
      const lastVisitorMessage = generated.messages.findLast((message) => message.role === 'VISITOR');
      this.#lead(chunk, site, person, (lastVisitorMessage ?? generated.messages[0])?.sentAt as Date, {
        conversationId: generated.conversation.id,
        chatStartedAt: generated.conversation.startedAt,
      });
    }
  }

  /** The leads that came through contact forms, up to `leads` in all. */
  contactFormLeads(leads: number): Chunk {
    const rng = this.#rng;
    const chunk: Chunk = { conversations: [], messages: [], leads: [], consents: [] };
    const chatLeads = Math.min(Math.round(leads * 0.9), this.#total);
    for (let i = chatLeads; i < leads; i++) {
      const site = this.sites[rng.weighted(siteWeights)] as ScaleSite;
      const language = rng.weighted(site.definition.languages);
      const [country] = rng.pick(site.definition.places[language] ?? []);
      const person = this.#people.person(language, country, { phoneChance: 0.7 });
      person.email = asTyped(rng, person.email);
      this.#lead(chunk, site, person, new Date(this.#now.getTime() - rng.int(365 * DAY)), { chatStartedAt: null });
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
