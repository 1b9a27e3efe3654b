import { createHmac } from 'node:crypto';
import { toGlobalId } from '../../shared/global-id.ts';
import {
  callCrm,
  commonFailure,
  CrmError,
  errorMessageOf,
  type CrmAdapter,
  type CrmLead,
  type SendOutcome,
} from './adapter.ts';
import { sendOneByOne } from './one-by-one.ts';

/** A webhook batch: this many leads, each its own signed POST. */
export const webhookBatchSize = 25;

export interface WebhookConfig {
  /** The receiver's URL (the connection's base URL). */
  url: string;
  signingSecret: string;
  now?: () => Date;
}

/**
 * The `X-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp
 * is signed with the body so a receiver can refuse replays of old deliveries (docs/crm.md).
 */
export function webhookSignature(secret: string, body: string, timestampSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}

/** Signed JSON POSTs of each lead (and of erasures) to the integrator's own endpoint. */
export function webhookAdapter({ url, signingSecret, now = () => new Date() }: WebhookConfig): CrmAdapter {
  async function post(event: object) {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(now().getTime() / 1000);
    const response = await callCrm(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': webhookSignature(signingSecret, body, timestamp),
      },
      body,
    });
    const failure = commonFailure(response, 'The webhook');
    if (failure) throw failure;
    return response;
  }

  async function sendOne(lead: CrmLead): Promise<SendOutcome> {
    const leadId = toGlobalId('Lead', lead.leadId);
    const response = await post({
      type: 'lead.exported',
      leadId,
      lead: {
        firstName: lead.firstName,
        lastName: lead.lastName,
        email: lead.email,
        phone: lead.phone,
        company: lead.company,
        jobTitle: lead.jobTitle,
        status: lead.status,
        source: lead.source,
        createdAt: lead.createdAt.toISOString(),
      },
    });
    if (response.status >= 300) {
      return {
        kind: 'failed',
        message: `The webhook answered ${response.status}: ${errorMessageOf(response.body, 'refused')}`,
      };
    }
    // The receiver may answer with its own id for the record; otherwise the lead's id stands for it.
    const answered = (response.body as { id?: unknown } | null)?.id;
    const crmRecordId =
      typeof answered === 'string' || typeof answered === 'number' ? String(answered) : leadId;
    return { kind: 'done', crmRecordId, crmRecordUrl: null };
  }

  return {
    maxBatchSize: webhookBatchSize,
    send: (leads) => sendOneByOne(leads, sendOne),

    async erase({ crmRecordId, email }) {
      const response = await post({ type: 'subject.erased', crmRecordId, email });
      if (response.status >= 300 && response.status !== 404 && response.status !== 410) {
        throw new CrmError(
          `The webhook answered ${response.status}: ${errorMessageOf(response.body, 'refused')}`,
          false,
        );
      }
    },

    async test() {
      const response = await post({ type: 'ping' });
      if (response.status >= 300) {
        throw new CrmError(
          `The webhook answered ${response.status}: ${errorMessageOf(response.body, 'refused')}`,
          false,
        );
      }
    },
  };
}
