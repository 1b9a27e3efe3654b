import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { Logger } from './logger.ts';

/** Codes of top-level GraphQL errors (`extensions.code`). Expected business failures use userErrors instead. */
export const ErrorCode = {
  /** No valid session or token. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but the role or token scope does not allow this. */
  FORBIDDEN: 'FORBIDDEN',
  /** The request is well-formed GraphQL but an argument is invalid (shape, range, format). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The id names nothing the caller can see. Also used instead of FORBIDDEN where existence itself is private. */
  NOT_FOUND: 'NOT_FOUND',
  /** Too many attempts; `extensions.retryAfterSeconds` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A fault on our side; details are in the server log under `extensions.requestId`. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the domain raises on purpose; mapped once, in `formatError`, to a GraphQL error. */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Codes the GraphQL machinery itself produces for requests it cannot run. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
]);

/**
 * Maps every error leaving the API to a stable `extensions.code`. Unexpected errors are logged
 * with the request id and reach the caller as a bare INTERNAL_SERVER_ERROR, so no internals
 * (SQL, stack traces, personal data in messages) leak.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: { ...original.extensions, code: original.code },
      };
    }
    if (original instanceof AuthenticationError) {
      return { ...base, extensions: { code: ErrorCode.UNAUTHENTICATED } };
    }
    if (original instanceof AuthorizationError) {
      return { ...base, extensions: { code: ErrorCode.FORBIDDEN } };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = original.extensions.validationErrors ?? [];
      return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, validationErrors: problems } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && requestErrorCodes.has(code)) {
      return { ...base, extensions: { code } };
    }
    // A GraphQLError without an original error is one graphql-js raised about the request itself
    // (e.g. a variable of the wrong type), so its message is safe and useful.
    if (error instanceof GraphQLError && error.originalError === undefined) {
      return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while serving GraphQL');
    return {
      ...base,
      message: 'Internal server error',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
