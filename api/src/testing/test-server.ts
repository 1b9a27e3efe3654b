import { loadConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import { startServer, type RunningServer } from '../server/start-server.ts';

const silentLogger = createLogger({ logLevel: 'silent', environment: 'test' });

/**
 * The real HTTP server on a free port over a test database: no demo data, no console, silent logs.
 * `settings` are extra environment variables, e.g. `{ NODE_ENV: 'production', IP_HASH_SECRET: … }`;
 * `options` a logger to capture output with, and a clock.
 */
export function startTestServer(
  database: Database,
  settings: NodeJS.ProcessEnv = {},
  options: { logger?: Logger; now?: () => Date } = {},
): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    NODE_ENV: 'test',
    DEMO_DATA: 'false',
    CONSOLE_DIST: '/nonexistent',
    // No sweep in the background of unrelated tests; retention tests start sweeps themselves.
    RETENTION_SWEEP_SCHEDULED: 'false',
    ...settings,
  });
  return startServer({
    config,
    database,
    logger: options.logger ?? silentLogger,
    ...(options.now && { now: options.now }),
  });
}
