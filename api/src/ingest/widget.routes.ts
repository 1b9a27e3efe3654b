import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { PrismaClient } from '@confide/db';
import { requestProtocol } from '../shared/client-ip.ts';
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
  /** Headers every answer carries: the application's security headers. */
  responseHeaders?: Record<string, string>;
}

/** The widget endpoint: an Express router, and a way past Express for the usual message request. */
export interface WidgetEndpoint {
  /** The CORS preflight, the demo page, and messages in the forms only body-parser reads. */
  router: Router;
  /**
   * Whether `request` is a message in the usual form — `POST /v1/widget/messages` with an
   * uncompressed JSON body in UTF-8 — which `serveMessage` answers straight from Node's request.
   * Express's per-request work (its request and response objects, routing) cost about 0.25 ms of
   * CPU per request in a measurement, a large share of what a message costs.
   */
  takes(request: IncomingMessage): boolean;
  serveMessage(request: IncomingMessage, response: ServerResponse): void;
}

/**
 * Writes the answer with all its headers in one go: one `writeHead` costs less than a `setHeader`
 * per header, and Express's `json` would also hash the body for an ETag, useless on a POST.
 */
function send(response: ServerResponse, answer: WidgetResponse, headers: Record<string, string>): void {
  const json = JSON.stringify(answer.body);
  response
    .writeHead(answer.status, {
      ...headers,
      ...(answer.corsOrigin && { 'Access-Control-Allow-Origin': answer.corsOrigin }),
      ...(answer.retryAfterSeconds && { 'Retry-After': String(answer.retryAfterSeconds) }),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    })
    .end(json);
}

/** The answer to a body that could not be read (body-parser's error types), or undefined for other errors. */
function bodyRefusal(type: unknown): WidgetResponse | undefined {
  if (type === 'entity.too.large') {
    return {
      status: 413,
      body: {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `The body is larger than ${maxWidgetBodyBytes / 1024} kB`,
        },
      },
    };
  }
  if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'The body must be UTF-8 JSON' } } };
  }
  return undefined;
}

const plainJson = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads a JSON body as body-parser's strict mode would (only objects and arrays; empty is `{}`)
 * and calls back with it, or with body-parser's error type for a body over the limit or not JSON.
 */
function readJsonBody(
  request: IncomingMessage,
  done: (result: { body: unknown } | { refused: 'entity.too.large' | 'entity.parse.failed' }) => void,
): void {
  if (Number(request.headers['content-length'] ?? 0) > maxWidgetBodyBytes) {
    return done({ refused: 'entity.too.large' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxWidgetBodyBytes) chunks.push(chunk);
  });
  request.on('end', () => {
    if (size > maxWidgetBodyBytes) return done({ refused: 'entity.too.large' });
    const text = Buffer.concat(chunks, size).toString('utf8').trim();
    if (text === '') return done({ body: {} });
    if (text[0] !== '{' && text[0] !== '[') return done({ refused: 'entity.parse.failed' });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return done({ refused: 'entity.parse.failed' });
    }
    done({ body });
  });
}

/**
 * `POST /v1/widget/messages` (docs/widget.md) and the demo page at `/demo/widget`. CORS: a preflight
 * carries no body, so it is answered for any origin some site allows; the message itself is then
 * checked against its own site's origins. Calls without an Origin header (servers) are allowed.
 */
export async function createWidgetEndpoint({
  config,
  prisma,
  logger,
  now,
  responseHeaders = {},
}: WidgetRouteDependencies): Promise<WidgetEndpoint> {
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
  // Every answer depends on the request's Origin (CORS).
  const answerHeaders = { ...responseHeaders, Vary: 'Origin' };
  const reply = (response: ServerResponse, answer: WidgetResponse) => send(response, answer, answerHeaders);
  /** Body-parser's refusals (too large, not JSON) in the endpoint's own error format. */
  const bodyErrorHandler: ErrorRequestHandler = (error, _request, response, next) => {
    const refusal = bodyRefusal((error as { type?: unknown } | undefined)?.type);
    if (refusal) return reply(response, refusal);
    next(error);
  };
  const ownOrigin = (request: IncomingMessage) =>
    `${requestProtocol(request, config.trustProxy)}://${request.headers.host ?? ''}`;

  async function answerMessage(request: IncomingMessage, response: ServerResponse, body: unknown) {
    let answer: WidgetResponse;
    try {
      answer = await ingestWidgetMessage(dependencies, {
        body,
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
    reply(response, answer);
  }

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
  const handleMessage: RequestHandler = (request, response) =>
    answerMessage(request, response, request.body as unknown);
  router.post(
    widgetMessagesPath,
    express.json({ limit: maxWidgetBodyBytes }),
    handleMessage,
    bodyErrorHandler,
  );
  router.use('/demo/widget', express.static(demoDirectory, { index: 'index.html' }));

  return {
    router,
    takes(request) {
      const encoding = request.headers['content-encoding'];
      return (
        request.method === 'POST' &&
        request.url === widgetMessagesPath &&
        plainJson.test(request.headers['content-type'] ?? '') &&
        (encoding === undefined || encoding === 'identity')
      );
    },
    serveMessage(request, response) {
      readJsonBody(request, (result) => {
        if ('refused' in result) return reply(response, bodyRefusal(result.refused) as WidgetResponse);
        void answerMessage(request, response, result.body);
      });
    },
  };
}
