import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptText, encryptText } from './encryption.ts';

const key = randomBytes(32).toString('base64');

describe('encryption', () => {
  it('round-trips text without the plaintext appearing in the sealed value', () => {
    const sealed = encryptText('pat-eu1-secret-token ünïcode', key);
    expect(Buffer.from(sealed).includes('secret-token')).toBe(false);
    expect(decryptText(sealed, key)).toBe('pat-eu1-secret-token ünïcode');
  });

  it('uses a fresh IV for every value', () => {
    expect(Buffer.from(encryptText('same', key)).equals(Buffer.from(encryptText('same', key)))).toBe(false);
  });

  it('refuses a tampered value, another key, and garbage', () => {
    const sealed = encryptText('credentials', key);
    const tampered = Uint8Array.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => decryptText(tampered, key)).toThrow();
    expect(() => decryptText(sealed, randomBytes(32).toString('base64url'))).toThrow();
    expect(() => decryptText(new Uint8Array([1, 2, 3]), key)).toThrow('Not an encrypted value');
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => encryptText('x', 'c2hvcnQ=')).toThrow('32 bytes');
  });
});
