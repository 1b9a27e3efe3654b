import type { Channel, Prisma } from '../../generated/client/client.ts';
import { sha256Hex } from './hashing.ts';
import type { Language } from './phrases.ts';
import type { SeededRandom } from './random.ts';

/** Where a visitor writes from: the country and city derived from their IP at request time. */
export type Place = readonly [country: string, city: string];

type SitePolicy = Omit<
  Prisma.SiteCreateManyInput,
  | 'id'
  | 'name'
  | 'domain'
  | 'widgetKeyHash'
  | 'widgetKeyPrefix'
  | 'allowedOrigins'
  | 'holidays'
  | 'createdAt'
  | 'updatedAt'
>;

export type DemoSiteDefinition = {
  name: string;
  domain: string;
  /** Shown once to the site owner; only its SHA-256 and first 8 characters (distinct per demo site) are stored. */
  widgetKey: string;
  policy: SitePolicy &
    Required<
      Pick<
        SitePolicy,
        | 'policyVersion'
        | 'conversationRetentionDays'
        | 'leadRetentionMonths'
        | 'erasureDueDays'
        | 'erasureDueUnit'
        | 'examinationDueUnit'
        | 'requestDueDays'
        | 'requestDueUnit'
        | 'requestMaxDueDays'
        | 'requestMaxDueUnit'
      >
    >;
  /** Public holidays as MM-DD; business-day deadlines skip them. */
  holidays: readonly string[];
  languages: readonly (readonly [Language, number])[];
  places: Readonly<Partial<Record<Language, readonly Place[]>>>;
  /** Referring pages; null is a visitor who typed the address. */
  referrers: readonly (string | null)[];
  /** Widget pages; the AI page channel is always `/ai`. */
  pages: readonly string[];
};

/** The primary policy (000): a software company with an "Ask AI" widget, GDPR deadlines, 90-day logs. */
const northwind: DemoSiteDefinition = {
  name: 'Northwind Software',
  domain: 'northwind.example',
  widgetKey: 'demo-site-key',
  policy: {
    policyVersion: '2026-04-27',
    timezone: 'America/New_York',
    childAgeThreshold: 16,
    conversationRetentionDays: 90,
    leadRetentionMonths: 24,
    engagedLegalRetentionMonths: 72,
    backupPurgeDays: 30,
    erasureDueDays: 7,
    erasureDueUnit: 'BUSINESS_DAYS',
    examinationDueDays: null,
    examinationDueUnit: 'BUSINESS_DAYS',
    requestDueDays: 30,
    requestDueUnit: 'CALENDAR_DAYS',
    requestMaxDueDays: 90,
    requestMaxDueUnit: 'CALENDAR_DAYS',
    erasureReplyTemplate:
      'Hello,\n\nas you asked, on {{date}} we deleted {{count}} AI Assistant conversation(s) linked to your email address from {{site}}. ' +
      'Backups holding them are overwritten within 30 days.\n\nThe {{site}} privacy team',
  },
  holidays: ['01-01', '06-19', '07-04', '11-11', '12-25'],
  languages: [
    ['en', 8],
    ['uk', 2],
  ],
  places: {
    en: [
      ['US', 'New York'],
      ['US', 'San Francisco'],
      ['US', 'Austin'],
      ['GB', 'London'],
      ['DE', 'Berlin'],
      ['NL', 'Amsterdam'],
      ['PL', 'Warsaw'],
      ['IE', 'Dublin'],
    ],
    uk: [
      ['UA', 'Kyiv'],
      ['UA', 'Lviv'],
      ['UA', 'Kharkiv'],
      ['UA', 'Dnipro'],
    ],
  },
  referrers: [
    'https://www.google.com/',
    'https://www.google.com/',
    'https://www.linkedin.com/',
    'https://www.bing.com/',
    'https://duckduckgo.com/',
    'https://news.ycombinator.com/',
    'https://northwind.example/blog/gdpr-checklist-for-chatbots',
    null,
  ],
  pages: [
    '/',
    '/pricing',
    '/integrations',
    '/security',
    '/services/custom-development',
    '/blog/ai-assistant-launch',
  ],
};

/** Policy 003: a Ukrainian e-commerce company; examine in 10 working days, satisfy in 30, postpone to 45. */
const rozumnyiDim: DemoSiteDefinition = {
  name: 'Rozumnyi Dim',
  domain: 'rozumnyidim.example',
  widgetKey: 'demo-ua-site-key',
  policy: {
    policyVersion: '2024-11-01',
    timezone: 'Europe/Kyiv',
    childAgeThreshold: 16,
    conversationRetentionDays: 60,
    leadRetentionMonths: 24,
    engagedLegalRetentionMonths: 36,
    backupPurgeDays: 30,
    erasureDueDays: 30,
    erasureDueUnit: 'CALENDAR_DAYS',
    examinationDueDays: 10,
    examinationDueUnit: 'BUSINESS_DAYS',
    requestDueDays: 30,
    requestDueUnit: 'CALENDAR_DAYS',
    requestMaxDueDays: 45,
    requestMaxDueUnit: 'CALENDAR_DAYS',
    erasureReplyTemplate:
      'Добрий день!\n\nНа ваш запит {{date}} ми видалили {{count}} розмов(и) з асистентом {{site}}, пов’язаних з вашою адресою.\n\nЗ повагою, служба захисту персональних даних {{site}}',
  },
  // New Year, Constitution Day, Statehood Day, Independence Day, Defenders Day, Christmas.
  holidays: ['01-01', '06-28', '07-15', '08-24', '10-01', '12-25'],
  languages: [
    ['uk', 7],
    ['ru', 2],
    ['en', 1],
  ],
  places: {
    uk: [
      ['UA', 'Kyiv'],
      ['UA', 'Lviv'],
      ['UA', 'Odesa'],
      ['UA', 'Vinnytsia'],
      ['UA', 'Ivano-Frankivsk'],
      ['UA', 'Poltava'],
    ],
    ru: [
      ['UA', 'Kharkiv'],
      ['UA', 'Dnipro'],
      ['UA', 'Odesa'],
    ],
    en: [
      ['PL', 'Warsaw'],
      ['DE', 'Berlin'],
    ],
  },
  referrers: [
    'https://www.google.com.ua/',
    'https://www.google.com.ua/',
    'https://www.facebook.com/',
    'https://hotline.ua/',
    'https://prom.ua/',
    null,
  ],
  pages: ['/', '/catalog/kamery', '/catalog/rozumni-rozetky', '/catalog/khaby', '/dostavka-i-oplata'],
};

/** Policy 004: a Russian conversational-AI cloud; 30 calendar days for everything, adults only (18). */
const dialogCloud: DemoSiteDefinition = {
  name: 'Dialog Cloud',
  domain: 'dialogcloud.example',
  widgetKey: 'demo-ru-site-key',
  policy: {
    policyVersion: '2022-06-14',
    timezone: 'Europe/Moscow',
    childAgeThreshold: 18,
    conversationRetentionDays: 180,
    leadRetentionMonths: 24,
    engagedLegalRetentionMonths: 60,
    backupPurgeDays: 30,
    erasureDueDays: 30,
    erasureDueUnit: 'CALENDAR_DAYS',
    examinationDueDays: null,
    examinationDueUnit: 'BUSINESS_DAYS',
    requestDueDays: 30,
    requestDueUnit: 'CALENDAR_DAYS',
    requestMaxDueDays: 30,
    requestMaxDueUnit: 'CALENDAR_DAYS',
    erasureReplyTemplate:
      'Здравствуйте!\n\nПо вашему запросу {{date}} мы удалили {{count}} диалог(ов) с ассистентом {{site}}, связанных с вашим адресом. ' +
      'Из резервных копий они исчезнут не позднее чем через 30 календарных дней.\n\nКоманда {{site}}',
  },
  holidays: [],
  languages: [
    ['ru', 17],
    ['en', 3],
  ],
  places: {
    ru: [
      ['RU', 'Moscow'],
      ['RU', 'Moscow'],
      ['RU', 'Saint Petersburg'],
      ['RU', 'Kazan'],
      ['RU', 'Novosibirsk'],
      ['RU', 'Yekaterinburg'],
      ['KZ', 'Almaty'],
    ],
    en: [
      ['AM', 'Yerevan'],
      ['AE', 'Dubai'],
      ['RS', 'Belgrade'],
    ],
  },
  referrers: [
    'https://yandex.ru/',
    'https://yandex.ru/',
    'https://vc.ru/',
    'https://habr.com/',
    'https://t.me/',
    null,
  ],
  pages: ['/', '/tariffs', '/docs/api', '/cases/contact-center'],
};

/** In this order everywhere: demo seed, scale seed and their summaries. */
export const demoSites = [northwind, rozumnyiDim, dialogCloud] as const;

export function widgetKeyHash(widgetKey: string): string {
  return sha256Hex(widgetKey);
}

/** The site's holidays in the years around `now`, so deadlines near New Year see both. */
export function holidayDates(site: DemoSiteDefinition, now: Date): Date[] {
  const year = now.getUTCFullYear();
  return [year - 1, year, year + 1].flatMap((y) =>
    site.holidays.map((day) => new Date(`${y}-${day}T00:00:00Z`)),
  );
}

export function siteRow(
  site: DemoSiteDefinition,
  id: string,
  createdAt: Date,
  now: Date,
): Prisma.SiteCreateManyInput {
  return {
    id,
    name: site.name,
    domain: site.domain,
    widgetKeyHash: widgetKeyHash(site.widgetKey),
    widgetKeyPrefix: site.widgetKey.slice(0, 8),
    allowedOrigins: [`https://${site.domain}`, `https://www.${site.domain}`],
    holidays: holidayDates(site, now),
    ...site.policy,
    createdAt,
    updatedAt: createdAt,
  };
}

/** Request context of one conversation, as the widget reported it. The IP itself is never kept. */
export type VisitorContext = {
  language: Language;
  country: string;
  city: string;
  userAgent: string;
  referrer: string | null;
  pageUrl: string;
};

export function visitorContext(
  site: DemoSiteDefinition,
  channel: Channel,
  rng: SeededRandom,
  language: Language = rng.weighted(site.languages),
): VisitorContext {
  const [country, city] = rng.pick(site.places[language] ?? []);
  const path = channel === 'AI_PAGE' ? '/ai' : rng.pick(site.pages);
  return {
    language,
    country,
    city,
    userAgent: rng.pick(userAgents),
    referrer: rng.pick(site.referrers),
    pageUrl: `https://${site.domain}${path}`,
  };
}

// Real browser strings of the kind sites see; Chrome's reduced UA reports versions as N.0.0.0.
const userAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 YaBrowser/24.12.0.0 Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
];

const callingCodes: Readonly<Record<string, string>> = {
  US: '1',
  GB: '44',
  DE: '49',
  NL: '31',
  PL: '48',
  IE: '353',
  UA: '380',
  RU: '7',
  KZ: '7',
  AM: '374',
  AE: '971',
  RS: '381',
};

/** An E.164 number for the visitor's country; US and UK numbers come from the ranges reserved for fiction. */
export function phoneNumber(country: string, rng: SeededRandom): string {
  const digits = (count: number) => String(rng.int(10 ** count)).padStart(count, '0');
  switch (country) {
    case 'US':
      return `+1${rng.pick(['212', '415', '512'])}55501${digits(2)}`;
    case 'GB':
      return `+442079460${digits(3)}`;
    case 'UA':
      return `+380${rng.pick(['44', '67', '50', '63', '93'])}${digits(7)}`;
    case 'RU':
      return `+7${rng.pick(['495', '812', '916', '903'])}${digits(7)}`;
    default:
      return `+${callingCodes[country] ?? '44'}${digits(9)}`;
  }
}
