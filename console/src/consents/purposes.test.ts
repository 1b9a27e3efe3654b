import { describe, expect, it } from 'vitest';

import { withdrawnPurposes } from './purposes.ts';

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
