import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { PrismaClient } from '@confide/db';
import type { AppConfig } from '../shared/config.ts';
import type { Logger } from '../shared/logger.ts';
import { openGeoLookup } from './geo-lookup.ts';
import {
  ingestWidgetMessage,
  unavailableResponse,
  type IngestDependencies,
  type WidgetResponse,
} from './ingest-widget-message.ts';
import { SiteDirectory } from './site-directory.ts';
import { WidgetMessageWriter } from './store-widget-message.ts';
import { maxWidgetBodyBytes } from './widget-message.ts';

export const widgetMessagesPath = '/v1/widget/messages';
const demoDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo');

export interface WidgetRouteDependencies {
  config: AppConfig;
  prisma: PrismaClient;
  logger: Logger;
  now: () => Date;
}

function ownOrigin(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? ''}`;
}

/** Writes the answer in one go (Express's `json` would also hash it for an ETag, useless on a POST). */
function send(response: Response, answer: WidgetResponse): void {
  if (answer.corsOrigin) response.setHeader('Access-Control-Allow-Origin', answer.corsOrigin);
  if (answer.retryAfterSeconds) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
  const json = JSON.stringify(answer.body);
  response
    .writeHead(answer.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    })
    .end(json);
}

const jsonBody = express.json({ limit: maxWidgetBodyBytes });
const plainJson = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const bodyError = (type: string) => Object.assign(new Error(type), { type });

/**
 * The widget's body as `request.body`. The usual case (application/json in UTF-8, not compressed)
 * is read here, at a fraction of body-parser's cost per request; anything else goes to
 * `express.json`, which knows the other charsets and encodings. Both refuse alike: a body over
 * the limit, or one that is not a JSON object or array, becomes bodyErrorHandler's 413 or 400.
 */
const readBody: RequestHandler = (request, response, next) => {
  const encoding = request.headers['content-encoding'];
  if (!plainJson.test(request.headers['content-type'] ?? '') || (encoding && encoding !== 'identity')) {
    return jsonBody(request, response, next);
  }
  if (Number(request.headers['content-length'] ?? 0) > maxWidgetBodyBytes) {
    return next(bodyError('entity.too.large'));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxWidgetBodyBytes) chunks.push(chunk);
  });
  request.on('error', next);
  request.on('end', () => {
    if (size > maxWidgetBodyBytes) return next(bodyError('entity.too.large'));
    const text = Buffer.concat(chunks, size).toString('utf8').trim();
    if (text === '') {
      request.body = {};
      return next();
    }
    // As body-parser's strict mode: only objects and arrays.
    if (text[0] !== '{' && text[0] !== '[') return next(bodyError('entity.parse.failed'));
    try {
      request.body = JSON.parse(text) as unknown;
    } catch {
      return next(bodyError('entity.parse.failed'));
    }
    next();
  });
};

/** Body-parser's refusals (too large, not JSON) in the endpoint's own error format. */
const bodyErrorHandler: ErrorRequestHandler = (error, _request, response, next) => {
  const { type } = (error ?? {}) as { type?: unknown };
  if (type === 'entity.too.large') {
    return send(response, {
      status: 413,
      body: {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `The body is larger than ${maxWidgetBodyBytes / 1024} kB`,
        },
      },
    });
  }
  if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return send(response, {
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: 'The body must be UTF-8 JSON' } },
    });
  }
  next(error);
};

/**
 * `POST /v1/widget/messages` (docs/widget.md) and the demo page at `/demo/widget`. CORS: a preflight
 * carries no body, so it is answered for any origin some site allows; the message itself is then
 * checked against its own site's origins. Calls without an Origin header (servers) are allowed.
 */
export async function createWidgetRouter({
  config,
  prisma,
  logger,
  now,
}: WidgetRouteDependencies): Promise<Router> {
  const { ipHashSecret, conversationTokenSecret } = config;
  if (ipHashSecret === undefined || conversationTokenSecret === undefined) {
    throw new Error(
      'The widget endpoint needs ipHashSecret and conversationTokenSecret (see instance-secrets.ts)',
    );
  }
  if (config.turnstile.secret === undefined) {
    logger.warn(
      '!!! TURNSTILE_SECRET is not set: the widget endpoint accepts messages WITHOUT the bot check. ' +
        'This is allowed only outside production; set TURNSTILE_SECRET before exposing it. !!!',
    );
  }
  const sites = new SiteDirectory(prisma);
  const dependencies: IngestDependencies = {
    writer: new WidgetMessageWriter(prisma),
    sites,
    geo: await openGeoLookup(config.geoipDatabases),
    logger,
    config: { ...config, ipHashSecret, conversationTokenSecret },
    now,
  };

  const router = express.Router();
  router.options(widgetMessagesPath, async (request, response) => {
    const origin = request.get('origin');
    const allowed =
      origin !== undefined && (origin === ownOrigin(request) || (await sites.anySiteAllows(origin)));
    response.setHeader('Vary', 'Origin');
    if (!allowed) return void response.status(403).end();
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Allow-Methods', 'POST');
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  });
  const handleMessage: RequestHandler = async (request, response) => {
    response.setHeader('Vary', 'Origin');
    let answer: WidgetResponse;
    try {
      answer = await ingestWidgetMessage(dependencies, {
        body: request.body as unknown,
        headers: request.headers,
        socket: request.socket,
        ownOrigin: ownOrigin(request),
      });
    } catch (error) {
      // Only the error's kind: database messages can quote the values of the failed statement.
      const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
      logger.error({ errorName: name, errorCode: code }, 'widget message not stored');
      answer = unavailableResponse();
    }
    send(response, answer);
  };
  router.post(widgetMessagesPath, readBody, handleMessage, bodyErrorHandler);
  router.use('/demo/widget', express.static(demoDirectory, { index: 'index.html' }));
  return router;
}
