import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrateDatabase, seedDemoIfEmpty, type DemoSummary } from '@confide/db';
import type { AppConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import type { Logger } from '../shared/logger.ts';
import { createApp } from './app.ts';

export interface RunningServer {
  url: string;
  httpServer: Server;
  /** Present when this start loaded the demo data. */
  demo: DemoSummary | undefined;
  /** Stops accepting requests and waits for those in flight; the database stays open. */
  stop(): Promise<void>;
}

export interface ServerDependencies {
  config: AppConfig;
  database: Database;
  logger: Logger;
}

/** Migrates the database, loads demo data when wanted, and starts listening. */
export async function startServer({ config, database, logger }: ServerDependencies): Promise<RunningServer> {
  const applied = await migrateDatabase(database);
  if (applied.length > 0) logger.info({ applied }, 'applied database migrations');
  const demo = config.demoData ? await seedDemoIfEmpty(database.prisma, { now: new Date() }) : undefined;

  const httpServer = createServer();
  const app = await createApp({ config, database, logger, httpServer });
  httpServer.on('request', app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    httpServer,
    demo,
    stop: () => new Promise<void>((resolve) => httpServer.close(() => resolve())),
  };
}
