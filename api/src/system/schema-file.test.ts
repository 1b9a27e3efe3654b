import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from '../shared/errors.ts';
import { schemaFileHandler, type SchemaFileOptions } from './schema-file.ts';

async function get(options: SchemaFileOptions, headers: Record<string, string> = {}) {
  const app = express();
  app.get('/schema.graphql', schemaFileHandler(options));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/schema.graphql`, { headers });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  } finally {
    server.close();
  }
}

const schemaText = 'type Query {\n  apiVersion: String!\n}\n';
const signedIn = async (headers: { authorization?: string; cookie?: string }) => Boolean(headers.cookie);

describe('GET /schema.graphql', () => {
  it('serves the schema to anyone outside production', async () => {
    const response = await get({ schemaText, production: false, isSignedIn: signedIn });
    expect(response).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: schemaText });
  });

  it('refuses anonymous callers in production, as introspection does', async () => {
    const response = await get({ schemaText, production: true, isSignedIn: signedIn });
    expect(response.status).toBe(401);
    expect(response.body).not.toContain('apiVersion');
  });

  it('serves signed-in callers in production', async () => {
    const response = await get(
      { schemaText, production: true, isSignedIn: signedIn },
      { cookie: 'confide_session=x' },
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe(schemaText);
  });

  it('answers 401 for a bad token instead of failing', async () => {
    const badToken = async () => {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The API token is unknown, expired or revoked');
    };
    const response = await get(
      { schemaText, production: true, isSignedIn: badToken },
      { authorization: 'Bearer x' },
    );
    expect(response).toMatchObject({ status: 401, body: 'The API token is unknown, expired or revoked\n' });
  });
});
