/** The API's liveness endpoint, served on the same origin as the console. */
export const HEALTH_PATH = '/healthz';

/** How long the console waits for `GET /healthz` before calling the API unavailable. */
export const HEALTH_TIMEOUT_MS = 10_000;

export type DatabaseState = 'up' | 'down' | 'unknown';

/** What the console makes of `GET /healthz`. */
export type Health =
  /** HTTP 2xx with `{"status":"ok","database":"up"}`. */
  | { kind: 'healthy'; version: string | null }
  /** The API answered but reports a problem, e.g. HTTP 503 with `{"status":"error","database":"down"}`. */
  | { kind: 'unhealthy'; database: DatabaseState; httpStatus: number }
  /** No usable answer: network error, timeout, or a response that is not a health report. */
  | { kind: 'unavailable'; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function databaseState(value: unknown): DatabaseState {
  return value === 'up' || value === 'down' ? value : 'unknown';
}

/** Interprets an HTTP status and the decoded JSON body of `GET /healthz`. */
export function parseHealth(httpStatus: number, body: unknown): Health {
  if (!isRecord(body) || typeof body.status !== 'string') {
    return { kind: 'unavailable', reason: `Unexpected answer from ${HEALTH_PATH} (HTTP ${httpStatus}).` };
  }
  const database = databaseState(body.database);
  const ok = httpStatus >= 200 && httpStatus < 300;
  if (ok && body.status === 'ok' && database === 'up') {
    return { kind: 'healthy', version: typeof body.version === 'string' ? body.version : null };
  }
  return { kind: 'unhealthy', database, httpStatus };
}

export interface FetchHealthOptions {
  /** Cancels the request, e.g. when the user navigates away. */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
}

/** Asks the API for its health. Never rejects: every failure becomes an `unavailable` result. */
export async function fetchHealth(options: FetchHealthOptions = {}): Promise<Health> {
  const { signal, timeoutMs = HEALTH_TIMEOUT_MS, fetch: fetchImpl = globalThis.fetch } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(HEALTH_PATH, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return {
        kind: 'unavailable',
        reason: `Unexpected answer from ${HEALTH_PATH} (HTTP ${response.status}).`,
      };
    }
    return parseHealth(response.status, body);
  } catch (error) {
    if (timeout.aborted) {
      return { kind: 'unavailable', reason: `No answer from the API within ${timeoutMs / 1000} s.` };
    }
    if (signal?.aborted) return { kind: 'unavailable', reason: 'The health check was cancelled.' };
    return { kind: 'unavailable', reason: `The API could not be reached (${describe(error)}).` };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
