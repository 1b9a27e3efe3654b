import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: relative paths in settings are resolved from here, whatever the cwd. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

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
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const received = present[name];
        // Never echo a database URL back: it may hold a password.
        const shown = received === undefined || name === 'DATABASE_URL' ? '' : ` (got "${received}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
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
  };
}
