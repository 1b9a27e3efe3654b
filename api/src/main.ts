import { ConfigError, loadConfig } from './shared/config.ts';
import { createLogger } from './shared/logger.ts';
import { openConfiguredDatabase } from './shared/database.ts';
import { startServer } from './server/start-server.ts';

function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = loadConfigOrExit();
const logger = createLogger(config);
const database = await openConfiguredDatabase(config);
const server = await startServer({ config, database, logger }).catch(async (error: unknown) => {
  await database.close();
  throw error;
});

const databaseLabel = config.databaseUrl
  ? 'PostgreSQL (DATABASE_URL)'
  : `embedded PGlite in ${config.dataDirectory}`;
const lines = [
  '',
  `  Confide is running at ${server.url}`,
  `  GraphQL API:  ${server.url}/graphql`,
  `  Database:     ${databaseLabel}`,
];
if (server.demo) {
  lines.push('', '  Demo data was loaded. Sign in with:');
  for (const login of server.demo.logins) {
    lines.push(`    ${login.email.padEnd(24)} ${login.password.padEnd(14)} ${login.roles.join(', ')}`);
  }
  lines.push(`  Demo widget key: ${server.demo.widgetKey}`);
} else if (config.demoData) {
  lines.push('', '  Demo data is loaded; the demo logins are listed in README.md.');
}
if (server.firstAdmin) {
  const { email, generatedPassword } = server.firstAdmin;
  lines.push('', `  No admin existed, so one was set up: ${email}`);
  // Printed once, to the console only (never to the structured log); it is stored only as a hash.
  if (generatedPassword) {
    lines.push(`  Its generated password, shown only now: ${generatedPassword}`);
    lines.push(
      '  Sign in and change it (changePassword), or set ADMIN_EMAIL/ADMIN_PASSWORD before the first start.',
    );
  } else {
    lines.push('  Sign in with ADMIN_PASSWORD (or the account’s existing password).');
  }
}
console.log(lines.join('\n') + '\n');

async function stopAll(): Promise<void> {
  await server.stop();
  // Closing PGlite cleanly matters: it flushes the embedded database to disk.
  await database.close();
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopAll().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
