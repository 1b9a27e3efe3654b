import type { Role } from '@confide/db';
import { permissionsOfRoles, type Permission } from './policy.ts';

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
  | { kind: 'token'; tokenId: string; name: string; permissions: ReadonlySet<Permission> };

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
