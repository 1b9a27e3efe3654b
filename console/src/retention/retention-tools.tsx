import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';

import { formatDateTime, humanize } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { describeUserErrors } from '../graphql/errors.ts';
import { graphql } from '../graphql/generated/index.ts';
import { useCan } from '../session/session.ts';
import { PlaceHoldButton } from './legal-holds.tsx';
import { countsText, RetentionRunCells } from './retention-run.tsx';

const RetentionPreviewDocument = graphql(`
  query RetentionPreview($siteId: ID!, $horizonDays: Int!) {
    retentionPreview(siteId: $siteId, horizonDays: $horizonDays, first: 100) {
      totalCount
      nodes {
        recordId
        recordType
        reason
        deletesAt
        overdue
      }
    }
  }
`);

const RetentionRunsDocument = graphql(`
  query RetentionRuns($siteId: ID!) {
    retentionRuns(first: 20, filter: { siteId: $siteId }) {
      nodes {
        id
        status
        dryRun
        ...RetentionRunCells_run
      }
    }
  }
`);

const RunRetentionSweepDocument = graphql(`
  mutation RunRetentionSweep($input: RunRetentionSweepInput!) {
    runRetentionSweep(input: $input) {
      run {
        id
        status
        dryRun
        counts {
          recordType
          count
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const horizons = [
  { value: '0', label: 'Overdue now' },
  { value: '7', label: 'Next 7 days' },
  { value: '30', label: 'Next 30 days' },
  { value: '90', label: 'Next 90 days' },
];

/** Runs a sweep of the site now, or only counts what it would delete, and shows its progress. */
function RunSweep({
  siteId,
  siteName,
  onStarted,
}: {
  siteId: string;
  siteName: string;
  onStarted: () => void;
}) {
  const [dryRun, setDryRun] = useState(true);
  const [run, { loading }] = useMutation(RunRetentionSweepDocument);
  const handleRun = async () => {
    try {
      const payload = (await run({ variables: { input: { siteId, dryRun } } })).data?.runRetentionSweep;
      const problem = describeUserErrors(payload?.userErrors);
      if (problem || !payload?.run) {
        notifyFailure(problem ?? 'The sweep did not start.');
        return;
      }
      notifySuccess(
        payload.run.dryRun
          ? `Dry run: the sweep would delete ${countsText(payload.run.counts)}.`
          : 'The sweep started; its progress is in the history below.',
      );
      onStarted();
    } catch (error) {
      notifyFailure(error);
    }
  };
  return (
    <Group gap="sm" align="center">
      <Checkbox
        label="Dry run (only count)"
        checked={dryRun}
        onChange={(event) => setDryRun(event.currentTarget.checked)}
      />
      <Button onClick={() => void handleRun()} loading={loading} color={dryRun ? undefined : 'red.9'}>
        {dryRun ? `Count what a sweep of ${siteName} would delete` : `Sweep ${siteName} now`}
      </Button>
    </Group>
  );
}

/** What the next sweeps of a site would delete, with holds to keep records, and the run history. */
export function RetentionTools({ siteId, siteName }: { siteId: string; siteName: string }) {
  const canWrite = useCan('PRIVACY_WRITE');
  const [horizon, setHorizon] = useState('30');
  const preview = useQuery(RetentionPreviewDocument, { variables: { siteId, horizonDays: Number(horizon) } });
  const runs = useQuery(RetentionRunsDocument, { variables: { siteId } });
  const running = runs.data?.retentionRuns.nodes.some((run) => run.status === 'RUNNING') ?? false;
  // A real sweep deletes in the background: follow it until it ends.
  const { startPolling, stopPolling } = runs;
  useEffect(() => {
    if (running) startPolling(2000);
    else stopPolling();
  }, [running, startPolling, stopPolling]);
  const refresh = () => {
    void runs.refetch();
    void preview.refetch();
  };
  const items = preview.data?.retentionPreview.nodes ?? [];

  return (
    <Stack gap="md">
      {canWrite && <RunSweep siteId={siteId} siteName={siteName} onStarted={refresh} />}
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4">
          What the next sweeps delete
        </Title>
        <NativeSelect
          label="Horizon"
          value={horizon}
          onChange={(event) => setHorizon(event.currentTarget.value)}
          data={horizons}
        />
      </Group>
      {preview.error && !preview.data ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : !preview.data ? (
        <LoadingState label="Loading the preview…" />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing falls due in this period" />
      ) : (
        <>
          <Table aria-label={`Retention preview for ${siteName}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Deleted</Table.Th>
                <Table.Th>Record</Table.Th>
                <Table.Th>Rule</Table.Th>
                {canWrite && <Table.Th>Legal hold</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.recordId}>
                  <Table.Td>
                    <Text
                      size="sm"
                      c={item.overdue ? 'red.9' : undefined}
                      fw={item.overdue ? 600 : undefined}
                    >
                      {item.overdue ? 'Overdue' : formatDateTime(item.deletesAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {item.recordType === 'Conversation' ? (
                      <Anchor
                        component={Link}
                        to={`/conversations/${encodeURIComponent(item.recordId)}`}
                        size="sm"
                      >
                        Conversation
                      </Anchor>
                    ) : (
                      <Text size="sm">{item.recordType}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{humanize(item.reason)}</Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <PlaceHoldButton
                        recordId={item.recordId}
                        label="Place hold"
                        explanation="No sweep deletes the record (nor its lead or conversation) until the hold is released."
                        onDone={refresh}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {items.length} of {preview.data.retentionPreview.totalCount.toLocaleString('en')} shown, soonest
            first.
          </Text>
        </>
      )}
      <Title order={3} size="h4">
        Run history
      </Title>
      {runs.error && !runs.data ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : !runs.data ? (
        <LoadingState label="Loading the run history…" />
      ) : runs.data.retentionRuns.nodes.length === 0 ? (
        <EmptyState title="No sweeps yet" />
      ) : (
        <Table aria-label={`Sweeps of ${siteName}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Deleted</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.retentionRuns.nodes.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>
                  <Text size="sm">{run.dryRun ? 'Dry run' : 'Sweep'}</Text>
                </Table.Td>
                <RetentionRunCells run={run} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
