import {
  defaultFieldResolver,
  isInterfaceType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../shared/context.ts';
import { requirePermissions } from './auth-checker.ts';
import type { Permission } from './policy.ts';

/** The permissions each field needs, keyed `Type.field`, as the `@Authorized` decorators declare them. */
export function declaredPermissions(resolverClasses: readonly unknown[]): Map<string, readonly Permission[]> {
  const storage = getMetadataStorage();
  const required = new Map<string, readonly Permission[]>();
  const declare = (key: string, roles: readonly Permission[] | undefined) => {
    if (roles) required.set(key, roles);
  };
  for (const [typeName, handlers] of [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
  ] as const) {
    for (const handler of handlers) {
      if (resolverClasses.includes(handler.target))
        declare(`${typeName}.${handler.schemaName}`, handler.roles);
    }
  }
  // The same precedence as type-graphql's own: a field resolver's requirement, else the field's.
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) {
    const interfaceFields = storage.interfaceTypes
      .filter((candidate) => type.interfaceClasses?.includes(candidate.target))
      .flatMap((candidate) => candidate.fields ?? []);
    for (const field of [...interfaceFields, ...(type.fields ?? [])]) {
      const resolver = storage.fieldResolvers.find(
        (candidate) =>
          candidate.getObjectType?.() === field.target &&
          candidate.methodName === field.name &&
          (candidate.kind === 'internal' || resolverClasses.includes(candidate.target)),
      );
      declare(`${type.name}.${field.schemaName}`, resolver ? resolver.roles : field.roles);
    }
  }
  return required;
}

/**
 * Enforces the `@Authorized` declarations with a synchronous check in front of each field's
 * resolver. type-graphql's own enforcement is an async middleware chain per field, which for a
 * list of 50 rows meant hundreds of promises per request; the rules (`requirePermissions`) are the
 * same, and `authorization.test.ts` checks the result for every operation and caller.
 */
export function enforceAuthorization(
  schema: GraphQLSchema,
  resolverClasses: readonly unknown[],
): GraphQLSchema {
  const required = declaredPermissions(resolverClasses);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const permissions = required.get(`${type.name}.${field.name}`);
      if (permissions) field.resolve = authorized(field.resolve ?? defaultFieldResolver, permissions);
    }
  }
  return schema;
}

function authorized(
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
  permissions: readonly Permission[],
): GraphQLFieldResolver<unknown, RequestContext> {
  return (root, args, context, info) => {
    requirePermissions(context, permissions);
    return resolve(root, args, context, info);
  };
}
