import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';

import { ConnectionTable } from '../components/connection-table.tsx';
import { formatDateTime, humanize } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import {
  CrmExportProgress,
  CrmExportStatusBadge,
  isUnderWay,
  progressPollMs,
} from './crm-export-progress.tsx';

const CrmExportRowFragment = graphql(`
  fragment CrmExportRow_crmExport on CrmExport {
    id
    status
    createdAt
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
  }
`);

const CrmExportsDocument = graphql(`
  query CrmExports($first: Int!, $after: String) {
    crmExports(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          ...CrmExportRow_crmExport
        }
      }
    }
  }
`);

type ExportRow = FragmentType<typeof CrmExportRowFragment>;
const column = createColumnHelper<ExportRow>();

const columns = [
  column.display({
    id: 'export',
    header: 'Export',
    size: 260,
    cell: ({ row }) => {
      const crmExport = getFragmentData(CrmExportRowFragment, row.original);
      return (
        <Stack gap={2}>
          <Anchor component={Link} to={`/leads/exports/${crmExport.id}`} fw={600} size="sm">
            {formatDateTime(crmExport.createdAt)}
          </Anchor>
          <Text size="xs">
            by {crmExport.viaApiToken ? 'an API token' : (crmExport.requestedBy?.name ?? 'a deleted account')}
          </Text>
        </Stack>
      );
    },
  }),
  column.display({
    id: 'connection',
    header: 'Connection',
    size: 240,
    cell: ({ row }) => {
      const { connection } = getFragmentData(CrmExportRowFragment, row.original);
      return (
        <Text size="sm">
          {connection.name}
          <Text span size="xs" display="block">
            {humanize(connection.kind)} · {connection.site.name}
          </Text>
        </Text>
      );
    },
  }),
  column.display({
    id: 'status',
    header: 'Status',
    size: 120,
    cell: ({ row }) => (
      <CrmExportStatusBadge status={getFragmentData(CrmExportRowFragment, row.original).status} />
    ),
  }),
  column.display({
    id: 'progress',
    header: 'Leads',
    cell: ({ row }) => (
      <CrmExportProgress size="sm" crmExport={getFragmentData(CrmExportRowFragment, row.original)} />
    ),
  }),
];

export function Component() {
  const { data, previousData, error, refetch, fetchMore, startPolling, stopPolling } = useQuery(
    CrmExportsDocument,
    { variables: { first: 50 } },
  );
  const connection = (data ?? previousData)?.crmExports;
  const rows = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);
  const anyUnderWay = rows.some((row) => isUnderWay(row.status));
  useEffect(() => {
    if (!anyUnderWay) return;
    startPolling(progressPollMs);
    return () => stopPolling();
  }, [anyUnderWay, startPolling, stopPolling]);

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => getFragmentData(CrmExportRowFragment, row).id,
  });

  return (
    <Page
      title="CRM exports"
      description="Leads pushed to the CRM connections, newest first, with each lead's outcome."
      actions={
        <Button component={Link} to="/leads" variant="default">
          Back to leads
        </Button>
      }
    >
      <ConnectionTable
        table={table}
        label="CRM exports"
        connection={connection}
        error={error}
        onRetry={() => void refetch()}
        onFetchMore={(after) => fetchMore({ variables: { after } })}
        loadingLabel="Loading exports…"
        emptyTitle="No exports yet"
        emptyHint="Select leads in the leads table and choose “Export to CRM”."
        estimatedRowHeight={64}
      />
    </Page>
  );
}
