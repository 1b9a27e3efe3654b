import { ConfigError, loadConfig } from './shared/config.ts';
import { createLogger } from './shared/logger.ts';
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
const server = await startServer(config, logger);

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
}
console.log(lines.join('\n') + '\n');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Closing PGlite cleanly matters: it flushes the embedded database to disk.
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
