import { useQuery } from '@apollo/client/react';
import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { Link } from 'react-router';

import { formatDateTime, localToday } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { graphql } from '../graphql/generated/index.ts';
import { LeadStatusBadge } from '../leads/lead-badges.tsx';
import { RetentionSummary } from '../retention/retention-summary.tsx';
import { useCan, useSession } from '../session/session.ts';
import { recentWeeks, type Week } from './weeks.ts';

const NewLeadsDocument = graphql(`
  query DashboardNewLeads {
    leads(first: 5, filter: { statuses: [NEW] }) {
      totalCount
      nodes {
        id
        name
        email
        company
        status
        createdAt
        site {
          id
          name
        }
        conversation {
          id
        }
      }
    }
  }
`);

// One count per week and list (16 aliases, under the API's limit of 20); each list only when permitted.
const ActivityDocument = graphql(`
  query DashboardActivity(
    $b0: DateTime!
    $b1: DateTime!
    $b2: DateTime!
    $b3: DateTime!
    $b4: DateTime!
    $b5: DateTime!
    $b6: DateTime!
    $b7: DateTime!
    $b8: DateTime!
    $conversations: Boolean!
    $leads: Boolean!
  ) {
    c0: conversations(filter: { startedAfter: $b0, startedBefore: $b1 }) @include(if: $conversations) {
      totalCount
    }
    c1: conversations(filter: { startedAfter: $b1, startedBefore: $b2 }) @include(if: $conversations) {
      totalCount
    }
    c2: conversations(filter: { startedAfter: $b2, startedBefore: $b3 }) @include(if: $conversations) {
      totalCount
    }
    c3: conversations(filter: { startedAfter: $b3, startedBefore: $b4 }) @include(if: $conversations) {
      totalCount
    }
    c4: conversations(filter: { startedAfter: $b4, startedBefore: $b5 }) @include(if: $conversations) {
      totalCount
    }
    c5: conversations(filter: { startedAfter: $b5, startedBefore: $b6 }) @include(if: $conversations) {
      totalCount
    }
    c6: conversations(filter: { startedAfter: $b6, startedBefore: $b7 }) @include(if: $conversations) {
      totalCount
    }
    c7: conversations(filter: { startedAfter: $b7, startedBefore: $b8 }) @include(if: $conversations) {
      totalCount
    }
    l0: leads(filter: { createdAfter: $b0, createdBefore: $b1 }) @include(if: $leads) {
      totalCount
    }
    l1: leads(filter: { createdAfter: $b1, createdBefore: $b2 }) @include(if: $leads) {
      totalCount
    }
    l2: leads(filter: { createdAfter: $b2, createdBefore: $b3 }) @include(if: $leads) {
      totalCount
    }
    l3: leads(filter: { createdAfter: $b3, createdBefore: $b4 }) @include(if: $leads) {
      totalCount
    }
    l4: leads(filter: { createdAfter: $b4, createdBefore: $b5 }) @include(if: $leads) {
      totalCount
    }
    l5: leads(filter: { createdAfter: $b5, createdBefore: $b6 }) @include(if: $leads) {
      totalCount
    }
    l6: leads(filter: { createdAfter: $b6, createdBefore: $b7 }) @include(if: $leads) {
      totalCount
    }
    l7: leads(filter: { createdAfter: $b7, createdBefore: $b8 }) @include(if: $leads) {
      totalCount
    }
  }
`);

// The charting library is large; the rest of the dashboard shows without waiting for it.
const ActivityChart = lazy(() =>
  import('./activity-chart.tsx').then((module) => ({ default: module.ActivityChart })),
);

const SitesForDashboardDocument = graphql(`
  query DashboardSites {
    sites {
      id
      name
    }
  }
`);

export function Component() {
  const session = useSession();
  const canReadLeads = useCan('LEADS_READ');
  const canReadConversations = useCan('CONVERSATIONS_READ');
  const canReadPrivacy = useCan('PRIVACY_READ');
  return (
    <Page title="Dashboard" description={`Signed in as ${session.name}.`}>
      {(canReadConversations || canReadLeads) && (
        <Activity conversations={canReadConversations} leads={canReadLeads} />
      )}
      {canReadLeads && <NewLeads />}
      {canReadPrivacy && <Retention />}
      {!canReadConversations && !canReadLeads && !canReadPrivacy && (
        <EmptyState title="Nothing to show for your roles">
          Use the menu to open the pages you can use.
        </EmptyState>
      )}
    </Page>
  );
}

function Section({
  title,
  children,
  link,
}: {
  title: string;
  children: ReactNode;
  link?: { to: string; label: string };
}) {
  const id = `section-${title.toLowerCase().replaceAll(' ', '-')}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {link && (
          <Anchor component={Link} to={link.to} size="sm">
            {link.label}
          </Anchor>
        )}
      </Group>
      {children}
    </Paper>
  );
}

function Activity({ conversations, leads }: { conversations: boolean; leads: boolean }) {
  const [weeks] = useState(() => recentWeeks(localToday()));
  const boundaries = Object.fromEntries([
    ...weeks.map((week, index) => [`b${index}`, week.start]),
    ['b8', weeks.at(-1)?.end],
  ]);
  const { data, error, refetch } = useQuery(ActivityDocument, {
    variables: {
      ...(boundaries as Record<`b${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`, string>),
      conversations,
      leads,
    },
  });
  const counts = data as Record<string, { totalCount: number } | undefined> | undefined;
  const rows = weeks.map((week: Week, index) => ({
    week: week.label,
    ...(conversations && { Conversations: counts?.[`c${index}`]?.totalCount ?? 0 }),
    ...(leads && { Leads: counts?.[`l${index}`]?.totalCount ?? 0 }),
  }));
  const series = [
    ...(conversations ? [{ name: 'Conversations', color: 'indigo.7' }] : []),
    ...(leads ? [{ name: 'Leads', color: 'teal.8' }] : []),
  ];
  return (
    <Section title="Activity over the last 8 weeks">
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Counting conversations and leads…" />
      ) : (
        <>
          <Suspense fallback={<div style={{ height: 220 }} />}>
            <ActivityChart rows={rows} series={series} />
          </Suspense>
          <VisuallyHidden>
            <Table aria-label="Conversations and leads per week">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Week starting</Table.Th>
                  {series.map((item) => (
                    <Table.Th key={item.name}>{item.name}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.week}>
                    <Table.Td>{row.week}</Table.Td>
                    {series.map((item) => (
                      <Table.Td key={item.name}>
                        {(row as Record<string, unknown>)[item.name] as number}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </VisuallyHidden>
        </>
      )}
    </Section>
  );
}

function NewLeads() {
  const { data, error, refetch } = useQuery(NewLeadsDocument);
  return (
    <Section title="New leads" link={{ to: '/leads?status=NEW', label: 'Triage new leads' }}>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading new leads…" />
      ) : data.leads.totalCount === 0 ? (
        <EmptyState title="No new leads">Every lead has been looked at.</EmptyState>
      ) : (
        <Stack gap="xs">
          <Text>
            <Text span fw={700} fz="xl">
              {data.leads.totalCount.toLocaleString('en')}
            </Text>{' '}
            leads not looked at yet. The newest:
          </Text>
          <Table aria-label="Newest leads">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Site</Table.Th>
                <Table.Th>Captured</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.leads.nodes.map((lead) => (
                <Table.Tr key={lead.id}>
                  <Table.Td>
                    {lead.conversation ? (
                      <Anchor component={Link} to={`/conversations/${lead.conversation.id}`}>
                        {lead.name ?? lead.email ?? 'Lead'}
                      </Anchor>
                    ) : (
                      (lead.name ?? lead.email ?? 'Lead')
                    )}
                    {lead.company && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        · {lead.company}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{lead.site.name}</Table.Td>
                  <Table.Td>{formatDateTime(lead.createdAt)}</Table.Td>
                  <Table.Td>
                    <LeadStatusBadge status={lead.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Section>
  );
}

function Retention() {
  const { data, error, refetch } = useQuery(SitesForDashboardDocument);
  return (
    <Section title="Retention" link={{ to: '/retention', label: 'Retention details' }}>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading sites…" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {data.sites.map((site) => (
            <RetentionSummary key={site.id} siteId={site.id} siteName={site.name} />
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}
