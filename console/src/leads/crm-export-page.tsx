import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';

import { ConnectionTable } from '../components/connection-table.tsx';
import { formatDateTime, humanize } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { Page } from '../components/page.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { describeUserErrors } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { CrmExportItemStatus } from '../graphql/generated/graphql.ts';
import { useCan } from '../session/session.ts';
import {
  CrmExportProgress,
  CrmExportProgressFragment,
  CrmExportStatusBadge,
  isUnderWay,
  itemStatusColors,
  progressPollMs,
} from './crm-export-progress.tsx';
import { LeadFlags } from './lead-badges.tsx';

const CrmExportItemRowFragment = graphql(`
  fragment CrmExportItemRow_item on CrmExportItem {
    status
    attempts
    crmRecordId
    crmRecordUrl
    message
    updatedAt
    lead {
      id
      name
      email
      restricted
      objected
      conversation {
        id
      }
    }
  }
`);

const CrmExportPageDocument = graphql(`
  query CrmExportPage($id: ID!, $first: Int!, $after: String, $statuses: [CrmExportItemStatus!]) {
    crmExport(id: $id) {
      id
      status
      total
      createdAt
      startedAt
      finishedAt
      cancelledAt
      viaApiToken
      requestedBy {
        id
        name
      }
      connection {
        id
        name
        kind
        site {
          id
          name
        }
      }
      ...CrmExportProgress_crmExport
      items(first: $first, after: $after, statuses: $statuses) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...CrmExportItemRow_item
          }
        }
      }
    }
  }
`);

const CancelCrmExportDocument = graphql(`
  mutation CancelCrmExport($input: CancelCrmExportInput!) {
    cancelCrmExport(input: $input) {
      crmExport {
        id
        status
        cancelledAt
        finishedAt
        ...CrmExportProgress_crmExport
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type ItemRow = { cursor: string; node: FragmentType<typeof CrmExportItemRowFragment> };
const column = createColumnHelper<ItemRow>();
const pageSize = 50;

const outcomeChoices: { value: '' | CrmExportItemStatus; label: string }[] = [
  { value: '', label: 'Every outcome' },
  { value: 'DONE', label: 'Done' },
  { value: 'FAILED', label: 'Failed' },
  { value: 'SKIPPED', label: 'Skipped' },
  { value: 'PENDING', label: 'Waiting' },
];

const columns = [
  column.display({
    id: 'lead',
    header: 'Lead',
    cell: ({ row }) => {
      const { lead } = getFragmentData(CrmExportItemRowFragment, row.original.node);
      if (!lead)
        return (
          <Text size="sm" c="dimmed">
            Lead deleted or erased
          </Text>
        );
      return (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {lead.name ?? 'Name not given'}
          </Text>
          <Text size="xs">{lead.email ?? 'No email address'}</Text>
          {lead.conversation && (
            <Anchor component={Link} to={`/conversations/${lead.conversation.id}`} size="xs">
              Transcript
            </Anchor>
          )}
          <LeadFlags restricted={lead.restricted} objected={lead.objected} />
        </Stack>
      );
    },
  }),
  column.display({
    id: 'outcome',
    header: 'Outcome',
    size: 120,
    cell: ({ row }) => {
      const { status } = getFragmentData(CrmExportItemRowFragment, row.original.node);
      return (
        <Badge color={itemStatusColors[status]}>{status === 'PENDING' ? 'Waiting' : humanize(status)}</Badge>
      );
    },
  }),
  column.display({
    id: 'result',
    header: 'CRM record or reason',
    cell: ({ row }) => {
      const item = getFragmentData(CrmExportItemRowFragment, row.original.node);
      if (item.crmRecordId) {
        return item.crmRecordUrl ? (
          <Anchor href={item.crmRecordUrl} target="_blank" rel="noreferrer" size="sm">
            {item.crmRecordId}
          </Anchor>
        ) : (
          <Text size="sm">{item.crmRecordId}</Text>
        );
      }
      return <Text size="sm">{item.message ?? (item.status === 'PENDING' ? 'Not sent yet' : '—')}</Text>;
    },
  }),
  column.display({
    id: 'updated',
    header: 'Last change',
    size: 170,
    cell: ({ row }) => {
      const item = getFragmentData(CrmExportItemRowFragment, row.original.node);
      return (
        <Text size="sm">
          {formatDateTime(item.updatedAt)}
          {item.attempts > 1 && (
            <Text span size="xs" display="block">
              {item.attempts} attempts
            </Text>
          )}
        </Text>
      );
    },
  }),
];

export function Component() {
  const { exportId = '' } = useParams();
  const canCancel = useCan('LEADS_WRITE');
  const [outcome, setOutcome] = useState<'' | CrmExportItemStatus>('');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const { data, previousData, error, refetch, fetchMore, startPolling, stopPolling } = useQuery(
    CrmExportPageDocument,
    { variables: { id: exportId, first: pageSize, statuses: outcome ? [outcome] : null } },
  );
  const [cancel, { loading: cancelling }] = useMutation(CancelCrmExportDocument);
  const crmExport = (data ?? previousData)?.crmExport;
  const status = crmExport?.status;
  const running = status !== undefined && isUnderWay(status);

  // Poll while the worker is on it; a finished export does not change any more.
  useEffect(() => {
    if (!running) return;
    startPolling(progressPollMs);
    return () => stopPolling();
  }, [running, startPolling, stopPolling]);

  // Say so when an export watched here finishes.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) wasRunning.current = true;
    else if (wasRunning.current && crmExport && status === 'COMPLETED') {
      wasRunning.current = false;
      const progress = getFragmentData(CrmExportProgressFragment, crmExport);
      notifySuccess(
        `Export finished: ${progress.done} done, ${progress.failed} failed, ${progress.skipped} skipped.`,
      );
    }
  }, [running, status, crmExport]);

  const rows = useMemo(() => crmExport?.items.edges ?? [], [crmExport]);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.cursor,
  });

  const handleCancel = async () => {
    try {
      const { data: result } = await cancel({ variables: { input: { id: exportId } } });
      const problem = describeUserErrors(result?.cancelCrmExport.userErrors);
      if (problem) notifyFailure(problem);
      else notifySuccess('Export cancelled. Leads not sent yet stay as they were.');
      setConfirmingCancel(false);
    } catch (failure) {
      notifyFailure(failure);
    }
  };

  if (!crmExport) {
    if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
    if (data && data.crmExport === null)
      return (
        <Page title="Export not found">
          <Text>
            No CRM export has this address.{' '}
            <Anchor component={Link} to="/leads/exports">
              See every export
            </Anchor>
            .
          </Text>
        </Page>
      );
    return <LoadingState label="Loading the export…" />;
  }

  const { connection } = crmExport;
  return (
    <Page
      title={`Export to ${connection.name}`}
      description={
        <>
          {humanize(connection.kind)} connection of {connection.site.name} · asked for{' '}
          {formatDateTime(crmExport.createdAt)} by{' '}
          {crmExport.viaApiToken ? 'an API token' : (crmExport.requestedBy?.name ?? 'a deleted account')}
        </>
      }
      actions={
        <>
          <Button component={Link} to="/leads/exports" variant="default">
            Every export
          </Button>
          {canCancel && running && (
            <Button color="red" variant="light" onClick={() => setConfirmingCancel(true)}>
              Cancel export
            </Button>
          )}
        </>
      }
    >
      <Paper withBorder p="md" component="section" aria-label="Progress">
        <Stack gap="sm">
          <Group gap="sm">
            <CrmExportStatusBadge status={crmExport.status} />
            <Text size="sm" c="dimmed">
              {crmExport.finishedAt
                ? `Finished ${formatDateTime(crmExport.finishedAt)}`
                : crmExport.startedAt
                  ? `Sending since ${formatDateTime(crmExport.startedAt)}; updates every few seconds`
                  : 'Waiting for the worker; updates every few seconds'}
            </Text>
          </Group>
          <div role="status" aria-live="polite">
            <CrmExportProgress crmExport={crmExport} />
          </div>
        </Stack>
      </Paper>

      <Group align="flex-end">
        <NativeSelect
          label="Outcome"
          value={outcome}
          onChange={(event) => setOutcome(event.currentTarget.value as '' | CrmExportItemStatus)}
          data={outcomeChoices}
        />
      </Group>

      <ConnectionTable
        table={table}
        label="Leads in this export"
        connection={crmExport.items}
        error={error}
        onRetry={() => void refetch()}
        onFetchMore={(after) => fetchMore({ variables: { after } })}
        loadingLabel="Loading outcomes…"
        emptyTitle={
          crmExport.total === 0 && running ? 'Resolving the selection' : 'No leads with this outcome'
        }
        emptyHint={running ? 'Leads appear here as the worker takes them.' : 'Choose another outcome.'}
        estimatedRowHeight={80}
      />

      <Modal opened={confirmingCancel} onClose={() => setConfirmingCancel(false)} title="Cancel this export?">
        <Stack gap="sm">
          <Text>
            Batches waiting to be sent are dropped; a batch already on its way still records what the CRM
            answered. Leads already in the CRM stay there.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingCancel(false)}>
              Keep it running
            </Button>
            <Button color="red" loading={cancelling} onClick={() => void handleCancel()}>
              Cancel export
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
