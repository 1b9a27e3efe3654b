import { Badge, Group } from '@mantine/core';

import { humanize } from '../components/format.ts';
import type { LeadStatus } from '../graphql/generated/graphql.ts';

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
 * Marks leads whose subject restricted processing, objected, or has not consented to CRM transfer:
 * they must not be exported or contacted for marketing.
 */
export function LeadFlags({
  restricted,
  objected,
  crmConsent,
}: {
  restricted: boolean;
  objected: boolean;
  /** Whether consent to CRM transfer currently stands; undefined when not loaded. */
  crmConsent?: boolean;
}) {
  if (!restricted && !objected && crmConsent !== false) return null;
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
      {crmConsent === false && (
        <Badge color="yellow" variant="outline" c="dark" title="No current consent to transfer to the CRM">
          No CRM consent
        </Badge>
      )}
    </Group>
  );
}
