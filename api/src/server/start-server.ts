import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrateDatabase, seedDemoIfEmpty, type DemoSummary } from '@confide/db';
import type { AppConfig } from '../shared/config.ts';
import { openConfiguredDatabase, type Database } from '../shared/database.ts';
import type { Logger } from '../shared/logger.ts';
import { createApp } from './app.ts';

export interface RunningServer {
  url: string;
  database: Database;
  httpServer: Server;
  /** Present when this start loaded the demo data. */
  demo: DemoSummary | undefined;
  stop(): Promise<void>;
}

/** Opens and migrates the database, loads demo data when wanted, and starts listening. */
export async function startServer(config: AppConfig, logger: Logger): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config);
  try {
    const applied = await migrateDatabase(database);
    if (applied.length > 0) logger.info({ applied }, 'applied database migrations');
    const demo = config.demoData ? await seedDemoIfEmpty(database, { now: new Date() }) : undefined;

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
      database,
      httpServer,
      demo,
      async stop() {
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
