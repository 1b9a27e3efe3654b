import { useMutation, useQuery } from '@apollo/client/react';
import {
  Anchor,
  Badge,
  Button,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { type FormEvent, useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { useNodeTable } from '../components/connection-table.tsx';
import { DataTable } from '../components/data-table.tsx';
import { formatDate, humanize } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { SiteSelect } from '../components/site-select.tsx';
import { describeUserErrors, fieldError, type UserErrorLike } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type {
  PrivacyRequestChannel,
  PrivacyRequestFilter,
  PrivacyRequestType,
} from '../graphql/generated/graphql.ts';
import { useCan } from '../session/session.ts';
import { requestChannels, requestStatuses, requestTypes } from './request-types.ts';
import { formatTimeLeft } from './time-left.ts';
import { useNow } from './use-now.ts';

const PrivacyRequestRowFragment = graphql(`
  fragment PrivacyRequestRow_request on PrivacyRequest {
    id
    type
    status
    channel
    requesterEmail @include(if: $withPersonalData)
    receivedAt
    dueAt
    overdue
    timeLeftSeconds
    site {
      id
      name
    }
  }
`);

const PrivacyRequestsDocument = graphql(`
  query PrivacyRequests(
    $first: Int!
    $after: String
    $filter: PrivacyRequestFilter
    $withPersonalData: Boolean!
  ) {
    privacyRequests(first: $first, after: $after, filter: $filter, orderBy: URGENCY) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...PrivacyRequestRow_request
        }
      }
    }
  }
`);

const CreatePrivacyRequestDocument = graphql(`
  mutation CreatePrivacyRequest($input: CreatePrivacyRequestInput!) {
    createPrivacyRequest(input: $input) {
      request {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type RequestRow = FragmentType<typeof PrivacyRequestRowFragment>;
const column = createColumnHelper<RequestRow>();
const cell = (row: RequestRow) => getFragmentData(PrivacyRequestRowFragment, row);

function TimeLeft({ dueAt, open }: { dueAt: string; open: boolean }) {
  const now = useNow();
  if (!open) return <Text size="sm">Due {formatDate(dueAt)}</Text>;
  const overdue = new Date(dueAt).getTime() < now;
  return (
    <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 600 : undefined}>
      {formatTimeLeft(dueAt, now)}
      <Text span size="xs" c={overdue ? 'red.9' : 'dimmed'} display="block">
        Due {formatDate(dueAt)}
      </Text>
    </Text>
  );
}

const columns = [
  column.display({
    id: 'due',
    header: 'Time left',
    size: 170,
    cell: ({ row }) => {
      const request = cell(row.original);
      return <TimeLeft dueAt={request.dueAt} open={request.timeLeftSeconds !== null} />;
    },
  }),
  column.display({
    id: 'requester',
    header: 'Requester',
    cell: ({ row }) => {
      const request = cell(row.original);
      return (
        <Text size="sm">
          <Anchor component={Link} to={`/privacy/${encodeURIComponent(request.id)}`}>
            {request.requesterEmail ?? `${humanize(request.type)} request`}
          </Anchor>
          <Text span size="xs" c="dimmed" display="block">
            {request.site.name} · received {formatDate(request.receivedAt)} by{' '}
            {humanize(request.channel).toLowerCase()}
          </Text>
        </Text>
      );
    },
  }),
  column.display({
    id: 'type',
    header: 'Right',
    size: 150,
    cell: ({ row }) => <Text size="sm">{humanize(cell(row.original).type)}</Text>,
  }),
  column.display({
    id: 'status',
    header: 'Status',
    size: 140,
    cell: ({ row }) => {
      const request = cell(row.original);
      return (
        <Badge color={request.overdue ? 'red' : 'gray'} variant="light">
          {request.overdue ? 'Overdue' : humanize(request.status)}
        </Badge>
      );
    },
  }),
];

const openChoices = [
  { value: 'open', label: 'Open requests' },
  { value: 'overdue', label: 'Overdue only' },
  { value: 'closed', label: 'Completed or rejected' },
  { value: 'all', label: 'Every request' },
];

export function Component() {
  const [searchParams, setSearchParams] = useSearchParams();
  const canWrite = useCan('PRIVACY_WRITE');
  // Admins handle requests without seeing personal data, so the requester's address is asked only of staff allowed to read it.
  const canReadPersonalData = useCan('PERSONAL_DATA_READ');
  const [creating, setCreating] = useState(false);
  const state = openChoices.find((choice) => choice.value === searchParams.get('state'))?.value ?? 'open';
  const type = requestTypes.find((value) => value === searchParams.get('type')) ?? null;
  const status = requestStatuses.find((value) => value === searchParams.get('status')) ?? null;
  const siteId = searchParams.get('site');

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: true });
  };

  const filter: PrivacyRequestFilter = {};
  if (state === 'open') filter.open = true;
  if (state === 'closed') filter.open = false;
  if (state === 'overdue') filter.overdue = true;
  if (type) filter.types = [type];
  if (status) filter.statuses = [status];
  if (siteId) filter.siteId = siteId;
  const { data, previousData, error, fetchMore, refetch } = useQuery(PrivacyRequestsDocument, {
    variables: { first: 50, filter, withPersonalData: canReadPersonalData },
  });
  const connection = (data ?? previousData)?.privacyRequests;
  const { rows, table } = useNodeTable(connection, columns, (row) => cell(row).id);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadMore = useCallback(() => {
    if (!connection?.pageInfo.hasNextPage || loadingMore) return;
    setLoadingMore(true);
    void fetchMore({ variables: { after: connection.pageInfo.endCursor } }).finally(() =>
      setLoadingMore(false),
    );
  }, [connection, fetchMore, loadingMore]);

  return (
    <Page
      title="Privacy requests"
      description="Data-subject requests, most urgent first: overdue at the top, then by due date."
      actions={canWrite && <Button onClick={() => setCreating(true)}>Log a request</Button>}
    >
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
          <NativeSelect
            label="Show"
            value={state}
            onChange={(event) =>
              setParam('state', event.currentTarget.value === 'open' ? null : event.currentTarget.value)
            }
            data={openChoices}
          />
          <NativeSelect
            label="Right"
            value={type ?? ''}
            onChange={(event) => setParam('type', event.currentTarget.value || null)}
            data={[
              { value: '', label: 'Every right' },
              ...requestTypes.map((value) => ({ value, label: humanize(value) })),
            ]}
          />
          <NativeSelect
            label="Status"
            value={status ?? ''}
            onChange={(event) => setParam('status', event.currentTarget.value || null)}
            data={[
              { value: '', label: 'Any status' },
              ...requestStatuses.map((value) => ({ value, label: humanize(value) })),
            ]}
          />
          <SiteSelect value={siteId} onChange={(value) => setParam('site', value)} />
        </SimpleGrid>
      </Paper>
      {error && !connection ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !connection ? (
        <LoadingState label="Loading the requests…" />
      ) : rows.length === 0 ? (
        <EmptyState title="No requests match">Change the filters to see closed or other requests.</EmptyState>
      ) : (
        <DataTable
          table={table}
          label="Privacy requests"
          totalCount={connection.totalCount}
          hasMore={connection.pageInfo.hasNextPage}
          loadingMore={loadingMore}
          onLoadMore={loadMore}
          estimatedRowHeight={64}
        />
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="Log a privacy request">
        <CreateRequestForm />
      </Modal>
    </Page>
  );
}

function CreateRequestForm() {
  const navigate = useNavigate();
  const [create, { loading }] = useMutation(CreatePrivacyRequestDocument);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [userErrors, setUserErrors] = useState<readonly UserErrorLike[]>([]);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const { data } = await create({
        variables: {
          input: {
            siteId: siteId ?? '',
            type: String(form.get('type')) as PrivacyRequestType,
            channel: String(form.get('channel')) as PrivacyRequestChannel,
            requesterEmail: String(form.get('email')).trim(),
            details: String(form.get('details')).trim() || null,
          },
        },
      });
      const payload = data?.createPrivacyRequest;
      setUserErrors(payload?.userErrors ?? []);
      if (!payload?.request) return;
      notifySuccess('Request logged; its deadlines follow the site policy.');
      await navigate(`/privacy/${encodeURIComponent(payload.request.id)}`);
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <form onSubmit={handleSubmit}>
      <Stack gap="sm">
        <SiteSelect value={siteId} onChange={setSiteId} allLabel={null} />
        <NativeSelect
          name="type"
          label="Right exercised"
          data={requestTypes.map((value) => ({ value, label: humanize(value) }))}
          error={fieldError(userErrors, 'type')}
        />
        <NativeSelect
          name="channel"
          label="Received by"
          data={requestChannels.map((value) => ({ value, label: humanize(value) }))}
          error={fieldError(userErrors, 'channel')}
        />
        <TextInput
          name="email"
          type="email"
          label="Requester email"
          required
          error={fieldError(userErrors, 'requesterEmail')}
        />
        <Textarea
          name="details"
          label="Details"
          description="What the requester asked, in their words."
          maxLength={5000}
          error={fieldError(userErrors, 'details')}
        />
        {describeUserErrors(userErrors) && (
          <Text c="red.9" size="sm" role="alert">
            {describeUserErrors(userErrors)}
          </Text>
        )}
        <Button type="submit" loading={loading}>
          Log the request
        </Button>
      </Stack>
    </form>
  );
}
