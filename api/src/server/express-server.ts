import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express } from 'express';

/**
 * An HTTP server whose requests and responses are created with Express's prototypes, and the
 * Express application they belong to.
 *
 * Express gives every request and response its own prototype (`Object.setPrototypeOf` in
 * `app.handle`). On the V8 of Node 20 that change kept each request's objects alive through two
 * young-generation collections: a quarter of everything a request allocated was copied and promoted,
 * and each collection paused the server 5–14 ms (about every tenth GraphQL list request). Born
 * with the prototype Express sets, the objects keep it, as V8 ignores setting an unchanged prototype.
 */
export function createExpressServer(): { httpServer: Server; application: Express } {
  const application = express();
  function ExpressRequest(this: IncomingMessage, socket: Socket) {
    IncomingMessage.call(this, socket);
  }
  ExpressRequest.prototype = application.request;
  function ExpressResponse(this: ServerResponse, request: IncomingMessage, options: object) {
    // Node passes options (high-water mark and the like) that @types/node's constructor omits.
    Reflect.apply(ServerResponse, this, [request, options]);
  }
  ExpressResponse.prototype = application.response;
  const httpServer = createServer({
    IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
    ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
  });
  return { httpServer, application };
}
