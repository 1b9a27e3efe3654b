import type { PrismaClient, Role } from '@confide/db';
import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rolePermissions, tokenScopes, type Permission } from '../auth/policy.ts';
import type { Database } from '../shared/database.ts';
import type { RunningServer } from '../server/start-server.ts';
import { startTestServer } from '../testing/test-server.ts';
import {
  anonymousCaller,
  createStaffCaller,
  createTokenCaller,
  errorCodes,
  postGraphql,
  type HttpCaller,
} from '../testing/http-callers.ts';
import {
  operationDocument,
  operationSamples,
  rootOperations,
  sampleVariants,
  type RootOperation,
} from '../testing/operation-samples.ts';
import { buildApiSchema, resolvers } from './schema.ts';

/** What an operation demands: nothing (public), or a signed-in caller holding every permission listed. */
type Requirement = 'public' | readonly Permission[];

/**
 * THE SNAPSHOT. Every root operation and the permissions its @Authorized declares; [] means any
 * signed-in caller. A new operation, or a changed permission, fails the first test until it is
 * written down here, so every authorization change shows up in review.
 */
const declaredRequirements: Record<string, Requirement> = {
  'Mutation.bulkUpdateLeads': ['leads:write'],
  'Mutation.cancelCrmExport': ['leads:write'],
  'Mutation.changePassword': [],
  'Mutation.completePrivacyRequest': ['privacy:write'],
  'Mutation.createApiToken': ['admin'],
  'Mutation.createPrivacyRequest': ['privacy:write'],
  'Mutation.createStaffMember': ['admin'],
  'Mutation.executeErasure': ['privacy:write'],
  'Mutation.exportSubjectData': ['privacy:write'],
  'Mutation.extendPrivacyRequest': ['privacy:write'],
  'Mutation.liftSubjectFlag': ['privacy:write'],
  'Mutation.createCrmConnection': ['admin'],
  'Mutation.deleteCrmConnection': ['admin'],
  'Mutation.exportLeads': ['leads:write'],
  'Mutation.login': 'public',
  'Mutation.logout': [],
  'Mutation.markChildData': ['privacy:write'],
  'Mutation.placeSubjectFlag': ['privacy:write'],
  'Mutation.recordConsent': ['consents:write'],
  'Mutation.rectifyLead': ['privacy:write'],
  'Mutation.rejectPrivacyRequest': ['privacy:write'],
  'Mutation.placeLegalHold': ['privacy:write'],
  'Mutation.releaseLegalHold': ['privacy:write'],
  'Mutation.revokeApiToken': ['admin'],
  'Mutation.runRetentionSweep': ['privacy:write'],
  'Mutation.testCrmConnection': ['admin'],
  'Mutation.updateCrmConnection': ['admin'],
  'Mutation.updateLead': ['leads:write'],
  'Mutation.updateStaffMember': ['admin'],
  'Mutation.verifyPrivacyRequest': ['privacy:write'],
  'Mutation.withdrawConsent': ['consents:write'],
  'Mutation.withdrawSubjectConsents': ['privacy:write'],
  'Query.apiTokens': ['admin'],
  'Query.apiVersion': 'public',
  'Query.auditChainVerification': ['audit:read'],
  'Query.auditEvents': ['audit:read'],
  'Query.consents': ['consents:read'],
  'Query.conversations': ['conversations:read'],
  'Query.crmConnections': ['sites:read'],
  'Query.crmExport': ['leads:read'],
  'Query.crmExports': ['leads:read'],
  'Query.leads': ['leads:read'],
  'Query.node': [],
  'Query.nodes': [],
  'Query.privacyRequest': ['privacy:read'],
  'Query.privacyRequests': ['privacy:read'],
  'Query.retentionPreview': ['privacy:read'],
  'Query.retentionRuns': ['privacy:read'],
  'Query.retentionStatus': ['privacy:read'],
  'Query.sites': ['sites:read'],
  'Query.staffMembers': ['admin'],
  'Query.subjectData': ['personal-data:read', 'privacy:read'],
  'Query.subjectExport': ['personal-data:read', 'privacy:read'],
  'Query.viewer': 'public',
};

/** The only operations anyone may call without credentials. */
const publicOperations = ['Mutation.login', 'Query.apiVersion', 'Query.viewer'];

/** Resolver classes deliberately without a class-level @Authorized: they hold the public operations. */
const publicResolverClasses = ['PublicAuthResolver', 'SystemResolver'];

/** Operations open to any signed-in caller by permission, whose use case refuses API tokens (FORBIDDEN). */
const staffOnlyOperations = new Set(['Mutation.changePassword', 'Mutation.logout']);

/**
 * Permissions some arguments add, checked by the resolver rather than @Authorized: searching
 * matches contact names and message text, so it needs personal-data:read as well.
 */
const argumentRequirements: Record<string, Record<string, readonly Permission[]>> = {
  'Query.conversations': { search: ['personal-data:read'] },
  'Query.leads': { search: ['personal-data:read'] },
};

const schema = await buildApiSchema();
const operations = rootOperations(schema);

/** What type-graphql will enforce for each root operation, read from its decorator metadata. */
function enforcedRequirements(): Record<string, Requirement> {
  const storage = getMetadataStorage();
  const resolverClasses: readonly unknown[] = resolvers;
  const found: Record<string, Requirement> = {};
  for (const operation of operations) {
    const handlers = operation.kind === 'query' ? storage.queries : storage.mutations;
    const matches = handlers.filter(
      (handler) => handler.schemaName === operation.field.name && resolverClasses.includes(handler.target),
    );
    if (matches.length !== 1) throw new Error(`Cannot tell which resolver method serves ${operation.key}`);
    const { target, methodName } = matches[0]!;
    // The same precedence as type-graphql's own: a method's @Authorized replaces its class's.
    const roles =
      storage.authorizedFields.find((entry) => entry.target === target && entry.fieldName === methodName)
        ?.roles ?? storage.authorizedResolver.find((entry) => entry.target === target)?.roles;
    found[operation.key] = roles === undefined ? 'public' : ([...roles].sort() as Permission[]);
  }
  return found;
}

describe('deny by default', () => {
  it('declares the permissions of every root operation exactly as the snapshot says', () => {
    expect(enforcedRequirements()).toEqual(declaredRequirements);
  });

  it('leaves only viewer, login and apiVersion public', () => {
    const open = Object.entries(enforcedRequirements())
      .filter(([, requirement]) => requirement === 'public')
      .map(([key]) => key);
    expect(open.sort()).toEqual(publicOperations);
  });

  it('has a class-level @Authorized on every resolver class except the public ones', () => {
    const storage = getMetadataStorage();
    const withoutClassLevel = resolvers
      .filter((resolver) => !storage.authorizedResolver.some((entry) => entry.target === resolver))
      .map((resolver) => resolver.name)
      .sort();
    expect(withoutClassLevel).toEqual(publicResolverClasses);
  });

  it('has sample arguments for every root operation', () => {
    const problems: string[] = [];
    for (const operation of operations) {
      try {
        for (const variables of sampleVariants(operation)) operationDocument(operation, variables);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    expect(problems).toEqual([]);
  });
});

type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface MatrixCaller {
  caller: HttpCaller;
  kind: 'anonymous' | 'staff' | 'token';
  permissions: ReadonlySet<Permission>;
}

function expectedOutcome(
  operation: RootOperation,
  variables: Record<string, unknown>,
  { kind, permissions }: MatrixCaller,
): Outcome {
  const requirement = declaredRequirements[operation.key];
  if (requirement === undefined) throw new Error(`add ${operation.key} to declaredRequirements`);
  if (requirement === 'public') return 'allowed';
  if (kind === 'anonymous') return 'UNAUTHENTICATED';
  if (staffOnlyOperations.has(operation.key) && kind !== 'staff') return 'FORBIDDEN';
  const byArgument = Object.entries(argumentRequirements[operation.key] ?? {})
    .filter(([argument]) => variables[argument] != null)
    .flatMap(([, needed]) => needed);
  const needed = [...requirement, ...byArgument];
  return needed.every((permission) => permissions.has(permission)) ? 'allowed' : 'FORBIDDEN';
}

/** Row counts of every table: a refused call must not change any of them. */
async function rowCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_%'
    ORDER BY table_name`;
  const counts = await prisma.$queryRawUnsafe<{ name: string; rows: number }[]>(
    tables
      .map(({ table_name: name }) => `SELECT '${name}' AS name, count(*)::int AS rows FROM "${name}"`)
      .join(' UNION ALL '),
  );
  return Object.fromEntries(counts.map(({ name, rows }) => [name, rows]));
}

const staffRoles: Role[] = ['SALES', 'PRIVACY', 'ADMIN'];

describe.each(databaseKinds)('the authorization matrix on %s', (kind) => {
  let database: Database;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  /** Fresh credentials for each operation, since logout and the like use them up. */
  async function matrixCallers(): Promise<MatrixCaller[]> {
    const staff = await Promise.all(
      staffRoles.map(async (role) => ({
        caller: await createStaffCaller(database.prisma, [role]),
        kind: 'staff' as const,
        permissions: new Set(rolePermissions[role]),
      })),
    );
    const tokens = await Promise.all(
      tokenScopes.map(async (scope) => ({
        caller: await createTokenCaller(database.prisma, [scope]),
        kind: 'token' as const,
        permissions: new Set([scope]),
      })),
    );
    return [{ caller: anonymousCaller, kind: 'anonymous', permissions: new Set() }, ...staff, ...tokens];
  }

  const cases = operations.flatMap((operation) => {
    const variants = operationSamples[operation.key];
    const count = Array.isArray(variants) ? variants.length : 1;
    return Array.from({ length: count }, (_, variant) => {
      const label = count > 1 ? `${operation.key} (variant ${variant + 1})` : operation.key;
      return [label, operation, variant] as const;
    });
  });

  it.each(cases)('%s answers every caller as its permissions say', async (_label, operation, variant) => {
    const variables = sampleVariants(operation)[variant]!;
    const document = operationDocument(operation, variables);
    const callers = await matrixCallers();
    const call = async (matrixCaller: MatrixCaller) => {
      const response = await postGraphql(server.url, matrixCaller.caller, document);
      const codes = errorCodes(response);
      const context = `${operation.key} as ${matrixCaller.caller.label}: ${response.status} ${JSON.stringify(response.body)}`;
      return { response, codes, context };
    };

    // Refusals first: they must leave every table as it was.
    const before = await rowCounts(database.prisma);
    for (const matrixCaller of callers) {
      const expected = expectedOutcome(operation, variables, matrixCaller);
      if (expected === 'allowed') continue;
      const { response, codes, context } = await call(matrixCaller);
      expect(codes, context).toEqual([expected]);
      expect(response.body.data?.[operation.field.name] ?? null, context).toBeNull();
    }
    expect(await rowCounts(database.prisma)).toEqual(before);

    for (const matrixCaller of callers) {
      if (expectedOutcome(operation, variables, matrixCaller) !== 'allowed') continue;
      const { response, codes, context } = await call(matrixCaller);
      expect(response.status, context).toBeLessThan(500);
      for (const refused of [
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'INTERNAL_SERVER_ERROR',
        'GRAPHQL_VALIDATION_FAILED',
        'BAD_USER_INPUT',
      ]) {
        expect(codes, context).not.toContain(refused);
      }
    }
  });
});
