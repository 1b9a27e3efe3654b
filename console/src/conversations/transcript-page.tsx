import { useQuery } from '@apollo/client/react';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';

import { formatDate, formatDateTime, formatDaysLeft } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { hasErrorCode } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import { LeadCard } from '../leads/lead-card.tsx';
import { LegalHolds } from '../retention/legal-holds.tsx';
import { MessageText } from './message-text.tsx';

const TranscriptMessageFragment = graphql(`
  fragment TranscriptMessage_message on Message {
    id
    role
    sentAt
    text
    redactionCount
  }
`);

const TranscriptDocument = graphql(`
  query Transcript($id: ID!, $after: String) {
    node(id: $id) {
      __typename
      ... on Conversation {
        id
        channel
        country
        city
        userAgent
        referrer
        startedAt
        lastMessageAt
        messageCount
        site {
          id
          name
          domain
        }
        retention {
          expiresAt
          daysLeft
          onHold
        }
        messages(first: 100, after: $after) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            ...TranscriptMessage_message
          }
        }
        lead {
          id
          ...LeadCard_lead
        }
      }
    }
  }
`);

export function Component() {
  const { conversationId = '' } = useParams();
  const { hash } = useLocation();
  const { data, error, loading, fetchMore, refetch } = useQuery(TranscriptDocument, {
    variables: { id: conversationId },
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const conversation = data?.node.__typename === 'Conversation' ? data.node : null;

  // A search result links to the message that matched: bring it into view once it is rendered.
  useEffect(() => {
    if (conversation && hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [conversation, hash]);

  if (loading && !data) return <LoadingState label="Loading the transcript…" />;
  if (error && !data) {
    return hasErrorCode(error, 'NOT_FOUND') ? (
      <Page title="Conversation not found">
        <EmptyState title="This conversation does not exist or was deleted">
          <Anchor component={Link} to="/conversations">
            Back to conversations
          </Anchor>
        </EmptyState>
      </Page>
    ) : (
      <ErrorState error={error} onRetry={() => void refetch()} />
    );
  }
  if (!conversation) return <EmptyState title="This id is not a conversation" />;

  const { retention, messages } = conversation;
  return (
    <Page
      title={`Conversation on ${conversation.site.name}`}
      description={`${formatDateTime(conversation.startedAt)} – ${formatDateTime(conversation.lastMessageAt)} · ${conversation.messageCount} messages`}
      actions={
        <Anchor component={Link} to="/conversations">
          Back to conversations
        </Anchor>
      }
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="transcript-heading">
            <Title order={2} size="h3" id="transcript-heading" mb="sm">
              Transcript
            </Title>
            <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {messages.nodes.map((message) => (
                <TranscriptMessage
                  key={message.id}
                  message={message}
                  highlighted={hash === `#message-${message.id}`}
                />
              ))}
            </Stack>
            {messages.pageInfo.hasNextPage && (
              <Button
                mt="sm"
                variant="default"
                loading={loadingMore}
                onClick={() => {
                  setLoadingMore(true);
                  void fetchMore({ variables: { after: messages.pageInfo.endCursor } }).finally(() =>
                    setLoadingMore(false),
                  );
                }}
              >
                Load more messages
              </Button>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" component="section" aria-labelledby="retention-heading">
              <Title order={2} size="h3" id="retention-heading" mb="xs">
                Retention
              </Title>
              {retention.onHold ? (
                <Badge color="violet" size="lg" variant="light">
                  On legal hold: not deleted
                </Badge>
              ) : (
                <Text c={retention.daysLeft <= 7 ? 'red.9' : undefined} fw={500}>
                  Deleted {formatDaysLeft(retention.daysLeft)}, on {formatDate(retention.expiresAt)}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                Counted from the last message under {conversation.site.name}'s policy; a new message extends
                it.
              </Text>
              <LegalHolds conversationId={conversation.id} />
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="context-heading">
              <Title order={2} size="h3" id="context-heading" mb="xs">
                Request context
              </Title>
              <SimpleGrid cols={2} spacing="xs">
                <ContextField
                  label="Channel"
                  value={conversation.channel === 'AI_PAGE' ? '/ai page' : 'Chat widget'}
                />
                <ContextField label="Site" value={conversation.site.domain} />
                <ContextField label="Country" value={conversation.country} />
                <ContextField label="City" value={conversation.city} />
              </SimpleGrid>
              <ContextField label="Referrer" value={conversation.referrer} />
              <ContextField label="User agent" value={conversation.userAgent} />
              <Text size="xs" c="dimmed" mt="xs">
                The IP address is never stored; only a keyed hash of it, for abuse protection.
              </Text>
            </Paper>
            {conversation.lead ? (
              <LeadCard lead={conversation.lead} />
            ) : (
              <Paper withBorder p="md">
                <Text c="dimmed">The visitor left no contact details in this conversation.</Text>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

function TranscriptMessage({
  message: messageRef,
  highlighted,
}: {
  message: FragmentType<typeof TranscriptMessageFragment>;
  highlighted: boolean;
}) {
  const message = getFragmentData(TranscriptMessageFragment, messageRef);
  const visitor = message.role === 'VISITOR';
  return (
    <Box component="li" id={`message-${message.id}`}>
      <Paper
        p="sm"
        bg={visitor ? 'gray.1' : 'indigo.0'}
        ml={visitor ? 0 : 'xl'}
        mr={visitor ? 'xl' : 0}
        withBorder={highlighted}
        style={highlighted ? { borderColor: 'var(--mantine-color-yellow-7)', borderWidth: 2 } : undefined}
      >
        <Group justify="space-between" gap="xs" mb={4}>
          <Text size="xs" fw={700}>
            {visitor ? 'Visitor' : 'Assistant'}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(message.sentAt)}
            {message.redactionCount > 0 &&
              ` · ${message.redactionCount} redaction${message.redactionCount === 1 ? '' : 's'}`}
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {message.text === null || message.text === undefined ? (
            <Text span c="dimmed">
              Message text needs the personal-data permission.
            </Text>
          ) : (
            <MessageText text={message.text} />
          )}
        </Text>
      </Paper>
    </Box>
  );
}

function ContextField({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {value ?? 'Not recorded'}
      </Text>
    </div>
  );
}
