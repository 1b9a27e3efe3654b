import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { minimumPasswordLength } from '../shared/config.ts';
import type { UserErrorCode } from '../shared/user-error.ts';

export { minimumPasswordLength };

/** Longer inputs are refused before hashing, so nobody can make the server hash megabytes. */
export const maximumPasswordLength = 256;

/**
 * argon2id (the library's default algorithm; its `Algorithm` is a const enum we cannot import) with
 * the default cost of 19 MiB and 2 passes, OWASP's minimum; the salt is random per hash.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(
  password: string,
): { message: string; code: Extract<UserErrorCode, 'TOO_SHORT' | 'TOO_LONG'> } | undefined {
  if ([...password].length < minimumPasswordLength) {
    return {
      message: `The password must be at least ${minimumPasswordLength} characters long`,
      code: 'TOO_SHORT',
    };
  }
  if (password.length > maximumPasswordLength) {
    return {
      message: `The password must be at most ${maximumPasswordLength} characters long`,
      code: 'TOO_LONG',
    };
  }
  return undefined;
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (no such account) it verifies against a
 * throwaway one instead, so a wrong email costs as much time as a wrong password and response
 * times do not reveal which accounts exist.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (password.length > maximumPasswordLength) return false;
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const target = storedHash ?? (await dummyHash);
  try {
    const matches = await verify(target, password);
    return storedHash !== undefined && matches;
  } catch {
    // A malformed stored hash is a failed check, never a crash that would tell the caller more.
    return false;
  }
}
