import { describe, expect, it } from 'vitest';

import { safeNextPath, sessionFromViewer, signInPath } from './session.ts';

describe('safeNextPath', () => {
  it.each([
    ['/leads?status=NEW', '/leads?status=NEW'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/sign-in?next=/leads', '/'],
  ])('%j → %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('signInPath', () => {
  it('keeps the reason and where to return', () => {
    expect(signInPath('expired', '/leads?status=NEW')).toBe(
      '/sign-in?reason=expired&next=%2Fleads%3Fstatus%3DNEW',
    );
  });

  it('drops a return path that would go nowhere useful', () => {
    expect(signInPath(null, '/')).toBe('/sign-in');
    expect(signInPath('signed-out')).toBe('/sign-in?reason=signed-out');
  });
});

describe('sessionFromViewer', () => {
  it('turns a staff viewer into a session', () => {
    const session = sessionFromViewer({
      __typename: 'StaffViewer',
      permissions: ['LEADS_READ'],
      staffMember: { id: 'S1', name: 'Daniel Brooks', email: 'sales@confide.test', roles: ['SALES'] },
    });
    expect(session).toEqual({
      staffMemberId: 'S1',
      name: 'Daniel Brooks',
      email: 'sales@confide.test',
      roles: ['SALES'],
      permissions: new Set(['LEADS_READ']),
    });
  });

  it('has no session for anonymous callers and tokens', () => {
    expect(sessionFromViewer(null)).toBeNull();
    expect(sessionFromViewer({ __typename: 'TokenViewer', permissions: ['LEADS_READ'] })).toBeNull();
  });
});
