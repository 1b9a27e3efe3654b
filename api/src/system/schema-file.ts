import type { RequestHandler } from 'express';
import { DomainError, ErrorCode } from '../shared/errors.ts';

export interface SchemaFileOptions {
  /** schema.graphql as printed from the running schema. */
  schemaText: string;
  /** Production refuses anonymous callers, as it does introspection. */
  production: boolean;
  /** Whether the request carries a valid session or token; throws UNAUTHENTICATED for a bad token. */
  isSignedIn: (headers: { authorization?: string; cookie?: string }) => Promise<boolean>;
}

/**
 * `GET /schema.graphql`: the schema this server runs, for the console's API page, code generators and
 * IDE plugins.
 */
export function schemaFileHandler({ schemaText, production, isSignedIn }: SchemaFileOptions): RequestHandler {
  return async (request, response, next) => {
    try {
      if (production && !(await isSignedIn(request.headers))) {
        response.status(401).type('text/plain').send('Sign in or send an API token to read the schema.\n');
        return;
      }
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) {
        response.status(401).type('text/plain').send(`${error.message}\n`);
        return;
      }
      next(error);
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.type('text/plain; charset=utf-8').send(schemaText);
  };
}
