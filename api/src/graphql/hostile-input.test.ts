import { createTestDatabase, databaseKinds } from '@confide/db/testing';
import { getNamedType, isNonNullType } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../shared/database.ts';
import type { RunningServer } from '../server/start-server.ts';
import { startTestServer } from '../testing/test-server.ts';
import { createStaffCaller, errorCodes, postGraphql, type HttpCaller } from '../testing/http-callers.ts';
import { operationDocument, rootOperations, sampleVariants } from '../testing/operation-samples.ts';
import { buildApiSchema } from './schema.ts';

/** What attackers and broken clients send: SQL, LIKE and tsquery syntax, huge, control, broken UTF-16. */
const hostileStrings = [
  `'; DROP TABLE "Lead"; --`,
  `' OR '1'='1`,
  '%_\\%',
  '"unterminated -"" OR OR ( ) :* ! & | <->',
  'x'.repeat(50_000),
  'a\u0000b',
  '\u0001\u0007\u001b[31m\r\n\t\u007f',
  '\u200b\u202e\ufeff',
  'broken \ud800 surrogate',
  '\udc00',
];

type Path = (string | number)[];

/** Paths of every string inside the sample variables (enum values and ids included). */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  }
  return [];
}

function replaced(variables: Record<string, unknown>, path: Path, text: string): Record<string, unknown> {
  const copy = structuredClone(variables);
  let target: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path.at(-1)!] = text;
  return copy;
}

const schema = await buildApiSchema();

/** Every (operation, variables, string position) to attack: sample strings and optional String/ID arguments. */
const targets = rootOperations(schema).flatMap((operation) =>
  sampleVariants(operation).flatMap((variables) => {
    const optionalText = operation.field.args
      .filter((arg) => !(arg.name in variables) && !isNonNullType(arg.type))
      .filter((arg) => ['String', 'ID'].includes(getNamedType(arg.type).name))
      .map((arg): Path => [arg.name]);
    return [...stringPaths(variables), ...optionalText].map((path) => ({
      label: `${operation.key}(${path.join('.')})`,
      operation,
      variables,
      path,
    }));
  }),
);

describe.each(databaseKinds)('hostile strings in every operation on %s', (kind) => {
  let database: Database;
  let server: RunningServer;
  let everyone: HttpCaller;

  beforeAll(async () => {
    database = await createTestDatabase(kind, inject('postgresUrl'));
    server = await startTestServer(database);
    // Holds every role, so authorization lets each operation reach its resolver and the database.
    everyone = await createStaffCaller(database.prisma, ['SALES', 'PRIVACY', 'ADMIN']);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('has string arguments to attack', () => {
    expect(targets.length).toBeGreaterThan(20);
  });

  it.each(targets.map((target) => [target.label, target] as const))(
    '%s never answers with a 500',
    async (_label, { operation, variables, path }) => {
      const responses = await Promise.all(
        hostileStrings.map(async (text) => {
          const document = operationDocument(operation, replaced(variables, path, text));
          return { text, response: await postGraphql(server.url, everyone, document) };
        }),
      );
      for (const { text, response } of responses) {
        const context = `${JSON.stringify(text.slice(0, 30))}: ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`;
        expect(response.status, context).toBeLessThan(500);
        expect(errorCodes(response), context).not.toContain('INTERNAL_SERVER_ERROR');
      }
    },
  );
});
