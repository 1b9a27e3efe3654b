import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createExpressServer } from './express-server.ts';

describe('createExpressServer', () => {
  it('creates requests and responses with the prototypes Express gives them, so Express changes none', async () => {
    const { httpServer, application } = createExpressServer();
    const prototypes: { request: boolean[]; response: boolean[] } = { request: [], response: [] };
    const notePrototypes = (request: object, response: object) => {
      prototypes.request.push(Object.getPrototypeOf(request) === application.request);
      prototypes.response.push(Object.getPrototypeOf(response) === application.response);
    };
    application.get('/items/:id', (request, response) => {
      notePrototypes(request, response);
      response.status(201).json({ id: request.params.id, page: request.query.page, ip: request.ip });
    });
    httpServer.on('request', (request, response) => {
      notePrototypes(request, response);
      application(request, response);
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = httpServer.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/items/42?page=3`);
      expect(answer.status).toBe(201);
      expect(await answer.json()).toEqual({ id: '42', page: '3', ip: '127.0.0.1' });
      // Before Express saw them and inside its route: the same prototypes, never swapped.
      expect(prototypes).toEqual({ request: [true, true], response: [true, true] });
    } finally {
      await new Promise((resolve) => httpServer.close(resolve));
    }
  });
});
