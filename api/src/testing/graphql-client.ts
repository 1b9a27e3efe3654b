import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { PrismaClient, Role } from '@confide/db';
import type { GraphQLFormattedError } from 'graphql';
import { AuditRecorder } from '../audit/audit-recorder.ts';
import type { Permission } from '../auth/policy.ts';
import { anonymousViewer, staffViewer, type Viewer } from '../auth/viewer.ts';
import { actorOf, createApolloServer } from '../graphql/apollo.ts';
import { loadConfig } from '../shared/config.ts';
import { withInstanceSecrets } from '../shared/instance-secrets.ts';
import { createLoaderCache, type RequestContext } from '../shared/context.ts';
import { createLogger } from '../shared/logger.ts';
import { RetentionSweeper } from '../retention/retention-sweeper.ts';

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
  /** The sweeper manual sweeps run on (never scheduled here); `settled()` waits for background work. */
  retentionSweeper: RetentionSweeper;
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
 * `settings` are extra environment variables, e.g. `{ SUBJECT_HASH_SECRET: DEMO_HASH_KEY }`.
 */
export async function createTestGraphQLClient(
  prisma: PrismaClient,
  { now = () => new Date(), settings = {} }: { now?: () => Date; settings?: NodeJS.ProcessEnv } = {},
): Promise<TestGraphQLClient> {
  // Instance secrets as a test server has them: throwaway unless `settings` configures one.
  const config = await withInstanceSecrets(loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'false', ...settings }));
  const logger = createLogger({ logLevel: 'silent', environment: 'test' });
  // The drain plugin wants an HTTP server; this one never listens.
  const server: ApolloServer<RequestContext> = await createApolloServer({
    config,
    prisma,
    logger,
    httpServer: createServer(),
    now,
  });
  const retentionSweeper = new RetentionSweeper({
    prisma,
    clock: now,
    logger,
    intervalMinutes: config.retentionSweepIntervalMinutes,
    scheduled: false,
  });
  return {
    retentionSweeper,
    async executeAs<TData>(viewer: Viewer, query: string, variables?: Record<string, unknown>) {
      const requestId = randomUUID();
      const context: RequestContext = {
        requestId,
        viewer,
        prisma,
        config,
        now,
        audit: new AuditRecorder(prisma, actorOf(viewer), requestId, now),
        retentionSweeper,
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
      await retentionSweeper.stop();
      // Stopping drains the never-started HTTP server, which Node reports as not running.
      await server.stop().catch(() => {});
    },
  };
}
