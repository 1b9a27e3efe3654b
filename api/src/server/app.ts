import { existsSync } from 'node:fs';
import path from 'node:path';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { AppConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import type { Logger } from '../shared/logger.ts';
import { createApolloServer, createContextFunction } from '../graphql/apollo.ts';
import { checkHealth } from '../system/health.ts';

export interface AppDependencies {
  config: AppConfig;
  database: Database;
  logger: Logger;
  httpServer: Server;
}

const maxBodyBytes = '100kb';

/** Assembles the HTTP application: health, GraphQL, and the built console. */
export async function createApp({ config, database, logger, httpServer }: AppDependencies): Promise<Express> {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Mantine injects style tags; plain-HTTP installs (localhost, intranet) must still load assets.
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.use((request, response, next) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: request.method, path: request.path, status: response.statusCode, durationMs },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', async (_request, response) => {
    const report = await checkHealth(database);
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  const dependencies = { config, prisma: database.prisma, logger, httpServer };
  const apollo = await createApolloServer(dependencies);
  app.use(
    '/graphql',
    express.json({ limit: maxBodyBytes }),
    expressMiddleware(apollo, { context: createContextFunction(dependencies) }),
  );

  serveConsole(app, config.consoleDistDirectory, logger);
  return app;
}

/**
 * Serves the single-page console: hashed assets cached for a year, a missing asset is a 404,
 * and every other path answers index.html (never cached) so client-side routes load.
 */
function serveConsole(app: Express, distDirectory: string, logger: Logger): void {
  const indexFile = path.join(distDirectory, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn({ distDirectory }, 'console is not built; run `npm run build` to serve it');
    return;
  }
  app.use(
    '/assets',
    express.static(path.join(distDirectory, 'assets'), {
      immutable: true,
      maxAge: '365d',
      fallthrough: false,
    }),
  );
  app.use(express.static(distDirectory, { index: false, maxAge: '1h' }));
  app.get('/{*path}', (_request, response) => {
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
}
