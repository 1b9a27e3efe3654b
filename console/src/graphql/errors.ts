import { CombinedGraphQLErrors } from '@apollo/client';

/** A mutation payload's `userErrors` entry. */
export interface UserErrorLike {
  message: string;
  field: readonly string[];
  code: string;
}

/** Whether a request failed with this `extensions.code`, e.g. NOT_FOUND. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((item) => item.extensions?.code === code);
}

/** One sentence for people about why a request failed. */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const [first] = error.errors;
    switch (first?.extensions?.code) {
      case 'FORBIDDEN':
        return 'You do not have permission to see this.';
      case 'RATE_LIMITED': {
        const seconds = Number(first.extensions?.retryAfterSeconds);
        return Number.isFinite(seconds)
          ? `Too many attempts. Try again in ${Math.ceil(seconds / 60)} min.`
          : 'Too many attempts. Try again later.';
      }
      case 'INTERNAL_SERVER_ERROR':
        return 'The server ran into a problem. Try again in a moment.';
    }
    return first?.message ?? 'The request failed.';
  }
  if (error instanceof Error && /fetch|network/i.test(error.message)) {
    return 'The API could not be reached. Check your connection and try again.';
  }
  return error instanceof Error ? error.message : 'The request failed.';
}

/** The user errors of a payload as one sentence; null when there are none. */
export function describeUserErrors(userErrors: readonly UserErrorLike[] | undefined): string | null {
  if (!userErrors || userErrors.length === 0) return null;
  return userErrors.map((userError) => userError.message).join(' ');
}

/** The message of the user error on one input field, for a form control's `error`. */
export function fieldError(
  userErrors: readonly UserErrorLike[] | undefined,
  field: string,
): string | undefined {
  return userErrors?.find((userError) => userError.field.at(-1) === field)?.message;
}
