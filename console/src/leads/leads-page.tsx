import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Drawer,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  createColumnHelper,
  getCoreRowModel,
  type RowSelectionState,
  useReactTable,
} from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { lacksGrant, withdrawnPurposes } from '../consents/purposes.ts';
import { ConnectionTable } from '../components/connection-table.tsx';
import { formatDate, formatDaysLeft, humanize } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { Page } from '../components/page.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { SiteSelect } from '../components/site-select.tsx';
import { describeUserErrors } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { BulkUpdateLeadsInput, LeadStatus } from '../graphql/generated/graphql.ts';
import { useCan, useSession } from '../session/session.ts';
import { downloadLeadsCsv, type LeadsCsvSelection } from './download-leads-csv.ts';
import { type ExportSelection, ExportToCrmDialog } from './export-to-crm.tsx';
import { leadFilterArgument, type LeadFilters, leadFiltersToParams, parseLeadFilters } from './filters.ts';
import { LeadFlags, leadStatuses } from './lead-badges.tsx';
import { LeadOwnerSelect, LeadStatusSelect } from './lead-controls.tsx';
import { LeadNotes } from './lead-notes.tsx';

const LeadRowFragment = graphql(`
  fragment LeadRow_lead on Lead {
    id
    name
    email
    company
    status
    source
    createdAt
    restricted
    objected
    site {
      id
      name
    }
    owner {
      id
      name
    }
    conversation {
      id
    }
    retention {
      daysLeft
      onHold
    }
    consents {
      current {
        purpose
        granted
        since
      }
    }
  }
`);

const LeadsDocument = graphql(`
  query Leads($first: Int!, $after: String, $search: String, $filter: LeadFilter) {
    leads(first: $first, after: $after, search: $search, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...LeadRow_lead
        }
      }
    }
  }
`);

const LeadNotesDrawerDocument = graphql(`
  query LeadNotesDrawer($id: ID!) {
    node(id: $id) {
      __typename
      ... on Lead {
        id
        ...LeadNotes_lead
      }
    }
  }
`);

const BulkUpdateLeadsDocument = graphql(`
  mutation BulkUpdateLeads($input: BulkUpdateLeadsInput!) {
    bulkUpdateLeads(input: $input) {
      updatedCount
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type LeadRow = FragmentType<typeof LeadRowFragment>;
const column = createColumnHelper<LeadRow>();
const pageSize = 50;
/** bulkUpdateLeads refuses selections over this size. */
const bulkLimit = 500;

const leadLabel = (lead: { name?: string | null; email?: string | null }) =>
  lead.name ?? lead.email ?? 'Lead';

export function Component() {
  const session = useSession();
  const canWrite = session.permissions.has('LEADS_WRITE');
  const canDownload = useCan('PERSONAL_DATA_READ');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseLeadFilters(searchParams), [searchParams]);
  const [searchText, setSearchText] = useState(filters.search);
  const [debouncedSearch] = useDebouncedValue(searchText, 250);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [notesFor, setNotesFor] = useState<{ id: string; label: string } | null>(null);

  const update = useCallback(
    (changes: Partial<LeadFilters>) => {
      setRowSelection({});
      setAllMatching(false);
      setSearchParams(leadFiltersToParams({ ...filters, ...changes }), { replace: true });
    },
    [filters, setSearchParams],
  );
  useEffect(() => {
    if (debouncedSearch !== filters.search) update({ search: debouncedSearch });
  }, [debouncedSearch, filters.search, update]);

  const filter = leadFilterArgument(filters, session.staffMemberId);
  const search = filters.search.trim() || null;
  const { data, previousData, error, fetchMore, refetch } = useQuery(LeadsDocument, {
    variables: { first: pageSize, search, filter },
  });
  const connection = (data ?? previousData)?.leads;
  const rows = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);

  const columns = useMemo(
    () => [
      ...(canWrite
        ? [
            column.display({
              id: 'select',
              size: 40,
              header: ({ table }) => (
                <Checkbox
                  aria-label="Select every lead shown"
                  checked={table.getIsAllRowsSelected()}
                  indeterminate={table.getIsSomeRowsSelected()}
                  onChange={table.getToggleAllRowsSelectedHandler()}
                />
              ),
              cell: ({ row }) => (
                <Checkbox
                  aria-label={`Select ${leadLabel(getFragmentData(LeadRowFragment, row.original))}`}
                  checked={row.getIsSelected()}
                  onChange={row.getToggleSelectedHandler()}
                />
              ),
            }),
          ]
        : []),
      column.display({
        id: 'lead',
        header: 'Lead',
        cell: ({ row }) => {
          const lead = getFragmentData(LeadRowFragment, row.original);
          return (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {lead.name ?? 'Name not given'}
              </Text>
              <Text size="xs">{[lead.email, lead.company].filter(Boolean).join(' · ')}</Text>
              <Group gap="xs">
                {lead.conversation && (
                  <Anchor component={Link} to={`/conversations/${lead.conversation.id}`} size="xs">
                    Transcript
                  </Anchor>
                )}
                <Anchor
                  component="button"
                  type="button"
                  size="xs"
                  onClick={() => setNotesFor({ id: lead.id, label: leadLabel(lead) })}
                >
                  Notes
                </Anchor>
              </Group>
              <LeadFlags
                restricted={lead.restricted}
                objected={lead.objected}
                withdrawn={withdrawnPurposes(lead.consents.current)}
                noCrmConsent={lacksGrant(lead.consents.current, 'CRM_TRANSFER')}
              />
            </Stack>
          );
        },
      }),
      column.display({
        id: 'site',
        header: 'Site',
        size: 150,
        cell: ({ row }) => {
          const lead = getFragmentData(LeadRowFragment, row.original);
          return (
            <Text size="sm">
              {lead.site.name}
              <Text span size="xs" c="dimmed" display="block">
                {humanize(lead.source)}, {formatDate(lead.createdAt)}
              </Text>
            </Text>
          );
        },
      }),
      column.display({
        id: 'status',
        header: 'Status',
        size: 150,
        cell: ({ row }) => {
          const lead = getFragmentData(LeadRowFragment, row.original);
          return (
            <LeadStatusSelect hideLabel lead={{ id: lead.id, label: leadLabel(lead) }} status={lead.status} />
          );
        },
      }),
      column.display({
        id: 'owner',
        header: 'Owner',
        size: 190,
        cell: ({ row }) => {
          const lead = getFragmentData(LeadRowFragment, row.original);
          return (
            <LeadOwnerSelect hideLabel lead={{ id: lead.id, label: leadLabel(lead) }} owner={lead.owner} />
          );
        },
      }),
      column.display({
        id: 'retention',
        header: 'Deleted',
        size: 110,
        cell: ({ row }) => {
          const { retention } = getFragmentData(LeadRowFragment, row.original);
          if (retention.onHold) return <Text size="sm">On hold</Text>;
          return (
            <Text size="sm">
              {retention.daysLeft === null || retention.daysLeft === undefined
                ? 'With conversation'
                : formatDaysLeft(retention.daysLeft)}
            </Text>
          );
        },
      }),
    ],
    [canWrite],
  );

  const table = useReactTable({
    data: rows,
    columns,
    state: { rowSelection },
    enableRowSelection: canWrite,
    onRowSelectionChange: (updater) => {
      setAllMatching(false);
      setRowSelection(updater);
    },
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => getFragmentData(LeadRowFragment, row).id,
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const totalCount = connection?.totalCount ?? 0;
  const selectionSize = allMatching ? totalCount : selectedIds.length;
  const everyShownSelected = rows.length > 0 && selectedIds.length === rows.length;

  return (
    <Page
      title="Leads"
      description="Contact details visitors shared, to triage and follow up."
      actions={
        <>
          <Button component={Link} to="/leads/exports" variant="default">
            CRM exports
          </Button>
          {canDownload && (
            <CsvButton
              label="Download CSV of all matching"
              selection={search ? { filter, search } : { filter }}
              variant="default"
            />
          )}
        </>
      }
    >
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, lg: 5 }} spacing="sm">
          <TextInput
            type="search"
            label="Search"
            placeholder="Name, email or company"
            value={searchText}
            onChange={(event) => setSearchText(event.currentTarget.value)}
            maxLength={200}
          />
          <MultiSelect
            label="Status"
            placeholder={filters.statuses.length ? undefined : 'Any status'}
            data={leadStatuses.map((value) => ({ value, label: humanize(value) }))}
            value={filters.statuses}
            onChange={(values) => update({ statuses: values as LeadStatus[] })}
          />
          <SiteSelect value={filters.siteId} onChange={(siteId) => update({ siteId })} />
          <NativeSelect
            label="Owner"
            value={filters.owner ?? ''}
            onChange={(event) => update({ owner: event.currentTarget.value === 'me' ? 'me' : null })}
            data={[
              { value: '', label: 'Anyone' },
              { value: 'me', label: 'Mine' },
            ]}
          />
          <NativeSelect
            label="Moved to CRM"
            value={filters.exported === null ? '' : filters.exported ? 'yes' : 'no'}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update({ exported: value === '' ? null : value === 'yes' });
            }}
            data={[
              { value: '', label: 'Either' },
              { value: 'no', label: 'Not yet' },
              { value: 'yes', label: 'Exported' },
            ]}
          />
        </SimpleGrid>
      </Paper>

      {canWrite && selectedIds.length > 0 && (
        <BulkBar
          selectionSize={selectionSize}
          offerAllMatching={everyShownSelected && !allMatching && totalCount > rows.length}
          allMatchingBlocked={search !== null}
          totalCount={totalCount}
          onSelectAllMatching={() => setAllMatching(true)}
          onClear={() => {
            setRowSelection({});
            setAllMatching(false);
          }}
          selection={allMatching ? { filter } : { ids: selectedIds }}
          siteId={filters.siteId}
          onDone={() => {
            setRowSelection({});
            setAllMatching(false);
            void refetch();
          }}
        />
      )}

      <ConnectionTable
        table={table}
        label="Leads"
        connection={connection}
        error={error}
        onRetry={() => void refetch()}
        onFetchMore={(after) => fetchMore({ variables: { after } })}
        loadingLabel="Loading leads…"
        emptyTitle="No leads match"
        emptyHint={'Try fewer filters.'}
        estimatedRowHeight={96}
      />

      <Drawer
        opened={notesFor !== null}
        onClose={() => setNotesFor(null)}
        position="right"
        title={notesFor ? `Notes on ${notesFor.label}` : 'Notes'}
      >
        {notesFor && <NotesDrawerContent leadId={notesFor.id} />}
      </Drawer>
    </Page>
  );
}

function NotesDrawerContent({ leadId }: { leadId: string }) {
  const { data, error, refetch } = useQuery(LeadNotesDrawerDocument, { variables: { id: leadId } });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (data?.node.__typename !== 'Lead') return <LoadingState label="Loading notes…" />;
  return <LeadNotes lead={data.node} />;
}

interface BulkBarProps {
  selectionSize: number;
  totalCount: number;
  offerAllMatching: boolean;
  /** bulkUpdateLeads selects by filter, which cannot express a text search. */
  allMatchingBlocked: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  selection: Pick<BulkUpdateLeadsInput, 'ids' | 'filter'>;
  /** The site the table is filtered to, if any. */
  siteId: string | null;
  onDone: () => void;
}

function BulkBar({
  selectionSize,
  totalCount,
  offerAllMatching,
  allMatchingBlocked,
  onSelectAllMatching,
  onClear,
  selection,
  siteId,
  onDone,
}: BulkBarProps) {
  const session = useSession();
  const canDownload = useCan('PERSONAL_DATA_READ');
  const [exporting, setExporting] = useState(false);
  // Export and CSV name leads as leadIds; a filter selects the same way everywhere.
  const exportSelection: ExportSelection = selection.filter
    ? { filter: selection.filter }
    : { leadIds: (selection.ids ?? []).map(String) };
  const [bulkUpdate, { loading }] = useMutation(BulkUpdateLeadsDocument);
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const [note, setNote] = useState('');

  const apply = async (change: Pick<BulkUpdateLeadsInput, 'status' | 'ownerId' | 'note'>, what: string) => {
    try {
      const { data } = await bulkUpdate({ variables: { input: { ...selection, ...change } } });
      const problem = describeUserErrors(data?.bulkUpdateLeads.userErrors);
      if (problem) {
        notifyFailure(problem);
        return;
      }
      notifySuccess(`${what}: ${data?.bulkUpdateLeads.updatedCount ?? 0} leads changed.`);
      setNote('');
      setStatus('');
      onDone();
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <Paper
      withBorder
      p="sm"
      bg="var(--mantine-primary-color-light)"
      aria-label="Bulk actions"
      component="section"
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} role="status">
            {selectionSize.toLocaleString('en')} lead{selectionSize === 1 ? '' : 's'} selected
          </Text>
          <Group gap="xs">
            {offerAllMatching &&
              (allMatchingBlocked ? (
                <Text size="sm">
                  Clear the search to select all {totalCount.toLocaleString('en')} matching.
                </Text>
              ) : (
                <Button size="xs" variant="white" onClick={onSelectAllMatching}>
                  Select all {totalCount.toLocaleString('en')} matching
                </Button>
              ))}
            <Button size="xs" variant="default" onClick={onClear}>
              Clear selection
            </Button>
          </Group>
        </Group>
        {selectionSize > bulkLimit && (
          <Alert color="yellow" p="xs">
            One change can cover at most {bulkLimit} leads; narrow the filters first.
          </Alert>
        )}
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label="Set status"
            size="xs"
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value as LeadStatus | '')}
            data={[
              { value: '', label: 'Choose…' },
              ...leadStatuses.map((value) => ({ value, label: humanize(value) })),
            ]}
          />
          <Button
            size="xs"
            disabled={!status || loading}
            onClick={() =>
              status && void apply({ status }, `Status set to ${humanize(status).toLowerCase()}`)
            }
          >
            Apply status
          </Button>
          {session.roles.includes('SALES') && (
            <Button
              size="xs"
              variant="default"
              disabled={loading}
              onClick={() => void apply({ ownerId: session.staffMemberId }, 'Assigned to you')}
            >
              Assign to me
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            disabled={loading}
            onClick={() => void apply({ ownerId: null }, 'Unassigned')}
          >
            Unassign
          </Button>
          <Textarea
            label="Note for each"
            size="xs"
            autosize
            minRows={1}
            maxLength={5000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="default"
            disabled={!note.trim() || loading}
            onClick={() => void apply({ note: note.trim() }, 'Note added')}
          >
            Add note
          </Button>
        </Group>
        <Group gap="sm">
          <Button size="xs" onClick={() => setExporting(true)}>
            Export to CRM…
          </Button>
          {canDownload && (
            <CsvButton label="Download CSV" selection={exportSelection} size="xs" variant="default" />
          )}
        </Group>
      </Stack>
      <ExportToCrmDialog
        opened={exporting}
        onClose={() => setExporting(false)}
        selection={exportSelection}
        selectionSize={selectionSize}
        siteId={siteId}
      />
    </Paper>
  );
}

/** Downloads a CSV of these leads as a file. */
function CsvButton({
  label,
  selection,
  size,
  variant,
}: {
  label: string;
  selection: LeadsCsvSelection;
  size?: 'xs';
  variant: 'default';
}) {
  const [downloading, setDownloading] = useState(false);
  const download = () => {
    setDownloading(true);
    downloadLeadsCsv(selection)
      .catch(notifyFailure)
      .finally(() => setDownloading(false));
  };
  return (
    <Button size={size} variant={variant} loading={downloading} onClick={download}>
      {label}
    </Button>
  );
}
