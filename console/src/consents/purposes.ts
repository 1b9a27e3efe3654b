import type { ConsentPurpose } from '../graphql/generated/graphql.ts';

export const purposeLabels: Record<ConsentPurpose, string> = {
  MARKETING_COMMUNICATIONS: 'Marketing communications',
  ANALYTICS_COOKIES: 'Analytics cookies',
  MARKETING_COOKIES: 'Marketing cookies',
  CHAT_LOGGING: 'Chat logging',
  CRM_TRANSFER: 'CRM transfer',
};

export const consentPurposes = Object.keys(purposeLabels) as ConsentPurpose[];

/** Purposes whose latest ledger entry is a withdrawal (never granted is not a withdrawal). */
export function withdrawnPurposes(
  states: readonly { purpose: ConsentPurpose; granted: boolean; since?: string | null }[],
): ConsentPurpose[] {
  return states.filter((state) => !state.granted && state.since).map((state) => state.purpose);
}

/** Whether no current grant covers the purpose (never granted, or withdrawn since). */
export function lacksGrant(
  states: readonly { purpose: ConsentPurpose; granted: boolean }[],
  purpose: ConsentPurpose,
): boolean {
  return !states.some((state) => state.purpose === purpose && state.granted);
}
