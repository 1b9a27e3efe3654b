import { isInterfaceType, isObjectType, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildApiSchema, resolvers } from '../graphql/schema.ts';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { testViewers } from '../testing/graphql-client.ts';
import { declaredPermissions } from './enforce-authorization.ts';
import { Permission } from './policy.ts';

const schema = await buildApiSchema();
const declared = declaredPermissions(resolvers);

function schemaField(key: string): GraphQLField<unknown, RequestContext> {
  const [typeName, fieldName] = key.split('.') as [string, string];
  const type = schema.getType(typeName);
  if (!(isObjectType(type) || isInterfaceType(type))) throw new Error(`${typeName} is not an output type`);
  const field = type.getFields()[fieldName];
  if (!field) throw new Error(`${key} is not in the schema`);
  return field as GraphQLField<unknown, RequestContext>;
}

/** Calls a field's resolver the way graphql-js would, with a root that must never be reached. */
function resolveAs(key: string, viewer: RequestContext['viewer']): unknown {
  const root = new Proxy(
    {},
    {
      get() {
        throw new Error(`${key} read its parent before checking permissions`);
      },
    },
  );
  const context = { viewer } as RequestContext;
  return schemaField(key).resolve!(root, {}, context, {} as GraphQLResolveInfo);
}

function codeOf(run: () => unknown): unknown {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return error instanceof DomainError ? error.code : (error as Error).message;
  }
}

describe('authorization enforced on the built schema', () => {
  it('reads the requirements of root operations, field resolvers and their classes', () => {
    expect(declared.get('Query.conversations')).toEqual([Permission.conversationsRead]);
    // A class-level @Authorized covers the field resolvers of its class...
    expect(declared.get('Conversation.site')).toEqual([Permission.conversationsRead]);
    expect(declared.get('Conversation.lastMessage')).toEqual([Permission.conversationsRead]);
    // ...and a method-level one replaces it.
    expect(declared.get('Conversation.lead')).toEqual([Permission.leadsRead]);
    expect([...(declared.get('Lead.conversation') ?? [])].sort()).toEqual(
      [Permission.conversationsRead, Permission.leadsRead].sort(),
    );
    // Plain data fields of a type carry no requirement of their own.
    expect(declared.has('Conversation.channel')).toBe(false);
  });

  it('refuses every declared field before its resolver runs, for anonymous callers and for missing permissions', () => {
    expect(declared.size).toBeGreaterThan(80);
    const outcomes = [...declared].map(([key, permissions]) => ({
      key,
      anonymous: codeOf(() => resolveAs(key, testViewers.anonymous)),
      // A caller holding every permission but one of those the field needs.
      withoutOne:
        permissions.length === 0
          ? 'FORBIDDEN'
          : codeOf(() =>
              resolveAs(
                key,
                testViewers.token(
                  Object.values(Permission).filter((permission) => permission !== permissions[0]),
                ),
              ),
            ),
    }));
    expect(outcomes.filter((outcome) => outcome.anonymous !== 'UNAUTHENTICATED')).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.withoutOne !== 'FORBIDDEN')).toEqual([]);
  });
});
