import {
  allOutcomes,
  callCrm,
  commonFailure,
  CrmError,
  errorMessageOf,
  joinUrl,
  type CrmAdapter,
  type CrmLead,
  type SendOutcome,
} from './adapter.ts';

export const hubspotDefaultBaseUrl = 'https://api.hubapi.com';
/** HubSpot's limit on inputs per batch call. */
export const hubspotMaxBatch = 100;

export interface HubSpotConfig {
  baseUrl: string;
  accessToken: string;
  /** The HubSpot account ("portal") id, for links to contact records; none without it. */
  portalId: string | undefined;
}

interface HubSpotBatchResponse {
  results?: { id: string; properties?: { email?: string } }[];
  numErrors?: number;
  errors?: { message?: string; context?: Record<string, unknown> }[];
}

/**
 * HubSpot contacts through the CRM v3 API: batch upsert keyed by email (so a second export updates
 * the same contact), and the GDPR delete endpoint for erasure.
 */
export function hubspotAdapter({ baseUrl, accessToken, portalId }: HubSpotConfig): CrmAdapter {
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const recordUrl = (id: string) =>
    portalId ? `https://app.hubspot.com/contacts/${encodeURIComponent(portalId)}/record/0-1/${id}` : null;

  return {
    maxBatchSize: hubspotMaxBatch,

    async send(leads: readonly CrmLead[]) {
      const inputs = leads.map((lead) => ({
        idProperty: 'email',
        id: lead.email,
        properties: {
          email: lead.email,
          firstname: lead.firstName ?? '',
          lastname: lead.lastName ?? '',
          jobtitle: lead.jobTitle ?? '',
          phone: lead.phone ?? '',
          company: lead.company ?? '',
        },
      }));
      const response = await callCrm(joinUrl(baseUrl, '/crm/v3/objects/contacts/batch/upsert'), {
        method: 'POST',
        headers,
        body: JSON.stringify({ inputs }),
      });
      const failure = commonFailure(response, 'HubSpot');
      if (failure) throw failure;
      if (response.status !== 200 && response.status !== 207) {
        // A 400 refuses the whole batch, each input with it.
        return allOutcomes(leads, {
          kind: 'failed',
          message: `HubSpot refused the batch (${response.status}): ${errorMessageOf(response.body, 'bad request')}`,
        });
      }
      const body = (response.body ?? {}) as HubSpotBatchResponse;
      const byEmail = new Map(
        (body.results ?? []).map((result) => [result.properties?.email?.toLowerCase(), result.id]),
      );
      const errors = body.errors ?? [];
      const outcomes = new Map<string, SendOutcome>();
      for (const lead of leads) {
        const id = byEmail.get(lead.email);
        if (id) {
          outcomes.set(lead.leadId, { kind: 'done', crmRecordId: id, crmRecordUrl: recordUrl(id) });
          continue;
        }
        // 207: errors name the input in their context; an error naming none applies to any unmatched input.
        const error =
          errors.find((candidate) =>
            JSON.stringify(candidate.context ?? {})
              .toLowerCase()
              .includes(lead.email),
          ) ?? errors[0];
        outcomes.set(lead.leadId, {
          kind: 'failed',
          message: (error?.message ?? 'HubSpot returned no result for this contact').slice(0, 500),
        });
      }
      return outcomes;
    },

    async erase({ email }) {
      if (!email) throw new CrmError('HubSpot erases by email, and none was kept for this subject', false);
      const response = await callCrm(joinUrl(baseUrl, '/crm/v3/objects/contacts/gdpr-delete'), {
        method: 'POST',
        headers,
        body: JSON.stringify({ objectId: email, idProperty: 'email' }),
      });
      const failure = commonFailure(response, 'HubSpot');
      if (failure) throw failure;
      // 404: no such contact any more, which is what erasure wants.
      if (response.status >= 300 && response.status !== 404) {
        throw new CrmError(
          `HubSpot refused the erasure (${response.status}): ${errorMessageOf(response.body, 'error')}`,
          false,
        );
      }
    },

    async test() {
      const response = await callCrm(joinUrl(baseUrl, '/crm/v3/objects/contacts?limit=1'), {
        method: 'GET',
        headers,
      });
      const failure = commonFailure(response, 'HubSpot');
      if (failure) throw failure;
      if (response.status !== 200) {
        throw new CrmError(
          `HubSpot answered ${response.status}: ${errorMessageOf(response.body, 'unexpected answer')}`,
          false,
        );
      }
    },
  };
}
