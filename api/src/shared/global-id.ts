import { DomainError } from './errors.ts';

/**
 * Opaque global ids, as Relay and GitHub's API use: base64url of "<Type>:<database id>". Clients
 * must not parse them; we can change the encoding without breaking anyone who does not.
 */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  typeName: string;
  id: string;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes a global id; undefined when it is not one of ours. */
export function decodeGlobalId(globalId: string): DecodedGlobalId | undefined {
  if (globalId.length > 200 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return undefined;
  const typeName = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (!/^[A-Z][A-Za-z]+$/.test(typeName) || !uuidPattern.test(id)) return undefined;
  return { typeName, id };
}

/** The database id behind a global id of the expected type, or a BAD_USER_INPUT error naming the argument. */
export function fromGlobalId(globalId: string, expectedType: string, argumentName = 'id'): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || decoded.typeName !== expectedType) {
    throw new DomainError('BAD_USER_INPUT', `${argumentName} is not a valid ${expectedType} id`, {
      argument: argumentName,
    });
  }
  return decoded.id;
}
