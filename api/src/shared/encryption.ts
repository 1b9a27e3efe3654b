import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Sealed layout: version (1 byte) | IV (12) | GCM tag (16) | ciphertext. The version byte lets a
// later key rotation or algorithm change tell old values apart.
const version = 1;
const ivLength = 12;
const tagLength = 16;
const headerLength = 1 + ivLength + tagLength;

function keyBytes(key: string): Buffer {
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new Error('The encryption key must be 32 bytes, base64-encoded');
  return bytes;
}

/** Encrypts `plaintext` with AES-256-GCM under `key` (32 bytes, base64) into one self-contained value. */
export function encryptText(plaintext: string, key: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const sealed = new Uint8Array(headerLength + ciphertext.length);
  sealed.set([version], 0);
  sealed.set(iv, 1);
  sealed.set(cipher.getAuthTag(), 1 + ivLength);
  sealed.set(ciphertext, headerLength);
  return sealed;
}

/** Decrypts a value from `encryptText`; throws when it was altered or sealed under another key. */
export function decryptText(sealed: Uint8Array, key: string): string {
  const bytes = Buffer.from(sealed);
  if (bytes.length < headerLength || bytes[0] !== version) throw new Error('Not an encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(key), bytes.subarray(1, 1 + ivLength));
  decipher.setAuthTag(bytes.subarray(1 + ivLength, headerLength));
  return Buffer.concat([decipher.update(bytes.subarray(headerLength)), decipher.final()]).toString('utf8');
}
