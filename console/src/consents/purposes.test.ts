import { describe, expect, it } from 'vitest';

import { lacksGrant, withdrawnPurposes } from './purposes.ts';

describe('withdrawnPurposes', () => {
  it('names purposes whose latest entry is a withdrawal, not those never granted', () => {
    expect(
      withdrawnPurposes([
        { purpose: 'MARKETING_COMMUNICATIONS', granted: false, since: '2026-11-01T10:00:00Z' },
        { purpose: 'CRM_TRANSFER', granted: false, since: null },
        { purpose: 'CHAT_LOGGING', granted: true, since: '2026-10-01T10:00:00Z' },
      ]),
    ).toEqual(['MARKETING_COMMUNICATIONS']);
  });
});

describe('lacksGrant', () => {
  it('is true when the purpose was never granted or withdrawn, false while a grant stands', () => {
    const states = [
      { purpose: 'CRM_TRANSFER' as const, granted: true },
      { purpose: 'MARKETING_COMMUNICATIONS' as const, granted: false },
    ];
    expect(lacksGrant(states, 'CRM_TRANSFER')).toBe(false);
    expect(lacksGrant(states, 'MARKETING_COMMUNICATIONS')).toBe(true);
    expect(lacksGrant(states, 'CHAT_LOGGING')).toBe(true);
  });
});
