import { CrmError, outcomeOfFailure, type CrmLead, type SendOutcome } from './adapter.ts';

/**
 * Sends the leads of a batch one call at a time, for CRMs without a batch API. A whole-call failure
 * stops the batch without losing what was already sent: the rest are marked to retry (rate limit,
 * outage) or failed (refused credentials).
 */
export async function sendOneByOne(
  leads: readonly CrmLead[],
  sendOne: (lead: CrmLead) => Promise<SendOutcome>,
): Promise<Map<string, SendOutcome>> {
  const outcomes = new Map<string, SendOutcome>();
  for (const [index, lead] of leads.entries()) {
    try {
      outcomes.set(lead.leadId, await sendOne(lead));
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      const outcome = outcomeOfFailure(error);
      for (const rest of leads.slice(index)) outcomes.set(rest.leadId, outcome);
      break;
    }
  }
  return outcomes;
}
