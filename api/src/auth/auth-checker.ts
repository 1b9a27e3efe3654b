import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import type { Permission } from './policy.ts';
import { hasPermission } from './viewer.ts';

/**
 * type-graphql's `@Authorized(...permissions)`: anonymous callers get UNAUTHENTICATED; signed-in
 * callers need every listed permission (none listed: any signed-in caller), else FORBIDDEN.
 */
export const authChecker: AuthChecker<RequestContext, Permission> = ({ context }, permissions) =>
  requirePermissions(context, permissions);

/** Throws UNAUTHENTICATED or FORBIDDEN unless the caller holds every one of `permissions`. */
export function requirePermissions(context: RequestContext, permissions: readonly Permission[]): true {
  if (context.viewer.kind === 'anonymous') {
    throw new DomainError(
      'UNAUTHENTICATED',
      'Sign in, or send an API token as "Authorization: Bearer <token>"',
    );
  }
  const missing = permissions.filter((permission) => !hasPermission(context.viewer, permission));
  if (missing.length > 0) {
    // Naming the permission tells an integrator which scope their token lacks.
    throw new DomainError('FORBIDDEN', `This needs the ${missing.join(', ')} permission`, { missing });
  }
  return true;
}
