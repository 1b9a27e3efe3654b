import type { Role } from '@confide/db';

/**
 * The one authorization policy. Every operation and every personal-data field names the permission
 * it needs; roles grant permissions; an API token holds permissions directly, as its scopes.
 */
export const Permission = {
  /** List and read conversations' metadata (site, channel, times, country). */
  conversationsRead: 'conversations:read',
  /** List and read leads' triage state (status, owner, source). */
  leadsRead: 'leads:read',
  /** Change a lead's status, owner and notes. */
  leadsWrite: 'leads:write',
  /** Read the consent ledger. */
  consentsRead: 'consents:read',
  /** Append grants and withdrawals to the consent ledger. */
  consentsWrite: 'consents:write',
  /** Personal data: names, emails, phones, companies, job titles, message text, city. */
  personalDataRead: 'personal-data:read',
  /** Read privacy requests, retention status and runs. */
  privacyRead: 'privacy:read',
  /** Act on privacy requests, erasures, holds and sweeps. */
  privacyWrite: 'privacy:write',
  /** Read the audit trail. */
  auditRead: 'audit:read',
  /** Read the list of sites and their policies. */
  sitesRead: 'sites:read',
  /** Manage staff accounts, API tokens, sites and CRM connections. */
  administer: 'admin',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export const allPermissions: readonly Permission[] = Object.values(Permission);

/** What each permission allows, as the schema's enum descriptions say it. */
export const permissionDescriptions: Record<Permission, string> = {
  'conversations:read': "List and read conversations' metadata (site, channel, times, country).",
  'leads:read': "List and read leads' triage state (status, owner, source).",
  'leads:write': "Change a lead's status, owner and notes.",
  'consents:read': 'Read the consent ledger.',
  'consents:write': 'Append grants and withdrawals to the consent ledger.',
  'personal-data:read':
    'Read personal data: names, emails, phones, companies, job titles, message text, city. Every read is audited.',
  'privacy:read': 'Read privacy requests, retention status and retention runs.',
  'privacy:write': 'Act on privacy requests, erasures, legal holds and retention sweeps.',
  'audit:read': 'Read the audit trail.',
  'sites:read': 'Read the list of sites and their policies.',
  admin: 'Manage staff accounts, API tokens, sites and CRM connections. Staff only; never a token scope.',
};

/** What each staff role may do. A person holding several roles gets the union. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  SALES: [
    Permission.conversationsRead,
    Permission.leadsRead,
    Permission.leadsWrite,
    Permission.consentsRead,
    Permission.personalDataRead,
    Permission.sitesRead,
  ],
  PRIVACY: [
    Permission.conversationsRead,
    Permission.leadsRead,
    Permission.consentsRead,
    Permission.consentsWrite,
    Permission.personalDataRead,
    Permission.privacyRead,
    Permission.privacyWrite,
    Permission.auditRead,
    Permission.sitesRead,
  ],
  // Admins run the installation; they see no personal data unless they also hold another role.
  ADMIN: [
    Permission.administer,
    Permission.auditRead,
    Permission.sitesRead,
    Permission.privacyRead,
    Permission.privacyWrite,
  ],
};

/** Scopes an integrator's token may be given: everything except administration. */
export const tokenScopes: readonly Permission[] = allPermissions.filter(
  (permission) => permission !== 'admin',
);

export function permissionsOfRoles(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => rolePermissions[role]));
}
