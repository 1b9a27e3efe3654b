import { useQuery } from '@apollo/client/react';
import {
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Grid,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';

import { formatDate, formatDateTime, humanize } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { graphql } from '../graphql/generated/index.ts';
import { useCan } from '../session/session.ts';
import { ErasurePanel } from './erasure-panel.tsx';
import { ExportPanel } from './export-panel.tsx';
import { RequestActions } from './request-actions.tsx';
import { SubjectDiscovery } from './subject-discovery.tsx';
import { formatTimeLeft } from './time-left.ts';
import { useNow } from './use-now.ts';

const PrivacyRequestPageDocument = graphql(`
  query PrivacyRequestPage($id: ID!, $withPersonalData: Boolean!) {
    privacyRequest(id: $id) {
      id
      type
      status
      channel
      receivedAt
      dueAt
      examinationDueAt
      overdue
      timeLeftSeconds
      verifiedAt
      completedAt
      rejectedAt
      rejectionReason
      requesterEmail @include(if: $withPersonalData)
      details @include(if: $withPersonalData)
      site {
        id
        name
      }
      assignee {
        id
        name
      }
      extensions {
        noticeDate
        officialName
        reason
        previousDueAt
        newDueAt
      }
      timeline {
        type
        message
        occurredAt
      }
      receipt {
        id
        counts
        verificationPassed
        replyText
        completedAt
      }
    }
  }
`);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

export function Component() {
  const { requestId = '' } = useParams();
  const canWrite = useCan('PRIVACY_WRITE');
  const canReadPersonalData = useCan('PERSONAL_DATA_READ');
  const now = useNow();
  const { data, error, loading, refetch } = useQuery(PrivacyRequestPageDocument, {
    variables: { id: requestId, withPersonalData: canReadPersonalData },
  });
  const back = (
    <Anchor component={Link} to="/privacy">
      Back to privacy requests
    </Anchor>
  );

  if (loading && !data) return <LoadingState label="Loading the request…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const request = data?.privacyRequest;
  if (!request) {
    return (
      <Page title="Request not found">
        <EmptyState title="This request does not exist">{back}</EmptyState>
      </Page>
    );
  }

  const open = request.timeLeftSeconds !== null && request.timeLeftSeconds !== undefined;
  const email = request.requesterEmail ?? null;
  const changed = () => void refetch();
  const counts = Object.entries((request.receipt?.counts ?? {}) as Record<string, number>);
  return (
    <Page
      title={`${humanize(request.type)} request`}
      description={`${email ?? 'Requester hidden'} · ${request.site.name}`}
      actions={back}
    >
      <Group justify="space-between">
        <Group gap="sm">
          <Badge color={request.overdue ? 'red' : 'gray'} size="lg" variant="light">
            {request.overdue ? 'Overdue' : humanize(request.status)}
          </Badge>
          {open && (
            <Text c={request.overdue ? 'red.9' : undefined} fw={600}>
              {formatTimeLeft(request.dueAt, now)}
            </Text>
          )}
        </Group>
        {canWrite && <RequestActions requestId={request.id} status={request.status} onChanged={changed} />}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" component="section" aria-labelledby="details-heading">
              <Title order={2} size="h3" id="details-heading" mb="sm">
                Details
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
                <Fact label="Received">
                  {formatDateTime(request.receivedAt)} by {humanize(request.channel).toLowerCase()}
                </Fact>
                <Fact label="Due">{formatDateTime(request.dueAt)}</Fact>
                {request.examinationDueAt && (
                  <Fact label="Examination due">{formatDate(request.examinationDueAt)}</Fact>
                )}
                <Fact label="Assignee">{request.assignee?.name ?? 'Nobody yet'}</Fact>
                {request.verifiedAt && <Fact label="Verified">{formatDateTime(request.verifiedAt)}</Fact>}
                {request.completedAt && <Fact label="Completed">{formatDateTime(request.completedAt)}</Fact>}
                {request.rejectedAt && (
                  <Fact label="Rejected">
                    {formatDateTime(request.rejectedAt)}: {request.rejectionReason}
                  </Fact>
                )}
              </SimpleGrid>
              {request.details && (
                <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {request.details}
                </Text>
              )}
              {request.extensions.length > 0 && (
                <>
                  <Title order={3} size="h4" mt="md">
                    Extensions
                  </Title>
                  <List size="sm">
                    {request.extensions.map((extension) => (
                      <List.Item key={extension.noticeDate + extension.newDueAt}>
                        {formatDate(extension.noticeDate)}, {extension.officialName}: due{' '}
                        {formatDate(extension.previousDueAt)} → {formatDate(extension.newDueAt)} (
                        {extension.reason})
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Paper>
            {request.receipt && (
              <Paper withBorder p="md" component="section" aria-labelledby="receipt-heading">
                <Stack gap="sm">
                  <Title order={2} size="h3" id="receipt-heading">
                    Erasure receipt
                  </Title>
                  <Text size="sm">
                    {request.receipt.verificationPassed === true
                      ? 'Verified: no text column holds the address, names or phone numbers any more.'
                      : request.receipt.verificationPassed === false
                        ? 'Verification failed: traces of the subject remain.'
                        : 'The verification scan has not run yet.'}
                  </Text>
                  <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" component="dl" m={0}>
                    {counts.map(([kind, count]) => (
                      <Fact key={kind} label={humanize(kind)}>
                        {count.toLocaleString('en')} deleted
                      </Fact>
                    ))}
                  </SimpleGrid>
                  {request.receipt.replyText && (
                    <>
                      <Code
                        block
                        aria-label="Reply to the requester"
                        tabIndex={0}
                        style={{ whiteSpace: 'pre-wrap' }}
                      >
                        {request.receipt.replyText}
                      </Code>
                      <CopyButton value={request.receipt.replyText}>
                        {({ copied, copy }) => (
                          <Button variant="default" onClick={copy} w="fit-content">
                            {copied ? 'Copied' : 'Copy the reply'}
                          </Button>
                        )}
                      </CopyButton>
                    </>
                  )}
                </Stack>
              </Paper>
            )}
            {email && open && canWrite && request.type === 'ERASURE' && !request.receipt && (
              <ErasurePanel
                requestId={request.id}
                email={email}
                siteId={request.site.id}
                onErased={changed}
              />
            )}
            {open && canWrite && (request.type === 'ACCESS' || request.type === 'PORTABILITY') && (
              <ExportPanel requestId={request.id} onBuilt={changed} />
            )}
            {email && <SubjectDiscovery email={email} siteId={request.site.id} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="timeline-heading">
            <Title order={2} size="h3" id="timeline-heading" mb="sm">
              Timeline
            </Title>
            <Timeline bulletSize={12} lineWidth={2}>
              {request.timeline.map((event) => (
                <Timeline.Item key={`${event.occurredAt}-${event.type}`} title={humanize(event.type)}>
                  {event.message && <Text size="sm">{event.message}</Text>}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(event.occurredAt)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
