import { Authorized, Field, UseMiddleware, type MiddlewareFn } from 'type-graphql';

type ReturnTypeFunc = Extract<Parameters<typeof Field>[0], (...args: never[]) => unknown>;
import type { RequestContext } from '../shared/context.ts';
import { Permission } from './policy.ts';

/** Notes each personal value actually returned, for the request's aggregated audit event. */
const recordPersonalDataRead: MiddlewareFn<RequestContext> = async ({ root, info, context }, next) => {
  const value: unknown = await next();
  const id = (root as { id?: unknown }).id;
  if (value !== null && value !== undefined && typeof id === 'string') {
    context.audit.notePersonalDataRead(info.parentType.name, id, info.fieldName);
  }
  return value;
};

/**
 * A field holding personal data (name, email, phone, company, job title, message text, city):
 * nullable, readable only with `personal-data:read`, and audited whenever it is returned.
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
    Authorized(Permission.personalDataRead),
    UseMiddleware(recordPersonalDataRead),
  ];
  return (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorate of decorators)
      (decorate as MethodDecorator)(target, propertyKey, descriptor as never);
  };
}
