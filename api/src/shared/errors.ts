import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { isDatabaseUnavailable } from './database.ts';
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
  /** The database cannot be reached right now (HTTP 503); retrying a little later may succeed. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A fault on our side; details are in the server log under `extensions.requestId`. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the domain raises on purpose; mapped once, in `formatError`, to a GraphQL error. */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR' | 'SERVICE_UNAVAILABLE'>,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

const serviceUnavailableMessage = 'The database is unavailable at the moment; try again shortly';

/**
 * The error for a request the API cannot serve because the database is gone, with HTTP 503; thrown
 * where a failure would otherwise leave Apollo with no status but 500 (context creation, the audit flush).
 */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(serviceUnavailableMessage, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503 } },
  });
}

/** `error` as a 503 when it says the database is gone; otherwise `error` itself. */
export function orServiceUnavailable(error: unknown): unknown {
  return isDatabaseUnavailable(error) ? serviceUnavailable() : error;
}

const ownCodes = new Set<string>(Object.values(ErrorCode).filter((code) => code !== 'INTERNAL_SERVER_ERROR'));
const isOwnCode = (code: unknown): code is ErrorCode => typeof code === 'string' && ownCodes.has(code);

/**
 * class-validator's errors carry the offending value and the whole input object (a password
 * included); callers get only which property broke which constraint.
 */
interface ValidationProblem {
  property: string;
  constraints: Record<string, string>;
  children: ValidationProblem[];
}
function describeValidationErrors(
  errors: readonly { property: string; constraints?: Record<string, string>; children?: unknown[] }[],
): ValidationProblem[] {
  return errors.map((error) => ({
    property: error.property,
    constraints: error.constraints ?? {},
    children: describeValidationErrors((error.children ?? []) as typeof errors),
  }));
}

/**
 * One sentence naming each broken argument by its path, e.g. "first must not be greater than 100"
 * or "each value in filter.actions must be shorter than or equal to 100 characters".
 */
function summarizeValidationProblems(problems: readonly ValidationProblem[]): {
  message: string;
  argument?: string;
} {
  const sentences: string[] = [];
  let argument: string | undefined;
  const walk = (list: readonly ValidationProblem[], parent: string) => {
    for (const problem of list) {
      const path = /^\d+$/.test(problem.property)
        ? `${parent}[${problem.property}]`
        : parent
          ? `${parent}.${problem.property}`
          : problem.property;
      for (const text of Object.values(problem.constraints)) {
        argument ??= path;
        // class-validator's messages name the bare property; name the whole path instead.
        const named = new RegExp(`\\b${problem.property.replace(/[^\w]/g, '\\$&')}\\b`);
        sentences.push(named.test(text) ? text.replace(named, path) : `${path}: ${text}`);
      }
      walk(problem.children, path);
    }
  };
  walk(problems, '');
  return { message: sentences.join('; ') || 'Argument Validation Error', ...(argument && { argument }) };
}

/**
 * graphql-armor calls its limit violations "Syntax Error"s although the document parsed fine, and
 * graphql-js's token limit message has a typo; integrators read these, so say what happened.
 */
function clarifyRequestErrorMessage(message: string): string {
  return message
    .replace(/^Syntax Error: (?=(Query depth|Query Cost|Aliases|Directives) limit)/, '')
    .replace(
      /^Syntax Error: Document contains more that (\d+) tokens\. Parsing aborted\.$/,
      (_, limit) =>
        `Syntax Error: The document has more than ${limit} tokens (names, punctuation, values), the most one request may have.`,
    );
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
      const problems = describeValidationErrors(original.extensions.validationErrors ?? []);
      const { message, argument } = summarizeValidationProblems(problems);
      return {
        ...base,
        message,
        extensions: {
          code: ErrorCode.BAD_USER_INPUT,
          ...(argument && { argument }),
          validationErrors: problems,
        },
      };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable while serving GraphQL');
      return {
        ...base,
        message: serviceUnavailableMessage,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && requestErrorCodes.has(code)) {
      return { ...base, message: clarifyRequestErrorMessage(base.message), extensions: { code } };
    }
    // Our own GraphQLErrors (e.g. a refused API token while building the context) keep their code.
    if (error instanceof GraphQLError && error.originalError === undefined && isOwnCode(code)) {
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
