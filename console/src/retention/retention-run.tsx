import { Badge, Table, Text } from '@mantine/core';
import { formatDateTime, humanize } from '../components/format.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';

export const RetentionRunCellsFragment = graphql(`
  fragment RetentionRunCells_run on RetentionRun {
    id
    status
    dryRun
    trigger
    startedAt
    skippedOnHold
    error
    counts {
      recordType
      count
    }
    triggeredBy {
      id
      name
    }
  }
`);

/** "12 Conversation, 3 Lead": what a sweep deleted (or a dry run would delete). */
export const countsText = (counts: readonly { recordType: string; count: number }[]) =>
  counts.length === 0
    ? 'nothing'
    : counts.map((count) => `${count.count.toLocaleString('en')} ${count.recordType}`).join(', ');

/** A retention run's start, outcome and counts, as three cells of a table row. */
export function RetentionRunCells({ run: runRef }: { run: FragmentType<typeof RetentionRunCellsFragment> }) {
  const run = getFragmentData(RetentionRunCellsFragment, runRef);
  return (
    <>
      <Table.Td>
        <Text size="sm">{formatDateTime(run.startedAt)}</Text>
        <Text size="xs" c="dimmed">
          {run.trigger === 'MANUAL' ? `by ${run.triggeredBy?.name ?? 'an API token'}` : 'scheduled'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge
          color={run.status === 'FAILED' ? 'red' : run.status === 'RUNNING' ? 'blue' : 'green'}
          variant="light"
        >
          {humanize(run.status)}
        </Badge>
        {run.error && (
          <Text size="xs" c="red.9">
            {run.error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {countsText(run.counts)}
          {run.status === 'RUNNING' && ' so far'}
        </Text>
        {run.skippedOnHold > 0 && (
          <Text size="xs" c="dimmed">
            {run.skippedOnHold} kept by legal holds
          </Text>
        )}
      </Table.Td>
    </>
  );
}
