import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Loopback stand-ins for each CRM's documented API, for tests and benchmarks. Each validates what
// the real API insists on (auth header, batch limits, required fields) and answers in the real API's
// shapes: success, per-record partial failure, 401 and 429. An email containing "invalid" is
// refused by the CRM as a per-record error.

export interface StubResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The body as sent, for signature checks. */
  rawBody: string;
}

export interface CrmStub {
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Answers the next calls with these responses instead of handling them (e.g. a 429, then a 500). */
  respondNext(...responses: StubResponse[]): void;
  /** Makes every answer wait this long, like a slow CRM. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest, url: URL) => StubResponse;

async function readBody(request: IncomingMessage): Promise<{ rawBody: string; body: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  return { rawBody, body: rawBody ? (JSON.parse(rawBody) as unknown) : undefined };
}

function send(response: ServerResponse, { status, body, headers = {} }: StubResponse): void {
  response.writeHead(status, {
    ...(body !== undefined && { 'content-type': 'application/json' }),
    ...headers,
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

async function startStub(handler: Handler): Promise<CrmStub> {
  const requests: RecordedRequest[] = [];
  const scripted: StubResponse[] = [];
  let delayMs = 0;
  const server = createServer((request, response) => {
    readBody(request).then(
      async ({ rawBody, body }) => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        const url = new URL(request.url ?? '/', 'http://stub');
        const recorded = {
          method: request.method ?? 'GET',
          path: url.pathname,
          headers: request.headers,
          body,
          rawBody,
        };
        requests.push(recorded);
        send(response, scripted.shift() ?? handler(recorded, url));
      },
      () => send(response, { status: 400, body: { message: 'The body is not JSON' } }),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondNext: (...responses) => scripted.push(...responses),
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const isInvalid = (email: unknown) => typeof email === 'string' && email.includes('invalid');

/** The CRMs' documented rate-limit and authentication failures, for `respondNext`. */
export const stubFailures = {
  hubspotRateLimit: (retryAfterSeconds = 1): StubResponse => ({
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    },
  }),
  salesforceRequestLimit: (): StubResponse => ({
    status: 403,
    body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
  }),
  salesforceInvalidSession: (): StubResponse => ({
    status: 401,
    body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
  }),
  pipedriveRateLimit: (retryAfterSeconds = 1): StubResponse => ({
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { success: false, error: 'Rate limit has been exceeded', errorCode: 429 },
  }),
};

export interface HubSpotStub extends CrmStub {
  /** Contacts by email: what HubSpot would now hold. */
  contacts: Map<string, { id: string; properties: Record<string, string> }>;
  /** Sizes of each batch upsert call, to check the 100-input limit. */
  batchSizes: number[];
}

const hubspotProperties = new Set(['email', 'firstname', 'lastname', 'jobtitle', 'phone', 'company']);

/** HubSpot's CRM v3 contacts API: batch upsert by email, GDPR delete, and a list call. */
export async function startHubSpotStub(accessToken: string): Promise<HubSpotStub> {
  const contacts = new Map<string, { id: string; properties: Record<string, string> }>();
  const batchSizes: number[] = [];
  let nextId = 1000;
  const validation = (message: string): StubResponse => ({
    status: 400,
    body: { status: 'error', message, category: 'VALIDATION_ERROR' },
  });
  const stub = await startStub((request, url) => {
    if (request.headers.authorization !== `Bearer ${accessToken}`) {
      return {
        status: 401,
        body: {
          status: 'error',
          message: 'Authentication credentials not found.',
          category: 'INVALID_AUTHENTICATION',
        },
      };
    }
    if (request.method === 'GET' && url.pathname === '/crm/v3/objects/contacts') {
      return {
        status: 200,
        body: { results: [...contacts.values()].slice(0, Number(url.searchParams.get('limit') ?? 10)) },
      };
    }
    if (request.method === 'POST' && url.pathname === '/crm/v3/objects/contacts/batch/upsert') {
      const inputs = (request.body as { inputs?: unknown[] } | undefined)?.inputs;
      if (!Array.isArray(inputs) || inputs.length === 0) return validation('inputs must be a non-empty list');
      if (inputs.length > 100) return validation(`Batch size of ${inputs.length} exceeds the limit of 100`);
      batchSizes.push(inputs.length);
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const input of inputs as {
        idProperty?: string;
        id?: string;
        properties?: Record<string, string>;
      }[]) {
        const properties = input.properties ?? {};
        if (input.idProperty !== 'email' || !input.id || properties.email !== input.id) {
          return validation('Each input needs idProperty "email" and its email as id');
        }
        const unknown = Object.keys(properties).filter((name) => !hubspotProperties.has(name));
        if (unknown.length > 0) return validation(`Property values were not valid: ${unknown.join(', ')}`);
        if (isInvalid(input.id)) {
          errors.push({
            status: 'error',
            category: 'VALIDATION_ERROR',
            message: `Property values were not valid: email ${input.id}`,
            context: { email: [input.id] },
          });
          continue;
        }
        const existing = contacts.get(input.id);
        const contact = { id: existing?.id ?? String((nextId += 1)), properties };
        contacts.set(input.id, contact);
        results.push({ id: contact.id, properties: { email: input.id }, new: !existing });
      }
      const body = {
        status: 'COMPLETE',
        results,
        ...(errors.length > 0 && { numErrors: errors.length, errors }),
      };
      return { status: errors.length > 0 ? 207 : 200, body };
    }
    if (request.method === 'POST' && url.pathname === '/crm/v3/objects/contacts/gdpr-delete') {
      const body = request.body as { objectId?: string; idProperty?: string } | undefined;
      if (body?.idProperty !== 'email' || !body.objectId)
        return validation('objectId and idProperty "email" are required');
      return contacts.delete(body.objectId)
        ? { status: 204 }
        : {
            status: 404,
            body: { status: 'error', message: 'Object not found', category: 'OBJECT_NOT_FOUND' },
          };
    }
    return { status: 404, body: { status: 'error', message: 'Not found' } };
  });
  return Object.assign(stub, { contacts, batchSizes });
}

export interface SalesforceStub extends CrmStub {
  /** Leads by id. */
  leads: Map<string, Record<string, unknown>>;
}

/** Salesforce REST: sObject Collections create and update of Leads, Lead delete, and limits. */
export async function startSalesforceStub(accessToken: string, apiVersion = '62.0'): Promise<SalesforceStub> {
  const leads = new Map<string, Record<string, unknown>>();
  let nextId = 1;
  const base = `/services/data/v${apiVersion}`;
  const stub = await startStub((request, url) => {
    if (request.headers.authorization !== `Bearer ${accessToken}`)
      return stubFailures.salesforceInvalidSession();
    if (request.method === 'GET' && url.pathname === `${base}/limits`) {
      return { status: 200, body: { DailyApiRequests: { Max: 15000, Remaining: 14999 } } };
    }
    if (
      url.pathname === `${base}/composite/sobjects` &&
      (request.method === 'POST' || request.method === 'PATCH')
    ) {
      const body = request.body as { allOrNone?: boolean; records?: Record<string, unknown>[] } | undefined;
      const records = body?.records;
      if (
        body?.allOrNone !== false ||
        !Array.isArray(records) ||
        records.length === 0 ||
        records.length > 200
      ) {
        return {
          status: 400,
          body: [{ message: 'Expected allOrNone false and 1 to 200 records', errorCode: 'INVALID_FIELD' }],
        };
      }
      return {
        status: 200,
        body: records.map((record) => {
          const { attributes, id, ...fields } = record as { attributes?: { type?: string }; id?: string };
          if (attributes?.type !== 'Lead') {
            return {
              success: false,
              errors: [{ statusCode: 'INVALID_TYPE', message: 'Only Lead', fields: [] }],
            };
          }
          const missing = ['LastName', 'Company'].filter(
            (name) => !(fields as Record<string, unknown>)[name],
          );
          if (missing.length > 0) {
            return {
              success: false,
              errors: [
                {
                  statusCode: 'REQUIRED_FIELD_MISSING',
                  message: `Required fields are missing: [${missing.join(', ')}]`,
                  fields: missing,
                },
              ],
            };
          }
          if (isInvalid((fields as { Email?: unknown }).Email)) {
            return {
              success: false,
              errors: [
                {
                  statusCode: 'INVALID_EMAIL_ADDRESS',
                  message: 'Email: invalid email address',
                  fields: ['Email'],
                },
              ],
            };
          }
          if (request.method === 'PATCH') {
            if (!id || !leads.has(id)) {
              return {
                success: false,
                errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
              };
            }
            leads.set(id, fields);
            return { id, success: true, errors: [] };
          }
          const created = `00Q${String((nextId += 1)).padStart(15, '0')}`;
          leads.set(created, fields);
          return { id: created, success: true, errors: [] };
        }),
      };
    }
    const deletion = new RegExp(`^${base.replaceAll('.', '\\.')}/sobjects/Lead/([^/]+)$`).exec(url.pathname);
    if (request.method === 'DELETE' && deletion) {
      return leads.delete(decodeURIComponent(deletion[1]!))
        ? { status: 204 }
        : {
            status: 404,
            body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
          };
    }
    return {
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    };
  });
  return Object.assign(stub, { leads });
}

export interface PipedriveStub extends CrmStub {
  /** Persons by id. */
  persons: Map<number, { name: string; emails: { value: string }[]; custom_fields?: Record<string, string> }>;
}

/** Pipedrive API v2 persons: exact email search, create, update, delete, list. */
export async function startPipedriveStub(apiToken: string): Promise<PipedriveStub> {
  const persons: PipedriveStub['persons'] = new Map();
  let nextId = 1;
  const stub = await startStub((request, url) => {
    if (request.headers['x-api-token'] !== apiToken) {
      return { status: 401, body: { success: false, error: 'unauthorized access', errorCode: 401 } };
    }
    const personPath = /^\/api\/v2\/persons\/(\d+)$/.exec(url.pathname);
    if (request.method === 'GET' && url.pathname === '/api/v2/persons/search') {
      const term = url.searchParams.get('term');
      if (
        !term ||
        url.searchParams.get('fields') !== 'email' ||
        url.searchParams.get('exact_match') !== 'true'
      ) {
        return {
          status: 400,
          body: { success: false, error: 'term, fields=email and exact_match=true expected' },
        };
      }
      const items = [...persons]
        .filter(([, person]) => person.emails.some((email) => email.value === term))
        .map(([id, person]) => ({ result_score: 1, item: { id, name: person.name } }));
      return { status: 200, body: { success: true, data: { items } } };
    }
    if (request.method === 'GET' && url.pathname === '/api/v2/persons') {
      return {
        status: 200,
        body: { success: true, data: [...persons.keys()].slice(0, 1).map((id) => ({ id })) },
      };
    }
    if (
      (request.method === 'POST' && url.pathname === '/api/v2/persons') ||
      (request.method === 'PATCH' && personPath)
    ) {
      const body = request.body as PipedriveStub['persons'] extends Map<number, infer P> ? P : never;
      if (!body?.name || !Array.isArray(body.emails)) {
        return { status: 400, body: { success: false, error: 'name and emails are required' } };
      }
      if (body.emails.some((email) => isInvalid(email.value))) {
        return { status: 400, body: { success: false, error: 'Invalid email address' } };
      }
      const id = personPath ? Number(personPath[1]) : (nextId += 1);
      if (personPath && !persons.has(id))
        return { status: 404, body: { success: false, error: 'Person not found' } };
      persons.set(id, body);
      return { status: 200, body: { success: true, data: { id, name: body.name } } };
    }
    if (request.method === 'DELETE' && personPath) {
      return persons.delete(Number(personPath[1]))
        ? { status: 200, body: { success: true, data: { id: Number(personPath[1]) } } }
        : { status: 404, body: { success: false, error: 'Person not found' } };
    }
    return { status: 404, body: { success: false, error: 'Not found' } };
  });
  return Object.assign(stub, { persons });
}

export interface WebhookStub extends CrmStub {
  /** Events whose signature verified, in order. */
  events: { type: string; [key: string]: unknown }[];
}

/**
 * A webhook receiver verifying `X-Signature` (t=…,v1=HMAC-SHA256 of "t.body") within five minutes,
 * exactly as docs/crm.md tells integrators to.
 */
export async function startWebhookStub(secret: string): Promise<WebhookStub> {
  const events: WebhookStub['events'] = [];
  const stub = await startStub((request) => {
    const header = String(request.headers['x-signature'] ?? '');
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    const expected = match && createHmac('sha256', secret).update(`${match[1]}.${request.rawBody}`).digest();
    const fresh = match && Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
    if (!match || !expected || !fresh || !timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) {
      return { status: 401, body: { error: 'bad signature' } };
    }
    const event = request.body as WebhookStub['events'][number];
    if (isInvalid((event.lead as { email?: unknown } | undefined)?.email)) {
      return { status: 422, body: { error: 'invalid email address' } };
    }
    events.push(event);
    return { status: 200, body: { received: true } };
  });
  return Object.assign(stub, { events });
}
