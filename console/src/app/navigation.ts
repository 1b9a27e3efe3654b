import type { Permission } from '../graphql/generated/graphql.ts';

export interface NavigationItem {
  label: string;
  to: string;
  /** Shown only to staff holding this permission; null for everyone signed in. */
  permission: Permission | null;
  section: 'work' | 'admin' | 'help';
}

/** Every page of the signed-in console, in menu order. The routes require the same permissions. */
export const navigationItems: readonly NavigationItem[] = [
  { label: 'Dashboard', to: '/', permission: null, section: 'work' },
  { label: 'Conversations', to: '/conversations', permission: 'CONVERSATIONS_READ', section: 'work' },
  { label: 'Leads', to: '/leads', permission: 'LEADS_READ', section: 'work' },
  { label: 'Consents', to: '/consents', permission: 'CONSENTS_READ', section: 'work' },
  { label: 'Privacy requests', to: '/privacy', permission: 'PRIVACY_READ', section: 'work' },
  { label: 'Retention', to: '/retention', permission: 'PRIVACY_READ', section: 'work' },
  { label: 'Audit log', to: '/audit', permission: 'AUDIT_READ', section: 'work' },
  { label: 'Staff', to: '/admin/staff', permission: 'ADMIN', section: 'admin' },
  { label: 'API tokens', to: '/admin/tokens', permission: 'ADMIN', section: 'admin' },
  { label: 'CRM connections', to: '/admin/crm', permission: 'ADMIN', section: 'admin' },
  { label: 'Sites', to: '/admin/sites', permission: 'SITES_READ', section: 'admin' },
  { label: 'API explorer', to: '/api', permission: null, section: 'help' },
  { label: 'System status', to: '/status', permission: null, section: 'help' },
];

/** The menu entries a staff member with these permissions may open. */
export function visibleNavigation(permissions: ReadonlySet<Permission>): NavigationItem[] {
  return navigationItems.filter((item) => item.permission === null || permissions.has(item.permission));
}

/** The permission a path needs, from the menu entry it falls under (the longest matching prefix). */
export function permissionForPath(pathname: string): Permission | null {
  const matches = navigationItems.filter(
    (item) => item.to !== '/' && (pathname === item.to || pathname.startsWith(`${item.to}/`)),
  );
  const best = matches.sort((left, right) => right.to.length - left.to.length)[0];
  return best?.permission ?? null;
}
