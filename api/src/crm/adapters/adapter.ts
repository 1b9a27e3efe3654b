/** A lead as every CRM adapter receives it: contact details already split into the CRM's shape. */
export interface CrmLead {
  leadId: string;
  /** The CRM's id from an earlier export through the same connection: update it, do not create. */
  existingRecordId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  status: string;
  source: string;
  createdAt: Date;
}

/** What became of one lead in a batch. */
export type SendOutcome =
  | { kind: 'done'; crmRecordId: string; crmRecordUrl: string | null }
  /** The CRM refused this record (validation, duplicates): sending it again will not help. */
  | { kind: 'failed'; message: string }
  /** Not sent, or sent without an answer: worth another attempt later. */
  | { kind: 'retry'; message: string; retryAfterMs?: number };

/** Who to erase in the CRM: the id stored at export (when there was one) and the subject's email. */
export interface ErasureSubject {
  crmRecordId: string | null;
  email: string | null;
}

/** One CRM's documented API behind one interface, used by export jobs, erasures and "test connection". */
export interface CrmAdapter {
  /** Most leads one `send` call may carry (the CRM's batch limit). */
  readonly maxBatchSize: number;
  /** Sends (creates or updates) the leads; the outcome of each lead by `leadId`. */
  send(leads: readonly CrmLead[]): Promise<Map<string, SendOutcome>>;
  /** Deletes the subject from the CRM; an already absent record counts as erased. */
  erase(subject: ErasureSubject): Promise<void>;
  /** Checks the address and credentials with a harmless call. */
  test(): Promise<void>;
}

/**
 * A call that failed as a whole. `retryable` when trying again later may work (rate limits, 5xx,
 * network); not for refused credentials, which need an admin to fix the connection.
 */
export class CrmError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'CrmError';
  }
}

/** Longest a single CRM call may take before it counts as a network failure. */
const requestTimeoutMs = 30_000;

/** The parsed answer to one HTTP call: status, Retry-After, and the JSON body when there is one. */
export interface CrmResponse {
  status: number;
  body: unknown;
  retryAfterMs: number | undefined;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Sends one request; network failures and timeouts become retryable CrmErrors. */
export async function callCrm(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<CrmResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
  } catch (error) {
    throw new CrmError(`The CRM could not be reached: ${(error as Error).message}`, true);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (an HTML error page from a proxy): kept as text for the message.
  }
  return {
    status: response.status,
    body,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  };
}

/** The message a CRM put in an error body, whatever its shape; short, for item messages and logs. */
export function errorMessageOf(body: unknown, fallback: string): string {
  const first = Array.isArray(body) ? body[0] : body;
  const message =
    typeof first === 'object' && first !== null
      ? ((first as { message?: unknown; error?: unknown }).message ?? (first as { error?: unknown }).error)
      : typeof first === 'string' && first.length > 0
        ? first
        : undefined;
  return (typeof message === 'string' ? message : fallback).slice(0, 500);
}

/** The whole-call failure for a status every adapter treats alike, or undefined for a status it reads itself. */
export function commonFailure(response: CrmResponse, crmName: string): CrmError | undefined {
  const { status, body, retryAfterMs } = response;
  if (status === 401 || status === 403) {
    return new CrmError(
      `${crmName} refused the credentials (${status}): ${errorMessageOf(body, 'unauthorized')}`,
      false,
    );
  }
  if (status === 429) {
    return new CrmError(
      `${crmName} rate limit: ${errorMessageOf(body, 'too many requests')}`,
      true,
      retryAfterMs,
    );
  }
  if (status >= 500 || status === 408) {
    return new CrmError(
      `${crmName} answered ${status}: ${errorMessageOf(body, 'server error')}`,
      true,
      retryAfterMs,
    );
  }
  return undefined;
}

/** What a whole-call failure means for each lead it concerns: retry later, or failed for good. */
export function outcomeOfFailure(error: CrmError): SendOutcome {
  return error.retryable
    ? {
        kind: 'retry',
        message: error.message,
        ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      }
    : { kind: 'failed', message: error.message };
}

/** Every lead of a batch with the same outcome (a whole-call failure). */
export function allOutcomes(leads: readonly CrmLead[], outcome: SendOutcome): Map<string, SendOutcome> {
  return new Map(leads.map((lead) => [lead.leadId, outcome]));
}

/** Joins an API path to a base URL, tolerating a trailing slash on the base. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
