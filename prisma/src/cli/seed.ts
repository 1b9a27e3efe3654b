// npm run db:seed [-- --scale [--conversations N] [--leads N]] [--now ISO-TIME] [--seed N]
// Applies pending migrations, loads the demo data set into an empty database and, with --scale,
// the benchmark data set into PostgreSQL.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase } from '../database.ts';
import { persistedSecret } from '../instance-secrets.ts';
import { seedDemoIfEmpty, seedScale, type DemoSummary } from '../seed/index.ts';
import { databaseOptionsFromEnvironment } from './environment.ts';

const usage = `Usage: npm run db:seed -- [options]

Applies pending migrations, then loads the demo data set if the database is empty
(a database that holds anything is left as it is).

Options:
  --scale              also load the benchmark data set (PostgreSQL only: DATABASE_URL)
  --conversations N    conversations in the benchmark set (default 100000, ~10 messages each)
  --leads N            leads in the benchmark set (default 30% of the conversations)
  --seed N             random seed of the generated data
  --now ISO-TIME       the moment all generated times are relative to (default: now)
  -h, --help           show this help

Environment: DATABASE_URL (postgres:// URL; unset = embedded PGlite in DATA_DIR/pglite),
DATA_DIR (default .data at the repository root), SUBJECT_HASH_SECRET (as the server's; unset =
the key in DATA_DIR/secrets.json, generated there if missing).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'boolean', default: false },
      conversations: { type: 'string' },
      leads: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.scale && (values.conversations !== undefined || values.leads !== undefined)) {
    throw new UsageError('--conversations and --leads apply to --scale only');
  }
  const now = values.now === undefined ? new Date() : parseTime(values.now);
  const seed = optionalCount('--seed', values.seed);
  const conversations = optionalCount('--conversations', values.conversations);
  const leads = optionalCount('--leads', values.leads);
  const options = databaseOptionsFromEnvironment();
  const { databaseUrl, dataDirectory } = options;
  if (values.scale && !databaseUrl) {
    throw new UsageError('--scale loads PostgreSQL with COPY: set DATABASE_URL to a postgres:// URL');
  }

  const database = await openDatabase(options);
  try {
    const applied = await migrateDatabase(database);
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Migrations: up to date');
    console.log(
      `Database: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${path.join(dataDirectory, 'pglite')}`}`,
    );
    // The server's subject-hash key, so demo requests and receipts match what the product computes.
    const subjectHashKey =
      process.env.SUBJECT_HASH_SECRET || (await persistedSecret(dataDirectory, 'subjectHashSecret'));
    const demo = await seedDemoIfEmpty(database.prisma, {
      now,
      subjectHashKey,
      ...(seed !== undefined && { seed }),
    });
    if (demo) printDemoSummary(demo, now);
    else console.log('The database is not empty: demo data not loaded (it only goes into an empty one).');
  } finally {
    await database.close();
  }

  if (values.scale && databaseUrl) {
    console.log('Loading the benchmark data set…');
    const summary = await seedScale({
      databaseUrl,
      now,
      ...(conversations !== undefined && { conversations }),
      ...(leads !== undefined && { leads }),
      ...(seed !== undefined && { seed }),
    });
    const count = (value: number) => value.toLocaleString('en');
    console.log(
      `Benchmark data: ${count(summary.conversations)} conversations, ${count(summary.messages)} messages, ` +
        `${count(summary.leads)} leads, ${count(summary.consents)} consents, ${count(summary.detectedContacts)} detected contacts ` +
        `in ${(summary.elapsedMs / 1000).toFixed(1)}s. Benchmark subject ${summary.benchSubjectEmail} ` +
        `appears in ${summary.benchConversations} conversations.`,
    );
  }
}

function printDemoSummary(summary: DemoSummary, now: Date): void {
  const counts = Object.entries(summary.counts)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ');
  console.log(`Demo data loaded, relative to ${now.toISOString()}: ${counts}.`);
  console.log('Staff logins:');
  const width = Math.max(...summary.logins.map((login) => login.email.length));
  for (const login of summary.logins) {
    console.log(`  ${login.email.padEnd(width)}  ${login.password}  ${login.roles.join(', ')}`);
  }
  console.log('Widget keys:');
  for (const { site, widgetKey } of summary.widgetKeys) console.log(`  ${widgetKey.padEnd(16)}  ${site}`);
  console.log(`Erasure demo: ${summary.erasureDemoEmail} (a lead in one conversation, typed into another)`);
}

class UsageError extends Error {}

function parseTime(value: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--now: not a date and time: ${value}`);
  return time;
}

function optionalCount(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new UsageError(`${name}: expected a positive whole number, got ${value}`);
  return count;
}

main().catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
