import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../shared/config.ts';
import type { Database } from '../shared/database.ts';
import { createLogger } from '../shared/logger.ts';
import { startServer, type RunningServer } from './start-server.ts';

const logger = createLogger({ logLevel: 'silent', environment: 'test' });

describe.each(databaseKinds)('the HTTP server on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let consoleDist: string;

  beforeAll(async () => {
    consoleDist = await mkdtemp(path.join(tmpdir(), 'confide-console-'));
    await mkdir(path.join(consoleDist, 'assets'));
    await writeFile(path.join(consoleDist, 'index.html'), '<!doctype html><title>Confide</title>');
    await writeFile(path.join(consoleDist, 'assets/app-1234.js'), 'console.log(1)');
    database = await createTestDatabase(kind, inject('postgresUrl'));
    const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DEMO_DATA: 'false', CONSOLE_DIST: consoleDist });
    server = await startServer({ config, database, logger });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
    await rm(consoleDist, { recursive: true, force: true });
  });

  it('answers GraphQL queries at /graphql', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename apiVersion }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query', apiVersion: '0.1.0' } });
  });

  it('rejects a GraphQL GET without a preflight-forcing header (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
  });

  it('serves the console for client-side routes, assets with long caching, and 404 for missing assets', async () => {
    const page = await fetch(`${server.url}/conversations/123`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>Confide</title>');

    const asset = await fetch(`${server.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('serves the running schema at /schema.graphql', async () => {
    const response = await fetch(`${server.url}/schema.graphql`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('type Query {');
  });

  it('reports the database up at /healthz, and down with 503 once it is gone', async () => {
    const up = await fetch(`${server.url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', database: 'up', version: '0.1.0' });

    await database.close();
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'error', database: 'down' });
  });
});
