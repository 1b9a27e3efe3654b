import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { PrismaClient } from '@confide/db';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { AuditRecorder } from '../audit/audit-recorder.ts';
import { authenticate, sessionCookieName } from '../auth/authenticate.ts';
import type { Viewer } from '../auth/viewer.ts';
import { clientIpHashOf } from '../shared/client-ip.ts';
import type { AppConfig } from '../shared/config.ts';
import { createLoaderCache, type RequestContext } from '../shared/context.ts';
import { isDatabaseUnavailable } from '../shared/database.ts';
import { createErrorFormatter, ErrorCode, orServiceUnavailable } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { RetentionSweeper } from '../retention/retention-sweeper.ts';
import { compiledExecutionGateway, forgetRequestContext } from './compiled-executor.ts';
import { inputGuardPlugin } from './input-guard.ts';
import { buildApiSchema } from './schema.ts';

export interface ApolloDependencies {
  config: AppConfig;
  prisma: PrismaClient;
  logger: Logger;
  httpServer: Server;
  now?: () => Date;
}

/** What the per-request context needs besides Apollo's own dependencies. */
export interface ContextDependencies extends ApolloDependencies {
  retentionSweeper: RetentionSweeper;
}

/** Most tokens (names, punctuation, values) one GraphQL document may have. */
export const maxTokens = 2_000;

/** Limits on what one operation may ask for; the cost limit does the real work (see docs/api.md). */
const armor = new ApolloArmor({
  // Relay paths such as leads.edges.node.conversation.messages.edges.node are already 7 deep.
  // Fragments are flattened: the console's colocated fragments must not count as extra depth or cost.
  maxDepth: { n: 12, flattenFragments: true },
  costLimit: { maxCost: 20_000, flattenFragments: true },
  maxAliases: { n: 20 },
  maxDirectives: { n: 20 },
  // Counted by graphql-js itself (`parseOptions` below): armor's token plugin re-parses in a plugin
  // hook, which turns every syntax error into a 500.
  maxTokens: { enabled: false },
  // Suggestions are hidden from anonymous callers by `requestPlugin` below instead.
  blockFieldSuggestion: { enabled: false },
});

export function actorOf(viewer: Viewer) {
  switch (viewer.kind) {
    case 'staff':
      return { type: 'STAFF' as const, id: viewer.staffUserId, label: viewer.email };
    case 'token':
      return { type: 'TOKEN' as const, id: viewer.tokenId, label: `token ${viewer.name}` };
    default:
      return { type: 'SYSTEM' as const, id: null, label: 'anonymous' };
  }
}

const isIntrospection = (query: string | undefined) =>
  query !== undefined && /\b__schema\b|\b__type\b/.test(query);

/**
 * Anonymous callers learn nothing about the schema: no introspection in production, and no
 * "Did you mean …?" hints. Audit events collected during the request are written before the
 * response leaves.
 */
function requestPlugin(config: AppConfig): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart(requestContext) {
      const { contextValue } = requestContext;
      contextValue.onResponseSent?.(() => forgetRequestContext(requestContext));
      const anonymous = contextValue.viewer.kind === 'anonymous';
      return {
        async didResolveOperation({ request }) {
          if (anonymous && config.environment === 'production' && isIntrospection(request.query)) {
            throw new GraphQLError('Introspection needs a signed-in user or an API token', {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            });
          }
        },
        async didEncounterErrors({ errors, response }) {
          // A resolver that found the database gone: 503 tells clients and load balancers to retry.
          if (errors.some((error) => isDatabaseUnavailable(error.originalError))) response.http.status = 503;
        },
        async willSendResponse({ response }) {
          // Without its audit events written, the response must not leave (Apollo answers an error instead).
          await contextValue.audit.flush().catch((error: unknown) => {
            throw orServiceUnavailable(error);
          });
          if (anonymous && response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              (error as { message: string }).message = error.message.replace(/ ?Did you mean .*\?$/, '');
            }
          }
        },
      };
    },
  };
}

export async function createApolloServer({
  config,
  logger,
  httpServer,
  schema,
}: ApolloDependencies & { schema?: GraphQLSchema }) {
  const protection = armor.protect();
  const server = new ApolloServer<RequestContext>({
    gateway: compiledExecutionGateway(schema ?? (await buildApiSchema())),
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugins are the same at runtime.
      ...(protection.plugins as ApolloServerPlugin<RequestContext>[]),
      requestPlugin(config),
      inputGuardPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No HTTP caching of GraphQL responses here; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens },
    allowBatchedHttpRequests: false,
    // Introspection is allowed at this level and refused to anonymous production callers by the plugin.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
  });
  await server.start();
  return server;
}

/** Builds the per-request context: who is calling, the audit recorder, loaders, cookie access. */
export function createContextFunction({
  config,
  prisma,
  retentionSweeper,
  now = () => new Date(),
}: ContextDependencies) {
  const secureCookies = config.environment === 'production';
  const { ipHashSecret } = config;
  // startServer fills it in (withInstanceSecrets); without it, IP rate limits would silently be off.
  if (!ipHashSecret) throw new Error('config.ipHashSecret is not set; start the server with startServer');
  return async ({ req, res }: ExpressContextFunctionArgument): Promise<RequestContext> => {
    const requestId = randomUUID();
    const viewer = await authenticate(prisma, req.headers, now()).catch((error: unknown) => {
      throw orServiceUnavailable(error);
    });
    return {
      requestId,
      viewer,
      prisma,
      config,
      now,
      audit: new AuditRecorder(prisma, actorOf(viewer), requestId, now),
      retentionSweeper,
      loader: createLoaderCache(),
      // The raw IP is hashed here and goes no further.
      ipHash: clientIpHashOf(req, config.trustProxy, ipHashSecret),
      userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
      sessionCookie: {
        set(token, expiresAt) {
          res.cookie(sessionCookieName, token, {
            httpOnly: true,
            sameSite: 'lax',
            secure: secureCookies || req.secure,
            expires: expiresAt,
            path: '/',
          });
        },
        clear() {
          res.clearCookie(sessionCookieName, { path: '/' });
        },
      },
      onResponseSent(listener) {
        res.once('finish', listener);
      },
    };
  };
}
