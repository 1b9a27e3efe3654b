import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { PrismaClient, Role } from '@confide/db';
import type { GraphQLFormattedError } from 'graphql';
import { AuditRecorder } from '../audit/audit-recorder.ts';
import type { Permission } from '../auth/policy.ts';
import { anonymousViewer, staffViewer, type Viewer } from '../auth/viewer.ts';
import { actorOf, createApolloServer } from '../graphql/apollo.ts';
import { loadConfig } from '../shared/config.ts';
import { createLoaderCache, type RequestContext } from '../shared/context.ts';
import { createLogger } from '../shared/logger.ts';

/** What one operation returned. */
export interface OperationResult<TData = Record<string, unknown>> {
  data: TData | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
  /** The context the operation ran with (its request id, its audit recorder). */
  context: RequestContext;
}

export interface TestGraphQLClient {
  /** Runs one operation as `viewer`, through the real server (armor limits, error mapping, audit flush). */
  executeAs<TData = Record<string, unknown>>(
    viewer: Viewer,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<OperationResult<TData>>;
  stop(): Promise<void>;
}

/** Viewers for tests, without sessions or tokens in the database. */
export const testViewers = {
  anonymous: anonymousViewer,
  /** A staff member holding `roles`; pass `id` to act as a seeded account. */
  staff(roles: Role[], user: { id?: string; email?: string; name?: string } = {}): Viewer {
    return staffViewer(
      {
        id: user.id ?? randomUUID(),
        email: user.email ?? `${roles.join('-').toLowerCase() || 'nobody'}@staff.test`,
        name: user.name ?? `Test ${roles.join(' ')}`,
        roles,
      },
      randomUUID(),
    );
  },
  /** An integrator's API token holding exactly `scopes`. */
  token(scopes: Permission[], tokenId: string = randomUUID()): Viewer {
    return { kind: 'token', tokenId, name: 'test token', permissions: new Set(scopes) };
  },
};

/**
 * An Apollo server over `prisma` that runs operations as any viewer, without HTTP or logging in:
 * the same schema, plugins and error formatting as production, with a context built here.
 */
export async function createTestGraphQLClient(
  prisma: PrismaClient,
  { now = () => new Date() }: { now?: () => Date } = {},
): Promise<TestGraphQLClient> {
  // A throwaway key, as startServer would generate under NODE_ENV=test (for CRM credentials).
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_DATA: 'false',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const logger = createLogger({ logLevel: 'silent', environment: 'test' });
  // The drain plugin wants an HTTP server; this one never listens.
  const server: ApolloServer<RequestContext> = await createApolloServer({
    config,
    prisma,
    logger,
    httpServer: createServer(),
    now,
  });
  return {
    async executeAs<TData>(viewer: Viewer, query: string, variables?: Record<string, unknown>) {
      const requestId = randomUUID();
      const context: RequestContext = {
        requestId,
        viewer,
        prisma,
        config,
        now,
        audit: new AuditRecorder(prisma, actorOf(viewer), requestId, now),
        loader: createLoaderCache(),
        ipHash: null,
        sessionCookie: { set() {}, clear() {} },
      };
      const response = await server.executeOperation<TData>(
        { query, ...(variables && { variables }) },
        { contextValue: context },
      );
      if (response.body.kind !== 'single') throw new Error('Incremental delivery is not expected in tests');
      // Through JSON, as over HTTP: scalars such as DateTime arrive as strings.
      const { data, errors } = JSON.parse(JSON.stringify(response.body.singleResult)) as {
        data?: TData | null;
        errors?: GraphQLFormattedError[];
      };
      return { data, errors, context };
    },
    async stop() {
      // Stopping drains the never-started HTTP server, which Node reports as not running.
      await server.stop().catch(() => {});
    },
  };
}
