import { existsSync } from 'node:fs';
import path from 'node:path';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { expressTrustProxy } from '../shared/client-ip.ts';
import type { AppConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import type { Logger } from '../shared/logger.ts';
import { leadsCsvRouter } from '../crm/leads-csv.route.ts';
import { createApolloServer, createContextFunction } from '../graphql/apollo.ts';
import { createWidgetEndpoint, widgetMessagesPath } from '../ingest/widget.routes.ts';
import type { RetentionSweeper } from '../retention/retention-sweeper.ts';
import { authenticate } from '../auth/authenticate.ts';
import { buildApiSchema, printApiSchema } from '../graphql/schema.ts';
import { checkHealth } from '../system/health.ts';
import { schemaFileHandler } from '../system/schema-file.ts';

export interface AppDependencies {
  /** The Express application the server's requests were created for (see express-server.ts). */
  application: Express;
  config: AppConfig;
  database: Database;
  logger: Logger;
  httpServer: Server;
  retentionSweeper: RetentionSweeper;
  /** The clock every request sees; tests pass their own to travel in time. */
  now?: () => Date;
}

const maxBodyBytes = '100kb';

/** Logs method, path, status and duration once the response is sent; nothing below info level. */
function logRequest(logger: Logger, request: IncomingMessage, path: string, response: ServerResponse): void {
  if (!logger.isLevelEnabled('info')) return;
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ method: request.method, path, status: response.statusCode, durationMs }, 'request');
  });
}

/**
 * The headers `middleware` sets on a response. Helmet's do not depend on the request, so the widget
 * endpoint writes them with its other headers in one go instead of running helmet per message.
 */
function headersSetBy(
  middleware: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers[name] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}

/**
 * Assembles the HTTP application: health, the widget endpoint, GraphQL, and the built console.
 * Usual widget messages are served before Express (see WidgetEndpoint.takes), with the same
 * security headers (helmet's, worked out once) and request log as everything else.
 */
export async function createApp({
  application: app,
  config,
  database,
  logger,
  httpServer,
  retentionSweeper,
  now,
}: AppDependencies): Promise<RequestListener> {
  app.disable('x-powered-by');
  // Only for req.secure (X-Forwarded-Proto → Secure cookies); client IPs are read by shared/client-ip.ts.
  app.set('trust proxy', expressTrustProxy(config.trustProxy));
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      // Mantine injects style tags; plain-HTTP installs (localhost, intranet) must still load assets.
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
    },
  });
  app.use(securityHeaders);
  app.use((request, response, next) => {
    logRequest(logger, request, request.path, response);
    next();
  });

  app.get('/healthz', async (_request, response) => {
    const report = await checkHealth(database);
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  const widget = await createWidgetEndpoint({
    config,
    prisma: database.prisma,
    logger,
    now: now ?? (() => new Date()),
    responseHeaders: headersSetBy(securityHeaders),
  });
  app.use(widget.router);

  const dependencies = { config, prisma: database.prisma, logger, httpServer, ...(now && { now }) };
  const schema = await buildApiSchema();
  const apollo = await createApolloServer({ ...dependencies, schema });
  app.get(
    '/schema.graphql',
    schemaFileHandler({
      schemaText: printApiSchema(schema),
      production: config.environment === 'production',
      isSignedIn: async (headers) =>
        (await authenticate(database.prisma, headers, (now ?? (() => new Date()))())).kind !== 'anonymous',
    }),
  );
  app.use(
    '/graphql',
    express.json({ limit: maxBodyBytes }),
    expressMiddleware(apollo, { context: createContextFunction({ ...dependencies, retentionSweeper }) }),
    graphqlHttpErrorHandler(logger),
  );

  app.use(leadsCsvRouter({ prisma: database.prisma, logger, ...(now && { now }) }));

  serveConsole(app, config.consoleDistDirectory, logger);
  return (request, response) => {
    if (!widget.takes(request)) return void app(request, response);
    logRequest(logger, request, widgetMessagesPath, response);
    widget.serveMessage(request, response);
  };
}

/** What body-parser's errors mean to a GraphQL client; anything else is our fault. */
function describeHttpError(error: unknown): { status: number; code: string; message: string } {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  switch (type) {
    case 'entity.too.large':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than the ${maxBodyBytes.replace('kb', ' kB')} limit`,
      };
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON' };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return {
        status: 415,
        code: 'BAD_REQUEST',
        message: 'The request body must be UTF-8 JSON, uncompressed or gzip/deflate/br encoded',
      };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: 'BAD_REQUEST', message: 'The request could not be read' };
  }
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
}

/**
 * Errors before or around Apollo (a body that is not JSON, or too large) get a GraphQL-style JSON
 * answer instead of Express's HTML page, in the media type the client asked for.
 */
function graphqlHttpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) return next(error);
    const { status, code, message } = describeHttpError(error);
    if (status >= 500) logger.error({ err: error }, 'unexpected error while serving /graphql');
    const mediaType =
      request.accepts(['application/json', 'application/graphql-response+json']) || 'application/json';
    response
      .status(status)
      .type(mediaType)
      .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  };
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
