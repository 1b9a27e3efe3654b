import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import { formatDateTime, humanize } from '../components/format.ts';
import { HighlightedText } from '../components/highlighted-text.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { purposeLabels } from '../consents/purposes.ts';
import { graphql } from '../graphql/generated/index.ts';
import type { SubjectDataQuery } from '../graphql/generated/graphql.ts';

export const SubjectDataDocument = graphql(`
  query SubjectData($email: String!, $siteId: ID) {
    subjectData(email: $email, siteId: $siteId) {
      counts {
        leads
        conversations
        messages
        matchingMessages
        detectedContacts
        consents
        requests
        crmRecords
        flags
      }
      leads {
        id
        name
        email
        createdAt
      }
      conversations {
        linkedBy
        conversation {
          id
          startedAt
          messageCount
        }
        matchingMessages {
          messageId
          role
          sentAt
          snippet
          highlights {
            start
            end
          }
        }
      }
      consents {
        id
        purpose
        action
        occurredAt
      }
    }
  }
`);

export type SubjectCounts = SubjectDataQuery['subjectData']['counts'];

const countLabels: Record<Exclude<keyof SubjectCounts, '__typename'>, string> = {
  leads: 'Leads',
  conversations: 'Conversations',
  messages: 'Messages',
  matchingMessages: 'Messages naming the address',
  detectedContacts: 'Detected contacts',
  consents: 'Consent entries',
  requests: 'Privacy requests',
  crmRecords: 'CRM records',
  flags: 'Restrictions and objections',
};

/** The discovery counts as labelled numbers: what an access request returns and an erasure removes. */
export function SubjectCountsGrid({ counts }: { counts: SubjectCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs" component="dl" m={0}>
      {Object.entries(countLabels).map(([key, label]) => (
        <div key={key}>
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} fw={600}>
            {counts[key as keyof typeof countLabels].toLocaleString('en')}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** Everything held on the requester's address on the request's site. */
export function SubjectDiscovery({ email, siteId }: { email: string; siteId: string }) {
  const { data, error, refetch } = useQuery(SubjectDataDocument, { variables: { email, siteId } });
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState label="Looking up the address…" />;
  const subject = data.subjectData;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="discovery-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="discovery-heading">
          Held on this address
        </Title>
        <SubjectCountsGrid counts={subject.counts} />
        {subject.leads.length + subject.conversations.length + subject.consents.length === 0 ? (
          <EmptyState title="Nothing is held on this address">
            No leads, conversations or consents.
          </EmptyState>
        ) : (
          <>
            {subject.leads.length > 0 && (
              <Stack gap={4}>
                <Title order={3} size="h4">
                  Leads
                </Title>
                <List size="sm">
                  {subject.leads.map((lead) => (
                    <List.Item key={lead.id}>
                      {lead.name ?? 'No name'} · {lead.email} · {formatDateTime(lead.createdAt)}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
            {subject.conversations.length > 0 && (
              <Stack gap={4}>
                <Title order={3} size="h4">
                  Conversations
                </Title>
                {subject.conversations.map(({ conversation, linkedBy, matchingMessages }) => (
                  <Paper key={conversation.id} withBorder p="sm">
                    <Text size="sm">
                      <Anchor component={Link} to={`/conversations/${encodeURIComponent(conversation.id)}`}>
                        Conversation of {formatDateTime(conversation.startedAt)}
                      </Anchor>{' '}
                      · {conversation.messageCount} messages ·{' '}
                      {linkedBy.map((link) => (
                        <Badge key={link} size="xs" variant="light" mr={4}>
                          {humanize(link)}
                        </Badge>
                      ))}
                    </Text>
                    {matchingMessages.map((message) => (
                      <Text key={message.messageId} size="sm" c="dimmed" mt={4}>
                        {humanize(message.role)}, {formatDateTime(message.sentAt)}: …
                        <HighlightedText text={message.snippet ?? ''} ranges={message.highlights} />…
                      </Text>
                    ))}
                  </Paper>
                ))}
              </Stack>
            )}
            {subject.consents.length > 0 && (
              <Stack gap={4}>
                <Title order={3} size="h4">
                  Consent ledger
                </Title>
                <List size="sm">
                  {subject.consents.map((consent) => (
                    <List.Item key={consent.id}>
                      {purposeLabels[consent.purpose]}: {humanize(consent.action).toLowerCase()} on{' '}
                      {formatDateTime(consent.occurredAt)}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
