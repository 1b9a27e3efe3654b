import type { Role } from '@confide/db';
import { permissionsOfRoles, tokenScopes, type Permission } from './policy.ts';

/** Who is calling: a signed-in staff member, an integrator's token, or nobody. */
export type Viewer =
  | { kind: 'anonymous'; permissions: ReadonlySet<Permission> }
  | {
      kind: 'staff';
      staffUserId: string;
      email: string;
      name: string;
      roles: Role[];
      sessionId: string;
      permissions: ReadonlySet<Permission>;
    }
  | {
      kind: 'token';
      tokenId: string;
      name: string;
      permissions: ReadonlySet<Permission>;
      /** When the token stops working; null or absent when it never expires. */
      expiresAt?: Date | null;
    };

export const anonymousViewer: Viewer = { kind: 'anonymous', permissions: new Set() };

export function staffViewer(
  user: { id: string; email: string; name: string; roles: Role[] },
  sessionId: string,
): Viewer {
  return {
    kind: 'staff',
    staffUserId: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    sessionId,
    permissions: permissionsOfRoles(user.roles),
  };
}

export function hasPermission(viewer: Viewer, permission: Permission): boolean {
  return viewer.permissions.has(permission);
}

export function tokenViewer(token: {
  id: string;
  name: string;
  scopes: readonly string[];
  expiresAt: Date | null;
}): Viewer {
  // Scopes are validated when the token is created; an unknown one (e.g. from a newer version) grants nothing.
  const known = new Set<string>(tokenScopes);
  return {
    kind: 'token',
    tokenId: token.id,
    name: token.name,
    permissions: new Set(token.scopes.filter((scope) => known.has(scope)) as Permission[]),
    expiresAt: token.expiresAt,
  };
}
