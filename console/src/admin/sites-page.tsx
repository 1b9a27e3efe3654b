import { useQuery } from '@apollo/client/react';
import { Badge, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';

import { formatDate } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { DeadlineUnit } from '../graphql/generated/graphql.ts';

const SiteCardFragment = graphql(`
  fragment SiteCard_site on Site {
    id
    name
    domain
    widgetKeyPrefix
    allowedOrigins
    policyVersion
    timezone
    holidays
    messageMaxLength
    updatedAt
    erasureDeadline {
      days
      unit
    }
    examinationDeadline {
      days
      unit
    }
    requestDeadline {
      days
      unit
    }
    requestMaxDeadline {
      days
      unit
    }
    retentionPolicy {
      conversationRetentionDays
      leadRetentionMonths
      engagedLegalRetentionMonths
      requestRecordRetentionMonths
      backupPurgeDays
      childAgeThreshold
    }
  }
`);

const SitesDocument = graphql(`
  query Sites {
    sites {
      id
      ...SiteCard_site
    }
  }
`);

const deadline = (value: { days: number; unit: DeadlineUnit } | null | undefined) =>
  value ? `${value.days} ${value.unit === 'BUSINESS_DAYS' ? 'business' : 'calendar'} days` : 'None';

export function Component() {
  const { data, error, refetch } = useQuery(SitesDocument);
  return (
    <Page
      title="Sites"
      description="Each brand's assistant, its widget key and the rules of its privacy policy."
    >
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading sites…" />
      ) : (
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          {data.sites.map((site) => (
            <SiteCard key={site.id} site={site} />
          ))}
        </SimpleGrid>
      )}
    </Page>
  );
}

function SiteCard({ site: siteRef }: { site: FragmentType<typeof SiteCardFragment> }) {
  const site = getFragmentData(SiteCardFragment, siteRef);
  const policy = site.retentionPolicy;
  const headingId = `site-${site.id}`;
  const rows: [string, string][] = [
    ['Conversations kept', `${policy.conversationRetentionDays} days after the last message`],
    ['Leads moved to the CRM kept', `${policy.leadRetentionMonths} months`],
    ['After an engagement', `${policy.engagedLegalRetentionMonths} months`],
    ['Request records kept', `${policy.requestRecordRetentionMonths} months`],
    ['Backups purged within', `${policy.backupPurgeDays} days`],
    ['Children (erased at once) under', `${policy.childAgeThreshold} years`],
    ['Quick deletion by email', deadline(site.erasureDeadline)],
    ['Examine a request within', deadline(site.examinationDeadline)],
    ['Answer a request within', deadline(site.requestDeadline)],
    ['Longest postponement', deadline(site.requestMaxDeadline)],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            {site.name}
          </Title>
          <Badge variant="light">policy {site.policyVersion}</Badge>
        </Group>
        <Text size="sm">
          {site.domain} · widget key <Code>{site.widgetKeyPrefix}…</Code> · {site.timezone}
        </Text>
        <Text size="xs" c="dimmed">
          Widget allowed from: {site.allowedOrigins.join(', ') || 'no origin yet'} · messages up to{' '}
          {site.messageMaxLength.toLocaleString('en')} characters · changed {formatDate(site.updatedAt)}
          {site.holidays.length > 0 && ` · ${site.holidays.length} holidays excluded from business days`}
        </Text>
        <Table aria-label={`Policy of ${site.name}`} verticalSpacing={4}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" fw={500}>
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
