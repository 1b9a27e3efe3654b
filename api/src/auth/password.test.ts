import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with argon2id and a random salt, and verifies', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(first, 'correct horse battery!')).toBe(false);
  });

  it('fails, without throwing, for a missing account, a malformed hash or an absurd password', async () => {
    expect(await verifyPassword(undefined, 'anything-at-all')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything-at-all')).toBe(false);
    expect(await verifyPassword(await hashPassword('x'.repeat(12)), 'x'.repeat(10_000))).toBe(false);
  });

  it('asks for at least 12 characters (counted as characters, not bytes) and at most 256', () => {
    expect(passwordProblem('short')).toEqual({
      message: 'The password must be at least 12 characters long',
      code: 'TOO_SHORT',
    });
    expect(passwordProblem('🔑'.repeat(11))?.code).toBe('TOO_SHORT');
    expect(passwordProblem('twelve chars')).toBeUndefined();
    expect(passwordProblem('x'.repeat(257))?.code).toBe('TOO_LONG');
  });
});
