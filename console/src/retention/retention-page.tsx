import { useQuery } from '@apollo/client/react';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';

import { formatDateTime } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { type FragmentType, graphql } from '../graphql/generated/index.ts';
import { RetentionRunCells, type RetentionRunCellsFragment } from './retention-run.tsx';
import { RetentionTools } from './retention-tools.tsx';

const RetentionStatusDocument = graphql(`
  query RetentionStatusPage($siteId: ID!) {
    retentionStatus(siteId: $siteId) {
      expiringWithin7Days
      expiringWithin30Days
      overdueCount
      nextSweepAt
      sweepIntervalMinutes
      overdue {
        conversations
        leads
      }
      onHold {
        conversations
        leads
        total
      }
      policy {
        conversationRetentionDays
        leadRetentionMonths
        engagedLegalRetentionMonths
      }
      lastSweep {
        ...RetentionRunCells_run
      }
      lastDryRun {
        ...RetentionRunCells_run
      }
    }
  }
`);

const RetentionSitesDocument = graphql(`
  query RetentionSites {
    sites {
      id
      name
    }
  }
`);

export function Component() {
  const { data, error, refetch } = useQuery(RetentionSitesDocument);
  return (
    <Page
      title="Retention"
      description="When each site's conversations and leads are deleted, what is overdue (should be none), and the sweeps that delete them."
    >
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading sites…" />
      ) : (
        data.sites.map((site) => <SiteRetention key={site.id} siteId={site.id} siteName={site.name} />)
      )}
    </Page>
  );
}

function SiteRetention({ siteId, siteName }: { siteId: string; siteName: string }) {
  const { data, error, refetch } = useQuery(RetentionStatusDocument, { variables: { siteId } });
  const headingId = `retention-site-${siteId}`;
  const status = data?.retentionStatus;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="sm">
        {siteName}
      </Title>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !status ? (
        <LoadingState label="Loading retention status…" />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Conversations are deleted {status.policy.conversationRetentionDays} days after their last message;
            leads moved to the CRM after {status.policy.leadRetentionMonths} months, engaged ones{' '}
            {status.policy.engagedLegalRetentionMonths} months after the engagement ends.
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label="Due within 7 days" value={status.expiringWithin7Days} />
            <Stat label="Due within 30 days" value={status.expiringWithin30Days} />
            <Stat
              label={`Overdue (${status.overdue.conversations} conversations, ${status.overdue.leads} leads)`}
              value={status.overdueCount}
              alarm={status.overdueCount > 0}
            />
            <Stat
              label={`On legal hold (${status.onHold.conversations} conversations, ${status.onHold.leads} leads)`}
              value={status.onHold.total}
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            Sweeps run every {status.sweepIntervalMinutes} minutes; the next is due{' '}
            {formatDateTime(status.nextSweepAt)}.
          </Text>
          <Table aria-label={`Latest sweeps on ${siteName}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Sweep</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Deleted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <RunRow label="Last sweep" run={status.lastSweep} />
              <RunRow label="Last dry run" run={status.lastDryRun} />
            </Table.Tbody>
          </Table>
          <RetentionTools siteId={siteId} siteName={siteName} />
        </Stack>
      )}
    </Paper>
  );
}

function RunRow({
  label,
  run,
}: {
  label: string;
  run: FragmentType<typeof RetentionRunCellsFragment> | null | undefined;
}) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {label}
      </Table.Th>
      {run ? (
        <RetentionRunCells run={run} />
      ) : (
        <Table.Td colSpan={3}>
          <Text size="sm" c="dimmed">
            None yet
          </Text>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function Stat({ label, value, alarm }: { label: string; value: number; alarm?: boolean }) {
  return (
    <Stack gap={0}>
      <Text fw={700} fz="xl" c={alarm ? 'red.9' : undefined}>
        {value.toLocaleString('en')}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}
