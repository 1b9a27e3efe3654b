import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { Extensions, Field } from 'type-graphql';
import type { RequestContext } from '../shared/context.ts';
import { requirePermissions } from './auth-checker.ts';
import { Permission } from './policy.ts';

type ReturnTypeFunc = Extract<Parameters<typeof Field>[0], (...args: never[]) => unknown>;

/** The GraphQL field extension that marks a field as personal data (read by `guardPersonalFields`). */
const personalDataExtension = 'personalData';

/**
 * A field holding personal data (name, email, phone, company, job title, message text, city):
 * nullable, readable only with `personal-data:read`, and audited whenever it is returned.
 * `guardPersonalFields` enforces both once the schema is built.
 */
export function PersonalField(
  returnType: ReturnTypeFunc,
  description: string,
): PropertyDecorator & MethodDecorator {
  const decorators = [
    Field(returnType, {
      nullable: true,
      description: `${description} Personal data: needs the personal-data:read permission; every read is audited.`,
    }),
    Extensions({ [personalDataExtension]: true }),
  ];
  return (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorate of decorators)
      (decorate as MethodDecorator)(target, propertyKey, descriptor as never);
  };
}

/**
 * Wraps every personal field's resolver with the permission check and the audit note. This runs for
 * every personal value of every list row, so it is a plain synchronous wrapper rather than
 * type-graphql middleware, whose promise chain per field dominated the cost of a page of results.
 */
export function guardPersonalFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions[personalDataExtension] !== true) continue;
      field.resolve = guarded(field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}

const personalDataPermission = [Permission.personalDataRead];

function guarded(
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
): GraphQLFieldResolver<unknown, RequestContext> {
  return (root, args, context, info) => {
    requirePermissions(context, personalDataPermission);
    const noteRead = (value: unknown): unknown => {
      const id = (root as { id?: unknown }).id;
      if (value !== null && value !== undefined && typeof id === 'string') {
        context.audit.notePersonalDataRead(info.parentType.name, id, info.fieldName);
      }
      return value;
    };
    const value = resolve(root, args, context, info);
    return value instanceof Promise ? value.then(noteRead) : noteRead(value);
  };
}
