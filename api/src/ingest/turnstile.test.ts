import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTurnstileToken } from './turnstile.ts';

/** siteverify on loopback: "pass…" tokens pass, "error" gets a 500, "slow" never gets an answer. */
describe('Turnstile siteverify', () => {
  let server: Server;
  let url: string;
  const forms: URLSearchParams[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        forms.push(form);
        const token = form.get('response') ?? '';
        if (token === 'slow') return;
        if (token === 'error') return void response.writeHead(500).end('oops');
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ success: token.startsWith('pass') }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const verify = (token: string, verifyUrl = url) =>
    verifyTurnstileToken({ secret: 'the-secret', verifyUrl, timeoutMs: 300 }, token, 'message-1');

  it('passes and fails tokens as siteverify says, sending secret, token and idempotency key', async () => {
    expect(await verify('pass-1')).toBe('passed');
    expect(await verify('pass-2')).toBe('passed');
    expect(await verify('bot')).toBe('failed');
    expect(Object.fromEntries(forms.at(-1) ?? [])).toEqual({
      secret: 'the-secret',
      response: 'bot',
      idempotency_key: 'message-1',
    });
  });

  it('is unavailable, not failed, when siteverify errs, stays silent or cannot be reached', async () => {
    expect(await verify('error')).toBe('unavailable');
    expect(await verify('slow')).toBe('unavailable');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/siteverify`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await verify('pass', closedUrl)).toBe('unavailable');
    // The connections stay usable after a timeout.
    expect(await verify('pass-again')).toBe('passed');
  });
});

describe('Turnstile siteverify over kept-alive connections', () => {
  it('sends a request again on a new connection when the reused one was closed', async () => {
    // Answers the first request of each connection and drops the connection on its second.
    const answered = new WeakSet<object>();
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (answered.has(request.socket)) return void request.socket.destroy();
        answered.add(request.socket);
        response.setHeader('content-type', 'application/json');
        response.end('{"success":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const verifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
    try {
      const verify = (token: string) =>
        verifyTurnstileToken({ secret: 's', verifyUrl, timeoutMs: 1000 }, token, token);
      expect(await verify('first')).toBe('passed');
      expect(await verify('second')).toBe('passed');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
