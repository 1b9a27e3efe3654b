import { Badge, Group } from '@mantine/core';

import { humanize } from '../components/format.ts';
import { purposeLabels } from '../consents/purposes.ts';
import type { ConsentPurpose, LeadStatus } from '../graphql/generated/graphql.ts';

export const leadStatuses: readonly LeadStatus[] = [
  'NEW',
  'QUALIFIED',
  'CONTACTED',
  'ENGAGED',
  'DISQUALIFIED',
];

const statusColors: Record<LeadStatus, string> = {
  NEW: 'blue',
  QUALIFIED: 'teal',
  CONTACTED: 'grape',
  ENGAGED: 'green',
  DISQUALIFIED: 'gray',
};

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  return (
    <Badge color={statusColors[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}

/**
 * Marks leads whose subject restricted processing, objected, withdrew a consent or never consented to
 * CRM transfer: they must not be exported (or contacted for marketing).
 */
export function LeadFlags({
  restricted,
  objected,
  withdrawn = [],
  noCrmConsent = false,
}: {
  restricted: boolean;
  objected: boolean;
  /** Purposes whose consent the subject withdrew. */
  withdrawn?: readonly ConsentPurpose[];
  /** No current grant for CRM transfer: exports skip the lead. */
  noCrmConsent?: boolean;
}) {
  // A withdrawal of CRM transfer already says it; "no CRM consent" is for leads that never gave it.
  const neverGrantedCrm = noCrmConsent && !withdrawn.includes('CRM_TRANSFER');
  if (!restricted && !objected && withdrawn.length === 0 && !neverGrantedCrm) return null;
  return (
    <Group gap={4}>
      {restricted && (
        <Badge color="red" variant="outline" title="Processing is restricted: no CRM export or marketing">
          Restricted
        </Badge>
      )}
      {objected && (
        <Badge
          color="orange"
          variant="outline"
          title="The subject objected to processing or direct marketing"
        >
          Objected
        </Badge>
      )}
      {withdrawn.map((purpose) => (
        <Badge
          key={purpose}
          color="yellow"
          variant="outline"
          c="dark"
          title="The subject withdrew this consent"
        >
          Withdrew {purposeLabels[purpose].toLowerCase()}
        </Badge>
      ))}
      {neverGrantedCrm && (
        <Badge
          color="gray"
          variant="outline"
          c="dark"
          title="No consent to CRM transfer: exports skip this lead"
        >
          No CRM consent
        </Badge>
      )}
    </Group>
  );
}
