import { useLazyQuery, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';

import { ConnectionTable, useNodeTable } from '../components/connection-table.tsx';
import { addLocalDays, formatDateTime, humanize, startOfLocalDay } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { AuditEventFilter } from '../graphql/generated/graphql.ts';

const AuditRowFragment = graphql(`
  fragment AuditRow_event on AuditEvent {
    id
    action
    actorType
    actorLabel
    occurredAt
    targetType
    targetIds
    details
    redactedAt
    requestId
  }
`);

const AuditEventsDocument = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...AuditRow_event
        }
      }
    }
  }
`);

const VerifyAuditChainDocument = graphql(`
  query VerifyAuditChain {
    auditChainVerification {
      valid
      eventsChecked
      redactedEvents
      firstBrokenEventId
    }
  }
`);

type AuditRow = FragmentType<typeof AuditRowFragment>;
const column = createColumnHelper<AuditRow>();
const event = (row: AuditRow) => getFragmentData(AuditRowFragment, row);

const columns = [
  column.display({
    id: 'when',
    header: 'When',
    size: 160,
    cell: ({ row }) => <Text size="sm">{formatDateTime(event(row.original).occurredAt)}</Text>,
  }),
  column.display({
    id: 'actor',
    header: 'Actor',
    size: 220,
    cell: ({ row }) => (
      <Text size="sm">
        {event(row.original).actorLabel ?? '—'}
        <Text span size="xs" c="dimmed" display="block">
          {humanize(event(row.original).actorType)}
        </Text>
      </Text>
    ),
  }),
  column.display({
    id: 'action',
    header: 'Action',
    size: 200,
    cell: ({ row }) => {
      const { action, targetType, targetIds } = event(row.original);
      return (
        <Text size="sm">
          <Code>{action}</Code>
          {targetType && (
            <Text span size="xs" c="dimmed" display="block">
              {targetIds.length} {targetType}
              {targetIds.length === 1 ? '' : ' records'}
            </Text>
          )}
        </Text>
      );
    },
  }),
  column.display({
    id: 'details',
    header: 'Details',
    cell: ({ row }) => {
      const { details, redactedAt } = event(row.original);
      if (redactedAt) {
        return (
          <Badge
            color="gray"
            variant="light"
            title={`Redacted by an erasure on ${formatDateTime(redactedAt)}`}
          >
            Redacted
          </Badge>
        );
      }
      return details === null || details === undefined ? null : (
        // Focusable, since long details scroll.
        <Code
          block
          tabIndex={0}
          aria-label="Event details"
          style={{ maxHeight: 96, overflow: 'auto', fontSize: 11 }}
        >
          {JSON.stringify(details, null, 1)}
        </Code>
      );
    },
  }),
];

export function Component() {
  const [searchParams, setSearchParams] = useSearchParams();
  const actions = searchParams.get('actions') ?? '';
  const from = searchParams.get('from');
  const to = searchParams.get('to');
  const targetId = searchParams.get('target');

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: true });
  };

  const filter: AuditEventFilter = {};
  const actionList = actions
    .split(',')
    .map((action) => action.trim())
    .filter(Boolean);
  if (actionList.length) filter.actions = actionList;
  if (from) filter.occurredAfter = startOfLocalDay(from);
  if (to) filter.occurredBefore = addLocalDays(to, 1);
  if (targetId) filter.targetId = targetId;

  const { data, previousData, error, fetchMore, refetch } = useQuery(AuditEventsDocument, {
    variables: { first: 50, filter },
  });
  const connection = (data ?? previousData)?.auditEvents;
  const { table } = useNodeTable(connection, columns, (row) => event(row).id);

  return (
    <Page
      title="Audit log"
      description="Every access to personal data and every change, append-only and hash-chained. Reading it is audited too."
    >
      <ChainVerification />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
          <TextInput
            label="Actions"
            placeholder="e.g. lead.update, personal_data.read"
            defaultValue={actions}
            key={actions}
            onBlur={(change) => setParam('actions', change.currentTarget.value.trim() || null)}
            onKeyDown={(change) => {
              if (change.key === 'Enter') setParam('actions', change.currentTarget.value.trim() || null);
            }}
          />
          <TextInput
            type="date"
            label="From"
            value={from ?? ''}
            onChange={(change) => setParam('from', change.currentTarget.value || null)}
          />
          <TextInput
            type="date"
            label="To"
            value={to ?? ''}
            onChange={(change) => setParam('to', change.currentTarget.value || null)}
          />
          <TextInput
            label="Record id"
            placeholder="A global id"
            defaultValue={targetId ?? ''}
            key={targetId ?? ''}
            onBlur={(change) => setParam('target', change.currentTarget.value.trim() || null)}
            onKeyDown={(change) => {
              if (change.key === 'Enter') setParam('target', change.currentTarget.value.trim() || null);
            }}
          />
        </SimpleGrid>
      </Paper>
      <ConnectionTable
        table={table}
        label="Audit events"
        connection={connection}
        error={error}
        onRetry={() => void refetch()}
        onFetchMore={(after) => fetchMore({ variables: { after } })}
        loadingLabel="Loading the audit trail…"
        emptyTitle="No events match"
        emptyHint={'Try a wider time range or other actions.'}
        estimatedRowHeight={72}
      />
    </Page>
  );
}

/** Recomputes the hash chain on request: it reads the whole trail, so it does not run on every visit. */
function ChainVerification() {
  const [verify, { data, loading, error }] = useLazyQuery(VerifyAuditChainDocument, {
    fetchPolicy: 'network-only',
  });
  const result = data?.auditChainVerification;
  return (
    <Paper withBorder p="md" component="section" aria-label="Chain verification">
      <Group justify="space-between">
        <Stack gap={2} role="status">
          {!result && !error && <Text>The chain has not been verified in this view.</Text>}
          {error && <Text c="red.9">Verification failed to run.</Text>}
          {result &&
            (result.valid ? (
              <Alert color="green" title="Chain verified" p="xs">
                All {result.eventsChecked.toLocaleString('en')} events follow from their predecessors
                {result.redactedEvents > 0 &&
                  ` (${result.redactedEvents} redacted by erasures, still verifiable)`}
                .
              </Alert>
            ) : (
              <Alert color="red" title="Chain broken" p="xs">
                {result.eventsChecked.toLocaleString('en')} events verified before event{' '}
                <Code>{result.firstBrokenEventId}</Code>, which does not follow from its predecessor.
              </Alert>
            ))}
        </Stack>
        <Button variant="default" loading={loading} onClick={() => void verify()}>
          Verify chain
        </Button>
      </Group>
    </Paper>
  );
}
