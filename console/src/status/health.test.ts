import { describe, expect, it } from 'vitest';

import { fetchHealth, parseHealth } from './health.ts';

describe('parseHealth', () => {
  it('reports a healthy API with its version', () => {
    expect(parseHealth(200, { status: 'ok', database: 'up', version: '0.1.0' })).toEqual({
      kind: 'healthy',
      version: '0.1.0',
    });
  });

  it('accepts a healthy answer without a version', () => {
    expect(parseHealth(200, { status: 'ok', database: 'up' })).toEqual({ kind: 'healthy', version: null });
  });

  it('reports a 503 with the database down as unhealthy', () => {
    expect(parseHealth(503, { status: 'error', database: 'down' })).toEqual({
      kind: 'unhealthy',
      database: 'down',
      httpStatus: 503,
    });
  });

  it('does not call an error status healthy even if the body says ok', () => {
    expect(parseHealth(503, { status: 'ok', database: 'up' })).toMatchObject({ kind: 'unhealthy' });
  });

  it('does not call a database it cannot name "up"', () => {
    expect(parseHealth(200, { status: 'ok', database: 'maybe' })).toEqual({
      kind: 'unhealthy',
      database: 'unknown',
      httpStatus: 200,
    });
  });

  it.each([null, 'ok', [], {}, { status: 1 }])('treats %j as no health report', (body) => {
    expect(parseHealth(200, body)).toMatchObject({ kind: 'unavailable' });
  });
});

describe('fetchHealth', () => {
  const json = (status: number, body: unknown) =>
    (async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      })) as typeof fetch;

  it('requests /healthz and parses the answer', async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input, init) => {
      calls.push(String(input));
      return json(200, { status: 'ok', database: 'up', version: '0.1.0' })(input, init);
    };
    await expect(fetchHealth({ fetch: fake })).resolves.toEqual({ kind: 'healthy', version: '0.1.0' });
    expect(calls).toEqual(['/healthz']);
  });

  it('parses the body of a 503', async () => {
    await expect(fetchHealth({ fetch: json(503, { status: 'error', database: 'down' }) })).resolves.toEqual({
      kind: 'unhealthy',
      database: 'down',
      httpStatus: 503,
    });
  });

  it('turns a non-JSON answer into unavailable', async () => {
    const html: typeof fetch = async () => new Response('<!doctype html>', { status: 502 });
    await expect(fetchHealth({ fetch: html })).resolves.toEqual({
      kind: 'unavailable',
      reason: 'Unexpected answer from /healthz (HTTP 502).',
    });
  });

  it('turns a network error into unavailable instead of rejecting', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(fetchHealth({ fetch: down })).resolves.toEqual({
      kind: 'unavailable',
      reason: 'The API could not be reached (Failed to fetch).',
    });
  });

  it('gives up after the timeout', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    await expect(fetchHealth({ fetch: hang, timeoutMs: 20 })).resolves.toEqual({
      kind: 'unavailable',
      reason: 'No answer from the API within 0.02 s.',
    });
  });
});
