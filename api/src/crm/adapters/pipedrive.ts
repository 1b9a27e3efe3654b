import {
  callCrm,
  commonFailure,
  CrmError,
  errorMessageOf,
  joinUrl,
  type CrmAdapter,
  type CrmLead,
  type CrmResponse,
  type SendOutcome,
} from './adapter.ts';
import { sendOneByOne } from './one-by-one.ts';

export const pipedriveDefaultBaseUrl = 'https://api.pipedrive.com';
/** Pipedrive has no batch API; a batch is this many persons sent one after another. */
export const pipedriveBatchSize = 25;

export interface PipedriveConfig {
  baseUrl: string;
  apiToken: string;
  /** Key of the person custom field that receives the job title; the title is not sent without it. */
  jobTitleField: string | undefined;
  /** Key of the person custom field that receives the company name; not sent without it. */
  companyField: string | undefined;
  /** The account's subdomain (acme for acme.pipedrive.com), for links to persons; none without it. */
  companyDomain: string | undefined;
}

interface PipedriveSearchResponse {
  data?: { items?: { item?: { id?: number } }[] };
}

/**
 * Pipedrive persons through API v2. No upsert exists, so a lead exported before is updated by its
 * stored id; a new one is looked up by exact email first and created only when absent.
 */
export function pipedriveAdapter(config: PipedriveConfig): CrmAdapter {
  const { baseUrl, apiToken, jobTitleField, companyField, companyDomain } = config;
  const headers = { 'x-api-token': apiToken, 'content-type': 'application/json', accept: 'application/json' };
  const recordUrl = (id: string) =>
    companyDomain ? `https://${encodeURIComponent(companyDomain)}.pipedrive.com/person/${id}` : null;

  async function call(method: string, path: string, body?: object): Promise<CrmResponse> {
    const response = await callCrm(joinUrl(baseUrl, path), {
      method,
      headers,
      ...(body && { body: JSON.stringify(body) }),
    });
    const failure = commonFailure(response, 'Pipedrive');
    if (failure) throw failure;
    return response;
  }

  function personBody(lead: CrmLead) {
    const customFields: Record<string, string> = {};
    if (jobTitleField && lead.jobTitle) customFields[jobTitleField] = lead.jobTitle;
    if (companyField && lead.company) customFields[companyField] = lead.company;
    return {
      name: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email,
      emails: [{ value: lead.email, primary: true, label: 'work' }],
      ...(lead.phone && { phones: [{ value: lead.phone, primary: true, label: 'work' }] }),
      ...(Object.keys(customFields).length > 0 && { custom_fields: customFields }),
    };
  }

  async function findByEmail(email: string): Promise<string[]> {
    const query = new URLSearchParams({ term: email, fields: 'email', exact_match: 'true' });
    const response = await call('GET', `/api/v2/persons/search?${query}`);
    if (response.status !== 200) {
      throw new CrmError(
        `Pipedrive search failed (${response.status}): ${errorMessageOf(response.body, 'error')}`,
        false,
      );
    }
    const items = (response.body as PipedriveSearchResponse).data?.items ?? [];
    return items.flatMap((entry) => (entry.item?.id === undefined ? [] : [String(entry.item.id)]));
  }

  function saved(response: CrmResponse, fallbackId?: string): SendOutcome {
    const id = (response.body as { data?: { id?: number } } | null)?.data?.id;
    const recordId = id === undefined ? fallbackId : String(id);
    if (response.status >= 200 && response.status < 300 && recordId) {
      return { kind: 'done', crmRecordId: recordId, crmRecordUrl: recordUrl(recordId) };
    }
    return {
      kind: 'failed',
      message: `Pipedrive refused the person (${response.status}): ${errorMessageOf(response.body, 'error')}`,
    };
  }

  async function sendOne(lead: CrmLead): Promise<SendOutcome> {
    const knownId = lead.existingRecordId ?? (await findByEmail(lead.email))[0];
    if (knownId) {
      const response = await call(
        'PATCH',
        `/api/v2/persons/${encodeURIComponent(knownId)}`,
        personBody(lead),
      );
      // Deleted in Pipedrive since the last export: create it again.
      if (response.status !== 404) return saved(response, knownId);
    }
    return saved(await call('POST', '/api/v2/persons', personBody(lead)));
  }

  return {
    maxBatchSize: pipedriveBatchSize,
    send: (leads) => sendOneByOne(leads, sendOne),

    async erase({ crmRecordId, email }) {
      const ids = crmRecordId ? [crmRecordId] : email ? await findByEmail(email) : [];
      for (const id of ids) {
        const response = await call('DELETE', `/api/v2/persons/${encodeURIComponent(id)}`);
        if (response.status >= 300 && response.status !== 404 && response.status !== 410) {
          throw new CrmError(
            `Pipedrive refused the deletion (${response.status}): ${errorMessageOf(response.body, 'error')}`,
            false,
          );
        }
      }
    },

    async test() {
      const response = await call('GET', '/api/v2/persons?limit=1');
      if (response.status !== 200) {
        throw new CrmError(
          `Pipedrive answered ${response.status}: ${errorMessageOf(response.body, 'unexpected answer')}`,
          false,
        );
      }
    },
  };
}
