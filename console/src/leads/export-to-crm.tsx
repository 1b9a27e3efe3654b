import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { humanize } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { purposeLabels } from '../consents/purposes.ts';
import { describeUserErrors } from '../graphql/errors.ts';
import { graphql } from '../graphql/generated/index.ts';
import type { LeadFilter } from '../graphql/generated/graphql.ts';

const ExportTargetsDocument = graphql(`
  query ExportTargets {
    crmConnections {
      id
      name
      kind
      disabled
      purpose
      site {
        id
        name
      }
    }
  }
`);

const ExportLeadsDocument = graphql(`
  mutation ExportLeads($input: ExportLeadsInput!) {
    exportLeads(input: $input) {
      crmExport {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** exportLeads takes at most this many named leads; more go by filter. */
export const maxExportLeadIds = 1000;

export type ExportSelection = { leadIds: string[] } | { filter: LeadFilter };

interface ExportToCrmProps {
  opened: boolean;
  onClose: () => void;
  selection: ExportSelection;
  selectionSize: number;
  /** The site the leads table is filtered to, whose connections come first. */
  siteId: string | null;
}

/** Picks a CRM connection for the selected leads, starts the export and opens its progress page. */
export function ExportToCrmDialog({ opened, onClose, selection, selectionSize, siteId }: ExportToCrmProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Export to a CRM" size="lg">
      {opened && (
        <ExportForm selection={selection} selectionSize={selectionSize} siteId={siteId} onClose={onClose} />
      )}
    </Modal>
  );
}

function ExportForm({ selection, selectionSize, siteId, onClose }: Omit<ExportToCrmProps, 'opened'>) {
  const navigate = useNavigate();
  const { data, error } = useQuery(ExportTargetsDocument);
  const [exportLeads, { loading }] = useMutation(ExportLeadsDocument);
  const connections = (data?.crmConnections ?? [])
    .filter((connection) => !connection.disabled && (siteId === null || connection.site.id === siteId))
    .sort(
      (left, right) => left.site.name.localeCompare(right.site.name) || left.name.localeCompare(right.name),
    );
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = connections.find((connection) => connection.id === chosenId) ?? connections[0];
  const tooMany = 'leadIds' in selection && selection.leadIds.length > maxExportLeadIds;

  const start = async () => {
    if (!chosen) return;
    try {
      const { data: result } = await exportLeads({
        variables: { input: { connectionId: chosen.id, ...selection } },
      });
      const problem = describeUserErrors(result?.exportLeads.userErrors);
      const crmExport = result?.exportLeads.crmExport;
      if (problem || !crmExport) {
        notifyFailure(problem ?? 'The export was not started.');
        return;
      }
      notifySuccess(`Export to ${chosen.name} started.`);
      onClose();
      void navigate(`/leads/exports/${crmExport.id}`);
    } catch (failure) {
      notifyFailure(failure);
    }
  };

  if (error)
    return (
      <Alert color="red" title="Could not load the CRM connections">
        {error.message}
      </Alert>
    );
  if (!data) return <Text role="status">Loading CRM connections…</Text>;
  if (connections.length === 0)
    return (
      <Text>
        No enabled CRM connection{siteId ? ' for this site' : ''}. An admin adds them under Admin → CRM
        connections.
      </Text>
    );
  return (
    <Stack gap="sm">
      <NativeSelect
        label="Connection"
        value={chosen?.id ?? ''}
        onChange={(event) => setChosenId(event.currentTarget.value)}
        data={connections.map((connection) => ({
          value: connection.id,
          label: `${connection.name} (${humanize(connection.kind)}, ${connection.site.name})`,
        }))}
      />
      {chosen && (
        <Text size="sm">
          {selectionSize.toLocaleString('en')} lead{selectionSize === 1 ? '' : 's'} go to {chosen.name}. Only
          leads of {chosen.site.name} are sent. Leads under restriction or objection, without an email
          address, or without current consent for {purposeLabels[chosen.purpose].toLowerCase()} are skipped,
          each with the reason. Leads already in the CRM are updated.
        </Text>
      )}
      {tooMany && (
        <Alert color="yellow" p="xs">
          One export names at most {maxExportLeadIds.toLocaleString('en')} leads; select all matching a filter
          instead.
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={loading} disabled={!chosen || tooMany} onClick={() => void start()}>
          Start export
        </Button>
      </Group>
    </Stack>
  );
}
