import { afterEach, describe, expect, it } from 'vitest';
import { splitName } from '../lead-mapping.ts';
import {
  startHubSpotStub,
  startPipedriveStub,
  startSalesforceStub,
  startWebhookStub,
  stubFailures,
  type CrmStub,
} from '../testing/crm-stubs.ts';
import { CrmError, parseRetryAfter, type CrmLead } from './adapter.ts';
import { hubspotAdapter } from './hubspot.ts';
import { pipedriveAdapter } from './pipedrive.ts';
import { salesforceAdapter, salesforceDefaultPlaceholderCompany } from './salesforce.ts';
import { webhookAdapter, webhookSignature } from './webhook.ts';

const stubs: CrmStub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});
async function track<T extends CrmStub>(stub: Promise<T>): Promise<T> {
  const started = await stub;
  stubs.push(started);
  return started;
}

function lead(index: number, overrides: Partial<CrmLead> = {}): CrmLead {
  return {
    leadId: `lead-${index}`,
    existingRecordId: null,
    firstName: 'Ada',
    lastName: `Lovelace ${index}`,
    email: `ada${index}@example.com`,
    phone: '+442071234567',
    company: 'Analytical Engines',
    jobTitle: 'Engineer',
    status: 'QUALIFIED',
    source: 'CHAT',
    createdAt: new Date('2026-04-01T10:00:00Z'),
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('lead mapping', () => {
  it('splits names so a CRM always gets a last name', () => {
    expect(splitName('Ada Lovelace')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(splitName('  Ludwig van Beethoven ')).toEqual({ firstName: 'Ludwig', lastName: 'van Beethoven' });
    expect(splitName('Mary Ann Evans')).toEqual({ firstName: 'Mary Ann', lastName: 'Evans' });
    expect(splitName('Cher')).toEqual({ firstName: null, lastName: 'Cher' });
    expect(splitName(null)).toEqual({ firstName: null, lastName: null });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('the HubSpot adapter against its contract', () => {
  it('upserts by email in batches, with the bearer token and documented properties, updating on resend', async () => {
    const stub = await track(startHubSpotStub('hs-token'));
    const adapter = hubspotAdapter({ baseUrl: stub.url, accessToken: 'hs-token', portalId: '4711' });
    const first = await adapter.send([lead(1), lead(2)]);
    expect(first.get('lead-1')).toEqual({
      kind: 'done',
      crmRecordId: stub.contacts.get('ada1@example.com')!.id,
      crmRecordUrl: `https://app.hubspot.com/contacts/4711/record/0-1/${stub.contacts.get('ada1@example.com')!.id}`,
    });
    expect(stub.contacts.get('ada2@example.com')!.properties).toEqual({
      email: 'ada2@example.com',
      firstname: 'Ada',
      lastname: 'Lovelace 2',
      jobtitle: 'Engineer',
      phone: '+442071234567',
      company: 'Analytical Engines',
    });
    const again = await adapter.send([lead(1, { company: 'Babbage & Co' })]);
    expect(stub.contacts.size).toBe(2);
    expect(again.get('lead-1')).toEqual(first.get('lead-1'));
    expect(stub.contacts.get('ada1@example.com')!.properties.company).toBe('Babbage & Co');
    expect(adapter.maxBatchSize).toBe(100);
  });

  it('reports each refused contact of a 207 partial failure with HubSpot’s message', async () => {
    const stub = await track(startHubSpotStub('hs-token'));
    const adapter = hubspotAdapter({ baseUrl: stub.url, accessToken: 'hs-token', portalId: undefined });
    const outcomes = await adapter.send([lead(1), lead(2, { email: 'invalid@example.com' })]);
    expect(outcomes.get('lead-1')).toMatchObject({ kind: 'done', crmRecordUrl: null });
    expect(outcomes.get('lead-2')).toEqual({
      kind: 'failed',
      message: 'Property values were not valid: email invalid@example.com',
    });
  });

  it('fails the call on 401 (not retryable) and on 429 (retryable, after Retry-After)', async () => {
    const stub = await track(startHubSpotStub('hs-token'));
    const wrong = hubspotAdapter({ baseUrl: stub.url, accessToken: 'wrong', portalId: undefined });
    const refused = await rejection(wrong.send([lead(1)]));
    expect(refused.retryable).toBe(false);
    expect(refused.message).toContain('401');
    await expect(wrong.test()).rejects.toBeInstanceOf(CrmError);

    const adapter = hubspotAdapter({ baseUrl: stub.url, accessToken: 'hs-token', portalId: undefined });
    stub.respondNext(stubFailures.hubspotRateLimit(7));
    const limited = await rejection(adapter.send([lead(1)]));
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    await expect(adapter.test()).resolves.toBeUndefined();
  });

  it('erases through the GDPR delete endpoint by email, treating an unknown contact as erased', async () => {
    const stub = await track(startHubSpotStub('hs-token'));
    const adapter = hubspotAdapter({ baseUrl: stub.url, accessToken: 'hs-token', portalId: undefined });
    await adapter.send([lead(1)]);
    await adapter.erase({ crmRecordId: null, email: 'ada1@example.com' });
    expect(stub.contacts.size).toBe(0);
    expect(stub.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/crm/v3/objects/contacts/gdpr-delete',
      body: { objectId: 'ada1@example.com', idProperty: 'email' },
    });
    await expect(adapter.erase({ crmRecordId: null, email: 'ada1@example.com' })).resolves.toBeUndefined();
  });
});

describe('the Salesforce adapter against its contract', () => {
  const config = (url: string, accessToken = 'sf-token') => ({
    baseUrl: url,
    accessToken,
    apiVersion: '62.0',
    placeholderCompany: salesforceDefaultPlaceholderCompany,
  });

  it('creates Leads with LastName and a placeholder Company, then updates them by stored id', async () => {
    const stub = await track(startSalesforceStub('sf-token'));
    const adapter = salesforceAdapter(config(stub.url));
    const created = await adapter.send([
      lead(1, { company: null }),
      lead(2, { firstName: null, lastName: null }),
    ]);
    const id1 = (created.get('lead-1') as { crmRecordId: string }).crmRecordId;
    expect(created.get('lead-1')).toEqual({
      kind: 'done',
      crmRecordId: id1,
      crmRecordUrl: `${stub.url}/lightning/r/Lead/${id1}/view`,
    });
    expect(stub.leads.get(id1)).toMatchObject({
      LastName: 'Lovelace 1',
      Company: '[not provided]',
      Title: 'Engineer',
    });
    const id2 = (created.get('lead-2') as { crmRecordId: string }).crmRecordId;
    expect(stub.leads.get(id2)).toMatchObject({ LastName: '[not provided]', Email: 'ada2@example.com' });
    expect(stub.requests[0]).toMatchObject({ method: 'POST', body: { allOrNone: false } });

    const updated = await adapter.send([lead(1, { existingRecordId: id1, company: 'Babbage & Co' })]);
    expect(updated.get('lead-1')).toMatchObject({ crmRecordId: id1 });
    expect(stub.leads.size).toBe(2);
    expect(stub.leads.get(id1)).toMatchObject({ Company: 'Babbage & Co' });
    expect(stub.requests.at(-1)).toMatchObject({ method: 'PATCH' });
    expect(adapter.maxBatchSize).toBe(200);
  });

  it('recreates a Lead deleted in Salesforce, and reports per-record SaveResult errors', async () => {
    const stub = await track(startSalesforceStub('sf-token'));
    const adapter = salesforceAdapter(config(stub.url));
    const outcomes = await adapter.send([
      lead(1, { existingRecordId: '00Q000000000000999' }),
      lead(2, { email: 'invalid@example.com' }),
    ]);
    expect(outcomes.get('lead-1')).toMatchObject({ kind: 'done' });
    expect(outcomes.get('lead-2')).toEqual({
      kind: 'failed',
      message: 'INVALID_EMAIL_ADDRESS: Email: invalid email address',
    });
  });

  it('treats INVALID_SESSION_ID as final and REQUEST_LIMIT_EXCEEDED as retryable', async () => {
    const stub = await track(startSalesforceStub('sf-token'));
    const expired = await rejection(salesforceAdapter(config(stub.url, 'expired')).send([lead(1)]));
    expect(expired.retryable).toBe(false);
    expect(expired.message).toContain('INVALID_SESSION_ID');
    stub.respondNext(stubFailures.salesforceRequestLimit());
    const limited = await rejection(salesforceAdapter(config(stub.url)).send([lead(1)]));
    expect(limited.retryable).toBe(true);
  });

  it('erases by deleting the stored Lead id', async () => {
    const stub = await track(startSalesforceStub('sf-token'));
    const adapter = salesforceAdapter(config(stub.url));
    const id = ((await adapter.send([lead(1)])).get('lead-1') as { crmRecordId: string }).crmRecordId;
    await adapter.erase({ crmRecordId: id, email: null });
    expect(stub.leads.size).toBe(0);
    expect(stub.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/services/data/v62.0/sobjects/Lead/${id}`,
    });
    await expect(adapter.erase({ crmRecordId: id, email: null })).resolves.toBeUndefined();
    await expect(adapter.test()).resolves.toBeUndefined();
  });
});

describe('the Pipedrive adapter against its contract', () => {
  const config = (url: string, apiToken = 'pd-token') => ({
    baseUrl: url,
    apiToken,
    jobTitleField: 'abc123jobtitle',
    companyField: undefined,
    companyDomain: 'acme',
  });

  it('searches by exact email before creating, puts the job title in the custom field, and updates on resend', async () => {
    const stub = await track(startPipedriveStub('pd-token'));
    const adapter = pipedriveAdapter(config(stub.url));
    const first = await adapter.send([lead(1)]);
    const id = (first.get('lead-1') as { crmRecordId: string }).crmRecordId;
    expect(first.get('lead-1')).toEqual({
      kind: 'done',
      crmRecordId: id,
      crmRecordUrl: `https://acme.pipedrive.com/person/${id}`,
    });
    expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v2/persons/search',
      'POST /api/v2/persons',
    ]);
    expect(stub.persons.get(Number(id))).toMatchObject({
      name: 'Ada Lovelace 1',
      emails: [{ value: 'ada1@example.com', primary: true }],
      custom_fields: { abc123jobtitle: 'Engineer' },
    });
    // Found by email even without a stored id: no duplicate person.
    await adapter.send([lead(1, { jobTitle: 'CTO' })]);
    expect(stub.persons.size).toBe(1);
    expect(stub.persons.get(Number(id))!.custom_fields).toEqual({ abc123jobtitle: 'CTO' });
  });

  it('keeps what was sent when a rate limit stops the batch, and fails refused persons alone', async () => {
    const stub = await track(startPipedriveStub('pd-token'));
    const adapter = pipedriveAdapter(config(stub.url));
    const outcomes = await adapter.send([lead(1), lead(2, { email: 'invalid@example.com' })]);
    expect(outcomes.get('lead-1')).toMatchObject({ kind: 'done' });
    expect(outcomes.get('lead-2')).toMatchObject({ kind: 'failed' });

    stub.respondNext(
      { status: 200, body: { success: true, data: { items: [] } } },
      { status: 200, body: { success: true, data: { id: 77 } } },
      stubFailures.pipedriveRateLimit(2),
    );
    const limited = await adapter.send([lead(3), lead(4), lead(5)]);
    expect(limited.get('lead-3')).toMatchObject({ kind: 'done', crmRecordId: '77' });
    expect(limited.get('lead-4')).toMatchObject({ kind: 'retry', retryAfterMs: 2000 });
    expect(limited.get('lead-5')).toMatchObject({ kind: 'retry' });

    const refused = await pipedriveAdapter(config(stub.url, 'wrong')).send([lead(6)]);
    expect(refused.get('lead-6')).toMatchObject({ kind: 'failed' });
    expect(stub.requests.at(-1)!.headers['x-api-token']).toBe('wrong');
  });

  it('erases by deleting the stored person, or every person with the email', async () => {
    const stub = await track(startPipedriveStub('pd-token'));
    const adapter = pipedriveAdapter(config(stub.url));
    await adapter.send([lead(1), lead(2)]);
    const [firstId] = [...stub.persons.keys()];
    await adapter.erase({ crmRecordId: String(firstId), email: null });
    await adapter.erase({ crmRecordId: null, email: 'ada2@example.com' });
    expect(stub.persons.size).toBe(0);
    await expect(adapter.test()).resolves.toBeUndefined();
  });
});

describe('the webhook adapter', () => {
  it('posts each lead signed over timestamp and body, which the receiver verifies', async () => {
    const stub = await track(startWebhookStub('a-long-signing-secret'));
    const adapter = webhookAdapter({
      url: `${stub.url}/hooks/confide`,
      signingSecret: 'a-long-signing-secret',
    });
    const outcomes = await adapter.send([lead(1), lead(2, { email: 'invalid@example.com' })]);
    expect(outcomes.get('lead-1')).toMatchObject({ kind: 'done', crmRecordUrl: null });
    expect(outcomes.get('lead-2')).toMatchObject({ kind: 'failed' });
    expect(stub.events).toEqual([
      expect.objectContaining({
        type: 'lead.exported',
        lead: expect.objectContaining({ email: 'ada1@example.com' }),
      }),
    ]);
    const signature = String(stub.requests[0]!.headers['x-signature']);
    const timestamp = Number(/^t=(\d+),/.exec(signature)![1]);
    expect(signature).toBe(webhookSignature('a-long-signing-secret', stub.requests[0]!.rawBody, timestamp));

    const forged = webhookAdapter({ url: stub.url, signingSecret: 'another-secret-entirely' });
    expect((await forged.send([lead(3)])).get('lead-3')).toMatchObject({ kind: 'failed' });
  });

  it('retries on server errors and sends erasures as signed events', async () => {
    const stub = await track(startWebhookStub('a-long-signing-secret'));
    const adapter = webhookAdapter({ url: stub.url, signingSecret: 'a-long-signing-secret' });
    stub.respondNext({ status: 503, body: { error: 'maintenance' } });
    expect((await adapter.send([lead(1)])).get('lead-1')).toMatchObject({ kind: 'retry' });
    await adapter.erase({ crmRecordId: 'abc', email: 'ada1@example.com' });
    expect(stub.events.at(-1)).toEqual({
      type: 'subject.erased',
      crmRecordId: 'abc',
      email: 'ada1@example.com',
    });
  });
});
