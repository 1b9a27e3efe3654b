/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Credentials of a staff account. */
export type LoginInput = {
  /** Email address of the staff account (case does not matter). */
  email: string;
  /** The account password. */
  password: string;
};

/** Something a caller may do. Staff get permissions from their roles; an API token's are its scopes. */
export type Permission =
  /** `admin`: Manage staff accounts, API tokens, sites and CRM connections. Staff only; never a token scope. */
  | 'ADMIN'
  /** `audit:read`: Read the audit trail. */
  | 'AUDIT_READ'
  /** `consents:read`: Read the consent ledger. */
  | 'CONSENTS_READ'
  /** `consents:write`: Append grants and withdrawals to the consent ledger. */
  | 'CONSENTS_WRITE'
  /** `conversations:read`: List and read conversations' metadata (site, channel, times, country). */
  | 'CONVERSATIONS_READ'
  /** `leads:read`: List and read leads' triage state (status, owner, source). */
  | 'LEADS_READ'
  /** `leads:write`: Change a lead's status, owner and notes. */
  | 'LEADS_WRITE'
  /** `personal-data:read`: Read personal data: names, emails, phones, companies, job titles, message text, city. Every read is audited. */
  | 'PERSONAL_DATA_READ'
  /** `privacy:read`: Read privacy requests, retention status and retention runs. */
  | 'PRIVACY_READ'
  /** `privacy:write`: Act on privacy requests, erasures, legal holds and retention sweeps. */
  | 'PRIVACY_WRITE'
  /** `sites:read`: Read the list of sites and their policies. */
  | 'SITES_READ';

/** A staff role. A person may hold several and gets the permissions of each. */
export type Role =
  /** Manages staff accounts, API tokens, sites and CRM connections; no personal data by itself. */
  | 'ADMIN'
  /** Answers data-subject requests, runs erasures, watches retention; sees everything personal. */
  | 'PRIVACY'
  /** Triages leads and reads the transcripts behind them. */
  | 'SALES';

/** Why a mutation refused its input; stable, for programs to act on. */
export type UserErrorCode =
  /** Sign-in refused: the password was right but the account is disabled. */
  | 'ACCOUNT_DISABLED'
  /** The value has the wrong format or is out of range. */
  | 'INVALID'
  /** Sign-in refused: the email or the password is wrong (the API never says which). */
  | 'INVALID_CREDENTIALS'
  /** The staff member cannot be assigned: disabled, or without the role the assignment needs. */
  | 'NOT_ASSIGNABLE'
  /** An id names no record the caller can see. */
  | 'NOT_FOUND'
  /** Withdrawal of a consent the subject has not currently granted. */
  | 'NOT_GRANTED'
  /** A value the operation needs is missing, or the input asks for no change. */
  | 'REQUIRED'
  /** An admin cannot remove their own ADMIN role or disable their own account. */
  | 'SELF_LOCKOUT'
  /** The value is already used by another record, e.g. a staff member's email. */
  | 'TAKEN'
  /** The text is longer than allowed. */
  | 'TOO_LONG'
  /** The selection holds more records than one call may change. */
  | 'TOO_MANY'
  /** The text is shorter than allowed, e.g. a password under 12 characters. */
  | 'TOO_SHORT';

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { logout: { userErrors: Array<{ message: string }> } };

export type SessionViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionViewerQuery = { viewer:
    | { __typename: 'StaffViewer', permissions: Array<Permission>, staffMember: { id: string, name: string, email: string | null, roles: Array<Role> | null } }
    | { __typename: 'TokenViewer', permissions: Array<Permission> }
   | null };

export type SignInMutationVariables = Exact<{
  input: LoginInput;
}>;


export type SignInMutation = { login: { viewer: { staffMember: { id: string } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };


export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const SessionViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StaffViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staffMember"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SessionViewerQuery, SessionViewerQueryVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staffMember"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;