import { NativeSelect } from '@mantine/core';

import { humanize } from '../components/format.ts';
import type { LeadStatus } from '../graphql/generated/graphql.ts';
import { useCan, useSession } from '../session/session.ts';
import { leadStatuses } from './lead-badges.tsx';
import { useUpdateLead } from './update-lead.ts';

interface LeadRef {
  id: string;
  label: string;
}

/** The lead's triage status as a select that saves on change (for staff with leads:write). */
export function LeadStatusSelect({
  lead,
  status,
  hideLabel,
}: {
  lead: LeadRef;
  status: LeadStatus;
  hideLabel?: boolean;
}) {
  const [updateLead, saving] = useUpdateLead();
  const canWrite = useCan('LEADS_WRITE');
  return (
    <NativeSelect
      label={hideLabel ? undefined : 'Status'}
      aria-label={hideLabel ? `Status of ${lead.label}` : undefined}
      size={hideLabel ? 'xs' : 'sm'}
      value={status}
      disabled={!canWrite || saving}
      onChange={(event) => {
        const next = event.currentTarget.value as LeadStatus;
        void updateLead(
          { id: lead.id, status: next },
          `${lead.label} is now ${humanize(next).toLowerCase()}.`,
        );
      }}
      data={leadStatuses.map((value) => ({ value, label: humanize(value) }))}
    />
  );
}

/**
 * The lead's owner as a select that saves on change. Only salespeople can own leads, and listing staff is
 * for admins, so the choices are: unassigned, the current owner, and the viewer if they are in sales.
 */
export function LeadOwnerSelect({
  lead,
  owner,
  hideLabel,
}: {
  lead: LeadRef;
  owner: { id: string; name: string } | null | undefined;
  hideLabel?: boolean;
}) {
  const [updateLead, saving] = useUpdateLead();
  const session = useSession();
  const canWrite = session.permissions.has('LEADS_WRITE');
  const choices = [{ value: '', label: 'Unassigned' }];
  if (owner) choices.push({ value: owner.id, label: owner.name });
  if (session.roles.includes('SALES') && owner?.id !== session.staffMemberId) {
    choices.push({ value: session.staffMemberId, label: `${session.name} (me)` });
  }
  return (
    <NativeSelect
      label={hideLabel ? undefined : 'Owner'}
      aria-label={hideLabel ? `Owner of ${lead.label}` : undefined}
      size={hideLabel ? 'xs' : 'sm'}
      value={owner?.id ?? ''}
      disabled={!canWrite || saving}
      onChange={(event) => {
        const ownerId = event.currentTarget.value || null;
        const name = choices.find((choice) => choice.value === (ownerId ?? ''))?.label ?? 'nobody';
        void updateLead(
          { id: lead.id, ownerId },
          ownerId ? `${lead.label} assigned to ${name}.` : `${lead.label} unassigned.`,
        );
      }}
      data={choices}
    />
  );
}
