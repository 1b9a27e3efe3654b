import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { memo, useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { ConnectionTable } from '../components/connection-table.tsx';
import { formatDateTime, formatDaysLeft, humanize, localToday } from '../components/format.ts';
import { HighlightedText } from '../components/highlighted-text.tsx';
import { Page } from '../components/page.tsx';
import { SearchBox } from '../components/search-box.tsx';
import { SiteSelect } from '../components/site-select.tsx';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { Channel } from '../graphql/generated/graphql.ts';
import { LeadStatusBadge } from '../leads/lead-badges.tsx';
import { useCan } from '../session/session.ts';
import {
  type ConversationFilters,
  conversationFiltersToParams,
  conversationQueryArguments,
  expiringChoices,
  parseConversationFilters,
} from './filters.ts';

const ConversationRowFragment = graphql(`
  fragment ConversationRow_conversation on Conversation {
    id
    channel
    country
    startedAt
    lastMessageAt
    messageCount
    site {
      id
      name
    }
    retention {
      daysLeft
      onHold
    }
    lead {
      id
      name
      email
      status
    }
    matches {
      field
      snippet
      messageId
      highlights {
        start
        end
      }
    }
  }
`);

const ConversationsDocument = graphql(`
  query Conversations($first: Int!, $after: String, $search: String, $filter: ConversationFilter) {
    conversations(first: $first, after: $after, search: $search, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ConversationRow_conversation
        }
      }
    }
  }
`);

// Counting every match costs about as much as finding the first page, so the count is its own request,
// sent once the page has arrived: the results never wait for it.
const ConversationsCountDocument = graphql(`
  query ConversationsCount($search: String, $filter: ConversationFilter) {
    conversations(first: 1, search: $search, filter: $filter) {
      totalCount
    }
  }
`);

/**
 * How long typing must pause before the search runs: results should follow a pause within 300 ms. A
 * quick typist's keystrokes come closer together than this, so a word is searched once, not per letter;
 * a slower typist may search a word's prefixes on the way, which costs the server little (a search
 * page is about 10 ms of SQL) and Apollo cancels the superseded request.
 */
const searchDebounceMs = 100;

type ConversationRow = FragmentType<typeof ConversationRowFragment>;
const column = createColumnHelper<ConversationRow>();
const pageSize = 50;
// Each search result carries highlighted snippets, built per conversation: a smaller first page (still
// more than a screenful) arrives sooner, and scrolling loads the rest.
const searchPageSize = 25;

const columns = [
  column.display({
    id: 'conversation',
    header: 'Conversation',
    cell: ({ row }) => <ConversationCell conversation={row.original} />,
  }),
  column.display({
    id: 'lead',
    header: 'Lead',
    size: 220,
    cell: ({ row }) => <LeadCell conversation={row.original} />,
  }),
  column.display({
    id: 'retention',
    header: 'Deleted',
    size: 130,
    cell: ({ row }) => <RetentionCell conversation={row.original} />,
  }),
];

// The cells are memoised on their row's data: the page re-renders as a search starts and as its count
// arrives, and the rows already shown need not render again.
const ConversationCell = memo(function ConversationCell({ conversation }: { conversation: ConversationRow }) {
  const { id, site, channel, country, lastMessageAt, messageCount, matches } = getFragmentData(
    ConversationRowFragment,
    conversation,
  );
  const firstMessageMatch = matches?.find((match) => match.messageId);
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Anchor
          component={Link}
          to={`/conversations/${id}${firstMessageMatch ? `#message-${firstMessageMatch.messageId}` : ''}`}
          fw={600}
        >
          {formatDateTime(lastMessageAt)}
        </Anchor>
        <Text size="sm" c="dimmed">
          {site.name} · {channel === 'AI_PAGE' ? '/ai page' : 'widget'} · {country ?? 'country unknown'} ·{' '}
          {messageCount} messages
        </Text>
      </Group>
      {matches?.slice(0, 2).map((match, index) => (
        <Text key={index} size="sm" lineClamp={2}>
          {match.field !== 'MESSAGE_TEXT' && (
            <Text span c="dimmed" size="xs" mr={4}>
              {humanize(match.field.replace('LEAD_', 'lead '))}:
            </Text>
          )}
          <HighlightedText text={match.snippet} ranges={match.highlights} />
        </Text>
      ))}
    </Stack>
  );
});

const LeadCell = memo(function LeadCell({ conversation }: { conversation: ConversationRow }) {
  const { lead } = getFragmentData(ConversationRowFragment, conversation);
  if (!lead)
    return (
      <Text size="sm" c="dimmed">
        No lead
      </Text>
    );
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" fw={500}>
        {lead.name ?? lead.email ?? 'Lead'}
      </Text>
      <LeadStatusBadge status={lead.status} />
    </Stack>
  );
});

const RetentionCell = memo(function RetentionCell({ conversation }: { conversation: ConversationRow }) {
  const { retention } = getFragmentData(ConversationRowFragment, conversation);
  return retention.onHold ? (
    <Badge color="violet" variant="light">
      Legal hold
    </Badge>
  ) : (
    <Text size="sm" c={retention.daysLeft <= 7 ? 'red.9' : undefined}>
      {formatDaysLeft(retention.daysLeft)}
    </Text>
  );
});

interface FiltersPanelProps {
  filters: ConversationFilters;
  update: (changes: Partial<ConversationFilters>) => void;
  canSearch: boolean;
}

/** The search box and filters; memoised, so results arriving do not render the form again. */
const FiltersPanel = memo(function FiltersPanel({ filters, update, canSearch }: FiltersPanelProps) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        {canSearch && (
          <SearchBox
            label="Search"
            placeholder="Words from the messages, or a lead's name, email or company"
            maxLength={200}
            value={filters.search}
            onSearch={(search) => update({ search })}
            pauseMs={searchDebounceMs}
          />
        )}
        <SimpleGrid cols={{ base: 4, lg: 7 }} spacing="sm">
          <SiteSelect value={filters.siteId} onChange={(siteId) => update({ siteId })} />
          <NativeSelect
            label="Channel"
            value={filters.channel ?? ''}
            onChange={(event) => update({ channel: (event.currentTarget.value || null) as Channel | null })}
            data={[
              { value: '', label: 'Any channel' },
              { value: 'WIDGET', label: 'Chat widget' },
              { value: 'AI_PAGE', label: '/ai page' },
            ]}
          />
          <TextInput
            type="date"
            label="Last message from"
            value={filters.from ?? ''}
            onChange={(event) => update({ from: event.currentTarget.value || null })}
          />
          <TextInput
            type="date"
            label="Last message to"
            value={filters.to ?? ''}
            onChange={(event) => update({ to: event.currentTarget.value || null })}
          />
          <TextInput
            label="Country"
            placeholder="e.g. UA"
            maxLength={2}
            defaultValue={filters.country ?? ''}
            key={filters.country ?? ''}
            onBlur={(event) => update({ country: event.currentTarget.value.trim().toUpperCase() || null })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                update({ country: event.currentTarget.value.trim().toUpperCase() || null });
              }
            }}
          />
          <NativeSelect
            label="Lead"
            value={filters.hasLead === null ? '' : filters.hasLead ? 'yes' : 'no'}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update({ hasLead: value === '' ? null : value === 'yes' });
            }}
            data={[
              { value: '', label: 'With or without' },
              { value: 'yes', label: 'Has a lead' },
              { value: 'no', label: 'No lead' },
            ]}
          />
          <NativeSelect
            label="Expiring"
            value={filters.expiringWithinDays === null ? '' : String(filters.expiringWithinDays)}
            onChange={(event) =>
              update({
                expiringWithinDays: event.currentTarget.value ? Number(event.currentTarget.value) : null,
              })
            }
            data={[
              { value: '', label: 'Any time' },
              ...expiringChoices.map((days) => ({ value: String(days), label: `Within ${days} days` })),
            ]}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
});

export function Component() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseConversationFilters(searchParams), [searchParams]);
  const canSearch = useCan('PERSONAL_DATA_READ');
  const [today] = useState(localToday);

  const update = useCallback(
    (changes: Partial<ConversationFilters>) =>
      setSearchParams(conversationFiltersToParams({ ...filters, ...changes }), { replace: true }),
    [filters, setSearchParams],
  );

  const { search, filter } = conversationQueryArguments(filters, today);
  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(ConversationsDocument, {
    variables: { first: search ? searchPageSize : pageSize, search, filter },
    notifyOnNetworkStatusChange: true,
  });
  // While a new search runs, keep showing the previous results instead of flashing a spinner.
  const { data: countData } = useQuery(ConversationsCountDocument, {
    variables: { search, filter },
    skip: data === undefined,
    // Not cached: the count must not overwrite the list's cached page of the same arguments.
    fetchPolicy: 'no-cache',
  });
  const loaded = (data ?? previousData)?.conversations;
  const totalCount = countData?.conversations.totalCount;
  const connection = useMemo(() => loaded && { ...loaded, totalCount }, [loaded, totalCount]);
  // From the page itself, not the count: the count arriving must not hand the table new rows to render.
  const rows = useMemo(() => loaded?.edges.map((edge) => edge.node) ?? [], [loaded]);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => getFragmentData(ConversationRowFragment, row).id,
  });

  return (
    <Page
      title="Conversations"
      description="Every chat with the assistant, newest first. Searching is audited."
    >
      <FiltersPanel filters={filters} update={update} canSearch={canSearch} />

      <ConnectionTable
        table={table}
        label="Conversations"
        connection={connection}
        error={error}
        onRetry={() => void refetch()}
        onFetchMore={(after) => fetchMore({ variables: { after } })}
        loadingLabel="Loading conversations…"
        emptyTitle="No conversations match"
        emptyHint={loading ? 'Searching…' : 'Try other words or fewer filters.'}
        estimatedRowHeight={search ? 96 : 56}
      />
    </Page>
  );
}
