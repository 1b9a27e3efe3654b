import { useQuery } from '@apollo/client/react';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';

import { formatDateTime } from '../components/format.ts';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { graphql } from '../graphql/generated/index.ts';

const RetentionSummaryDocument = graphql(`
  query RetentionSummary($siteId: ID!) {
    retentionStatus(siteId: $siteId) {
      expiringWithin7Days
      expiringWithin30Days
      overdueCount
      nextSweepAt
      onHold {
        total
      }
      lastSweep {
        id
        finishedAt
        startedAt
        status
      }
    }
  }
`);

/** A site's retention at a glance: due soon, overdue (should be none), on hold, and the sweeps. */
export function RetentionSummary({ siteId, siteName }: { siteId: string; siteName: string }) {
  const { data, error, refetch } = useQuery(RetentionSummaryDocument, { variables: { siteId } });
  const headingId = `retention-${siteId}`;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId} mb="xs">
        {siteName}
      </Title>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading retention…" />
      ) : (
        <Stack gap="xs">
          <SimpleGrid cols={4} spacing="xs">
            <Figure label="Due in 7 days" value={data.retentionStatus.expiringWithin7Days} />
            <Figure label="Due in 30 days" value={data.retentionStatus.expiringWithin30Days} />
            <Figure
              label="Overdue"
              value={data.retentionStatus.overdueCount}
              alarm={data.retentionStatus.overdueCount > 0}
            />
            <Figure label="On hold" value={data.retentionStatus.onHold.total} />
          </SimpleGrid>
          <Group gap="lg">
            <Text size="xs" c="dimmed">
              Last sweep:{' '}
              {data.retentionStatus.lastSweep
                ? formatDateTime(
                    data.retentionStatus.lastSweep.finishedAt ?? data.retentionStatus.lastSweep.startedAt,
                  )
                : 'none yet'}
            </Text>
            <Text size="xs" c="dimmed">
              Next: {formatDateTime(data.retentionStatus.nextSweepAt)}
            </Text>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function Figure({ label, value, alarm }: { label: string; value: number; alarm?: boolean }) {
  return (
    <div>
      <Text fw={700} fz="lg" c={alarm ? 'red.9' : undefined}>
        {value.toLocaleString('en')}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </div>
  );
}
