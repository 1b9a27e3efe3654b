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

/** Salesforce's limit on records per composite sObject collection call. */
export const salesforceMaxBatch = 200;
export const salesforceDefaultApiVersion = '62.0';
/** Company is required on a Lead; leads that gave none carry this, so sales can tell them apart. */
export const salesforceDefaultPlaceholderCompany = '[not provided]';
/** LastName is required on a Lead; a lead that gave no name carries this. */
export const salesforceUnknownLastName = '[not provided]';

export interface SalesforceConfig {
  /** The org's instance URL, e.g. https://acme.my.salesforce.com (there is no shared default). */
  baseUrl: string;
  accessToken: string;
  apiVersion: string;
  placeholderCompany: string;
}

interface SaveResult {
  id?: string;
  success: boolean;
  errors?: { statusCode?: string; message?: string; fields?: string[] }[];
}

/** Errors on an update that mean the stored Lead is gone from Salesforce: create it again instead. */
const goneCodes = new Set([
  'ENTITY_IS_DELETED',
  'INVALID_CROSS_REFERENCE_KEY',
  'NOT_FOUND',
  'INVALID_ID_FIELD',
]);

function errorCodeOf(body: unknown): string | undefined {
  const first = Array.isArray(body) ? body[0] : body;
  const code =
    typeof first === 'object' && first !== null ? (first as { errorCode?: unknown }).errorCode : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Salesforce's whole-call failures: INVALID_SESSION_ID (401) and REQUEST_LIMIT_EXCEEDED (403) first. */
function salesforceFailure(response: CrmResponse): CrmError | undefined {
  const code = errorCodeOf(response.body);
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new CrmError(
      `Salesforce API request limit exceeded: ${errorMessageOf(response.body, code)}`,
      true,
      response.retryAfterMs,
    );
  }
  if (code === 'INVALID_SESSION_ID') {
    return new CrmError(
      `Salesforce refused the session (INVALID_SESSION_ID): ${errorMessageOf(response.body, code)}`,
      false,
    );
  }
  return commonFailure(response, 'Salesforce');
}

/**
 * Salesforce Leads through sObject Collections (`composite/sobjects`, allOrNone false): new leads
 * are created with POST, leads exported before are updated by their stored id with PATCH. Each
 * record gets its own SaveResult, in the order sent.
 */
export function salesforceAdapter({
  baseUrl,
  accessToken,
  apiVersion,
  placeholderCompany,
}: SalesforceConfig): CrmAdapter {
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const api = (path: string) => joinUrl(baseUrl, `/services/data/v${apiVersion}${path}`);
  const recordUrl = (id: string) => joinUrl(baseUrl, `/lightning/r/Lead/${id}/view`);

  const fields = (lead: CrmLead) => ({
    FirstName: lead.firstName,
    LastName: lead.lastName ?? salesforceUnknownLastName,
    Email: lead.email,
    Phone: lead.phone,
    Company: lead.company ?? placeholderCompany,
    Title: lead.jobTitle,
  });

  async function collection(method: 'POST' | 'PATCH', records: object[]): Promise<SaveResult[]> {
    const response = await callCrm(api('/composite/sobjects'), {
      method,
      headers,
      body: JSON.stringify({ allOrNone: false, records }),
    });
    const failure = salesforceFailure(response);
    if (failure) throw failure;
    if (response.status !== 200 || !Array.isArray(response.body)) {
      throw new CrmError(
        `Salesforce refused the batch (${response.status}): ${errorMessageOf(response.body, 'bad request')}`,
        false,
      );
    }
    return response.body as SaveResult[];
  }

  const outcomeOf = (result: SaveResult | undefined): SendOutcome =>
    result?.success && result.id
      ? { kind: 'done', crmRecordId: result.id, crmRecordUrl: recordUrl(result.id) }
      : {
          kind: 'failed',
          message:
            (result?.errors ?? [])
              .map((error) => `${error.statusCode ?? 'ERROR'}: ${error.message ?? ''}`.trim())
              .join('; ')
              .slice(0, 500) || 'Salesforce returned no result for this record',
        };

  return {
    maxBatchSize: salesforceMaxBatch,

    async send(leads) {
      const outcomes = new Map<string, SendOutcome>();
      const updates = leads.filter((lead) => lead.existingRecordId);
      const toCreate = leads.filter((lead) => !lead.existingRecordId);
      if (updates.length > 0) {
        const results = await collection(
          'PATCH',
          updates.map((lead) => ({
            attributes: { type: 'Lead' },
            id: lead.existingRecordId,
            ...fields(lead),
          })),
        );
        updates.forEach((lead, index) => {
          const result = results[index];
          if (!result?.success && result?.errors?.some((error) => goneCodes.has(error.statusCode ?? ''))) {
            toCreate.push(lead);
          } else {
            outcomes.set(lead.leadId, outcomeOf(result));
          }
        });
      }
      if (toCreate.length > 0) {
        const results = await collection(
          'POST',
          toCreate.map((lead) => ({ attributes: { type: 'Lead' }, ...fields(lead) })),
        );
        toCreate.forEach((lead, index) => outcomes.set(lead.leadId, outcomeOf(results[index])));
      }
      return outcomes;
    },

    async erase({ crmRecordId }) {
      if (!crmRecordId) throw new CrmError('No Salesforce Lead id was stored for this subject', false);
      const response = await callCrm(api(`/sobjects/Lead/${encodeURIComponent(crmRecordId)}`), {
        method: 'DELETE',
        headers,
      });
      const failure = salesforceFailure(response);
      if (failure) throw failure;
      const code = errorCodeOf(response.body);
      if (response.status >= 300 && response.status !== 404 && code !== 'ENTITY_IS_DELETED') {
        throw new CrmError(
          `Salesforce refused the deletion (${response.status}): ${errorMessageOf(response.body, 'error')}`,
          false,
        );
      }
    },

    async test() {
      const response = await callCrm(api('/limits'), { method: 'GET', headers });
      const failure = salesforceFailure(response);
      if (failure) throw failure;
      if (response.status !== 200) {
        throw new CrmError(
          `Salesforce answered ${response.status}: ${errorMessageOf(response.body, 'unexpected answer')}`,
          false,
        );
      }
    },
  };
}
