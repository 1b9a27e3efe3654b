import { Field, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Codes of expected business failures, returned in a mutation payload's `userErrors` (Shopify's
 * style). Top-level GraphQL errors stay for authentication, authorization, malformed input and faults.
 */
export const UserErrorCode = {
  /** The value has the wrong format or is out of range. */
  INVALID: 'INVALID',
  /** A value the operation needs is missing, or the input asks for no change at all. */
  REQUIRED: 'REQUIRED',
  /** The text is longer than allowed. */
  TOO_LONG: 'TOO_LONG',
  /** The selection holds more records than one call may change. */
  TOO_MANY: 'TOO_MANY',
  /** An id names no record the caller can see. */
  NOT_FOUND: 'NOT_FOUND',
  /** The staff member cannot be assigned: disabled, or without the role the assignment needs. */
  NOT_ASSIGNABLE: 'NOT_ASSIGNABLE',
  /** A consent withdrawal for a purpose the subject has not currently granted. */
  NOT_GRANTED: 'NOT_GRANTED',
  /** The value is already used by another record, e.g. a staff member's email address. */
  TAKEN: 'TAKEN',
  /** The text is shorter than allowed, e.g. a password under 12 characters. */
  TOO_SHORT: 'TOO_SHORT',
  /** Sign-in refused: the email or the password is wrong (never says which, so accounts cannot be enumerated). */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Sign-in refused: the password was right but an admin disabled the account. */
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  /** An admin tried to remove their own ADMIN role or disable their own account. */
  SELF_LOCKOUT: 'SELF_LOCKOUT',
  /** The record's current state does not allow this, e.g. completing a rejected privacy request. */
  INVALID_STATE: 'INVALID_STATE',
  /** A privacy request's postponement beyond the longest the site's policy allows. */
  PAST_MAXIMUM: 'PAST_MAXIMUM',
  /** The confirmation typed does not match, e.g. the email retyped before an erasure. */
  CONFIRMATION_MISMATCH: 'CONFIRMATION_MISMATCH',
  /** The legal hold was already released. */
  ALREADY_RELEASED: 'ALREADY_RELEASED',
  /** Another retention sweep is deleting right now (on this or another instance). */
  SWEEP_RUNNING: 'SWEEP_RUNNING',
} as const;
export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input; stable, for programs to act on.',
  valuesConfig: {
    INVALID: { description: 'The value has the wrong format or is out of range.' },
    REQUIRED: { description: 'A value the operation needs is missing, or the input asks for no change.' },
    TOO_LONG: { description: 'The text is longer than allowed.' },
    TOO_MANY: { description: 'The selection holds more records than one call may change.' },
    NOT_FOUND: { description: 'An id names no record the caller can see.' },
    NOT_ASSIGNABLE: {
      description: 'The staff member cannot be assigned: disabled, or without the role the assignment needs.',
    },
    NOT_GRANTED: { description: 'Withdrawal of a consent the subject has not currently granted.' },
    TAKEN: { description: "The value is already used by another record, e.g. a staff member's email." },
    TOO_SHORT: { description: 'The text is shorter than allowed, e.g. a password under 12 characters.' },
    INVALID_CREDENTIALS: {
      description: 'Sign-in refused: the email or the password is wrong (the API never says which).',
    },
    ACCOUNT_DISABLED: { description: 'Sign-in refused: the password was right but the account is disabled.' },
    SELF_LOCKOUT: {
      description: 'An admin cannot remove their own ADMIN role or disable their own account.',
    },
    INVALID_STATE: {
      description: "The record's current state does not allow this, e.g. completing a rejected request.",
    },
    PAST_MAXIMUM: {
      description: "A postponement beyond the longest the site's policy allows for a privacy request.",
    },
    CONFIRMATION_MISMATCH: {
      description: 'The confirmation typed does not match, e.g. the email retyped before an erasure.',
    },
    ALREADY_RELEASED: { description: 'The legal hold was already released.' },
    SWEEP_RUNNING: {
      description: 'Another retention sweep is deleting right now; follow it in `retentionRuns`.',
    },
  },
});

/** An expected business failure of a mutation. Plain data: use cases build it with `import type` only. */
export interface UserErrorData {
  /** Path to the offending input field, e.g. ["input", "ownerId"]; empty when no single field is at fault. */
  field: string[];
  message: string;
  code: UserErrorCode;
}

@ObjectType({ description: 'A problem with the input of a mutation, which the caller can fix and retry.' })
export class UserError implements UserErrorData {
  @Field(() => [String], {
    description:
      'Path to the input field at fault, e.g. ["input", "ownerId"]; empty when no single field is.',
  })
  field!: string[];

  @Field(() => String, { description: 'What is wrong, in English, for people.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, as a stable code for programs.' })
  code!: UserErrorCode;
}
