import { registerEnumType } from 'type-graphql';
import { allPermissions, permissionDescriptions, tokenScopes, type Permission } from './policy.ts';

/** The GraphQL name of a permission: "personal-data:read" → PERSONAL_DATA_READ, "admin" → ADMIN. */
export function permissionEnumName(permission: Permission): string {
  return permission.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * GraphQL enums whose internal values are the policy's permission strings, so resolvers work with
 * `Permission` values and the schema shows SCREAMING_CASE names.
 */
function permissionEnum(permissions: readonly Permission[]): Record<string, Permission> {
  return Object.fromEntries(permissions.map((permission) => [permissionEnumName(permission), permission]));
}

function descriptionsOf(permissions: readonly Permission[]) {
  return Object.fromEntries(
    permissions.map((permission) => [
      permissionEnumName(permission),
      { description: `\`${permission}\`: ${permissionDescriptions[permission]}` },
    ]),
  );
}

export const PermissionEnum = permissionEnum(allPermissions);
registerEnumType(PermissionEnum, {
  name: 'Permission',
  description:
    "Something a caller may do. Staff get permissions from their roles; an API token's are its scopes.",
  valuesConfig: descriptionsOf(allPermissions),
});

export const ApiTokenScopeEnum = permissionEnum(tokenScopes);
registerEnumType(ApiTokenScopeEnum, {
  name: 'ApiTokenScope',
  description:
    'A permission an API token may be given: every permission except ADMIN. The description of each value names the scope string used in docs/api.md.',
  valuesConfig: descriptionsOf(tokenScopes),
});
