import { Badge, Progress, Stack, Text } from '@mantine/core';

import { humanize } from '../components/format.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { CrmExportItemStatus, CrmExportStatus } from '../graphql/generated/graphql.ts';

export const CrmExportProgressFragment = graphql(`
  fragment CrmExportProgress_crmExport on CrmExport {
    id
    status
    total
    done
    failed
    skipped
    pending
  }
`);

/** How often a page showing a running export fetches its progress again. */
export const progressPollMs = 2000;

/** Exports the worker is still on: their pages poll for progress. */
export const isUnderWay = (status: CrmExportStatus) => status === 'QUEUED' || status === 'RUNNING';

const exportStatusColors: Record<CrmExportStatus, string> = {
  QUEUED: 'gray',
  RUNNING: 'blue',
  COMPLETED: 'green',
  CANCELLED: 'orange',
  FAILED: 'red',
};

export function CrmExportStatusBadge({ status }: { status: CrmExportStatus }) {
  return <Badge color={exportStatusColors[status]}>{humanize(status)}</Badge>;
}

export const itemStatusColors: Record<CrmExportItemStatus, string> = {
  DONE: 'green',
  FAILED: 'red',
  SKIPPED: 'yellow',
  PENDING: 'gray',
};

/** Done, failed and skipped of the total, as a bar and in words. */
export function CrmExportProgress({
  crmExport: exportRef,
  size = 'md',
}: {
  crmExport: FragmentType<typeof CrmExportProgressFragment>;
  size?: 'sm' | 'md';
}) {
  const crmExport = getFragmentData(CrmExportProgressFragment, exportRef);
  const { total, done, failed, skipped, pending } = crmExport;
  const share = (count: number) => (total === 0 ? 0 : (count / total) * 100);
  const sections = [
    { label: 'done', count: done, color: itemStatusColors.DONE },
    { label: 'failed', count: failed, color: itemStatusColors.FAILED },
    { label: 'skipped', count: skipped, color: itemStatusColors.SKIPPED },
  ];
  const words =
    total === 0 && crmExport.status === 'QUEUED'
      ? 'Resolving the selection…'
      : `${done.toLocaleString('en')} done · ${failed.toLocaleString('en')} failed · ` +
        `${skipped.toLocaleString('en')} skipped of ${total.toLocaleString('en')}` +
        (pending > 0 ? ` (${pending.toLocaleString('en')} waiting)` : '');
  return (
    <Stack gap={4}>
      <Progress.Root size={size === 'sm' ? 'sm' : 'lg'} aria-hidden>
        {sections.map((section) => (
          <Progress.Section key={section.label} value={share(section.count)} color={section.color} />
        ))}
      </Progress.Root>
      <Text size={size === 'sm' ? 'xs' : 'sm'}>{words}</Text>
    </Stack>
  );
}
