import { describe, expect, it } from 'vitest';

import type { Permission } from '../graphql/generated/graphql.ts';
import { permissionForPath, visibleNavigation } from './navigation.ts';

const labels = (permissions: Permission[]) =>
  visibleNavigation(new Set(permissions)).map((item) => item.label);

describe('visibleNavigation', () => {
  it('shows sales staff their work, not privacy or admin pages', () => {
    expect(
      labels([
        'CONVERSATIONS_READ',
        'LEADS_READ',
        'LEADS_WRITE',
        'CONSENTS_READ',
        'PERSONAL_DATA_READ',
        'SITES_READ',
      ]),
    ).toEqual(['Dashboard', 'Conversations', 'Leads', 'Consents', 'Sites', 'API explorer', 'System status']);
  });

  it('shows admins staff, tokens and the audit log but no personal data pages', () => {
    expect(labels(['ADMIN', 'AUDIT_READ', 'SITES_READ', 'PRIVACY_READ'])).toEqual([
      'Dashboard',
      'Privacy requests',
      'Retention',
      'Audit log',
      'Staff',
      'API tokens',
      'CRM connections',
      'Sites',
      'API explorer',
      'System status',
    ]);
  });

  it('leaves only the pages everyone may open without permissions', () => {
    expect(labels([])).toEqual(['Dashboard', 'API explorer', 'System status']);
  });
});

describe('permissionForPath', () => {
  it.each([
    ['/conversations', 'CONVERSATIONS_READ'],
    ['/conversations/Q29udmVyc2F0aW9uOjE', 'CONVERSATIONS_READ'],
    ['/admin/tokens', 'ADMIN'],
    ['/admin/crm', 'ADMIN'],
    ['/leads/exports/Q3JtRXhwb3J0OjE', 'LEADS_READ'],
    ['/admin/sites', 'SITES_READ'],
    ['/privacy/UHJpdmFjeVJlcXVlc3Q6MQ', 'PRIVACY_READ'],
    ['/', null],
    ['/api', null],
    ['/leadsx', null],
  ])('%s needs %s', (path, permission) => {
    expect(permissionForPath(path)).toBe(permission);
  });
});
