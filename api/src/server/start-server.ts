import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrateDatabase, seedDemoIfEmpty, type DemoSummary } from '@confide/db';
import type { AppConfig } from '../shared/config.ts';
import { withInstanceSecrets } from '../shared/instance-secrets.ts';
import { RetentionSweeper } from '../retention/retention-sweeper.ts';
import { ensureFirstAdmin, type FirstAdmin } from '../staff/first-admin.ts';
import type { Database } from '../shared/database.ts';
import type { Logger } from '../shared/logger.ts';
import { createApp } from './app.ts';

export interface RunningServer {
  url: string;
  httpServer: Server;
  /** Present when this start loaded the demo data. */
  demo: DemoSummary | undefined;
  /** Present when this start created the first admin (no enabled admin existed). */
  firstAdmin: FirstAdmin | undefined;
  /** Stops accepting requests, stops the retention sweeper, and waits for both; the database stays open. */
  stop(): Promise<void>;
}

export interface ServerDependencies {
  config: AppConfig;
  database: Database;
  logger: Logger;
  /** The clock every request sees; tests pass their own to travel in time. */
  now?: () => Date;
}

/** Migrates the database, loads demo data when wanted, and starts listening. */
export async function startServer({
  config: configured,
  database,
  logger,
  now = () => new Date(),
}: ServerDependencies): Promise<RunningServer> {
  const config = await withInstanceSecrets(configured);
  const applied = await migrateDatabase(database);
  if (applied.length > 0) logger.info({ applied }, 'applied database migrations');
  const demo = config.demoData
    ? await seedDemoIfEmpty(database.prisma, { now: new Date(), subjectHashKey: config.subjectHashSecret })
    : undefined;
  const firstAdmin = await ensureFirstAdmin(database.prisma, config, now());

  const httpServer = createServer();
  const retentionSweeper = new RetentionSweeper({
    prisma: database.prisma,
    clock: now,
    logger,
    intervalMinutes: config.retentionSweepIntervalMinutes,
    scheduled: config.retentionSweepScheduled,
  });
  const app = await createApp({ config, database, logger, httpServer, retentionSweeper, now });
  httpServer.on('request', app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  retentionSweeper.start();
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    httpServer,
    demo,
    firstAdmin,
    async stop() {
      await Promise.all([
        new Promise<void>((resolve) => httpServer.close(() => resolve())),
        retentionSweeper.stop(),
      ]);
    },
  };
}
