import { useMutation, useQuery } from '@apollo/client/react';
import {
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
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';

import { ConnectionTable, useNodeTable } from '../components/connection-table.tsx';
import { formatDateTime, humanize } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { Page } from '../components/page.tsx';
import { SiteSelect } from '../components/site-select.tsx';
import { describeUserErrors, fieldError, type UserErrorLike } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type {
  ConsentAction,
  ConsentFilter,
  ConsentPurpose,
  LegalBasis,
} from '../graphql/generated/graphql.ts';
import { useCan } from '../session/session.ts';
import { consentPurposes, purposeLabels } from './purposes.ts';

const ConsentRowFragment = graphql(`
  fragment ConsentRow_consent on Consent {
    id
    action
    purpose
    legalBasis
    source
    policyVersion
    evidence
    occurredAt
    subjectEmail
    site {
      id
      name
    }
    recordedBy {
      id
      name
    }
  }
`);

const ConsentsDocument = graphql(`
  query Consents($first: Int!, $after: String, $filter: ConsentFilter) {
    consents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ConsentRow_consent
        }
      }
    }
  }
`);

const RecordConsentDocument = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      consent {
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

const WithdrawConsentDocument = graphql(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      consent {
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

type ConsentRow = FragmentType<typeof ConsentRowFragment>;
const column = createColumnHelper<ConsentRow>();
const cell = (row: ConsentRow) => getFragmentData(ConsentRowFragment, row);
const legalBases: readonly LegalBasis[] = ['CONSENT', 'LEGITIMATE_INTEREST', 'CONTRACT', 'LEGAL_OBLIGATION'];

const columns = [
  column.display({
    id: 'when',
    header: 'When',
    size: 150,
    cell: ({ row }) => <Text size="sm">{formatDateTime(cell(row.original).occurredAt)}</Text>,
  }),
  column.display({
    id: 'subject',
    header: 'Subject',
    cell: ({ row }) => (
      <Text size="sm">
        {cell(row.original).subjectEmail}
        <Text span size="xs" c="dimmed" display="block">
          {cell(row.original).site.name}
        </Text>
      </Text>
    ),
  }),
  column.display({
    id: 'purpose',
    header: 'Purpose',
    cell: ({ row }) => {
      const consent = cell(row.original);
      return (
        <Text size="sm">
          {purposeLabels[consent.purpose]}
          <Text
            span
            size="xs"
            c={consent.action === 'GRANTED' ? undefined : 'red.9'}
            display="block"
            fw={600}
          >
            {consent.action === 'GRANTED'
              ? `Granted (${humanize(consent.legalBasis).toLowerCase()})`
              : 'Withdrawn'}
          </Text>
        </Text>
      );
    },
  }),
  column.display({
    id: 'source',
    header: 'Source and evidence',
    cell: ({ row }) => {
      const consent = cell(row.original);
      return (
        <Text size="sm">
          {humanize(consent.source)} · policy {consent.policyVersion}
          {consent.recordedBy && ` · by ${consent.recordedBy.name}`}
          {consent.evidence && (
            <Text span size="xs" c="dimmed" display="block" lineClamp={2}>
              {consent.evidence}
            </Text>
          )}
        </Text>
      );
    },
  }),
];

export function Component() {
  const [searchParams, setSearchParams] = useSearchParams();
  const canWrite = useCan('CONSENTS_WRITE');
  const [recording, setRecording] = useState(false);
  const email = searchParams.get('email') ?? '';
  const purpose = consentPurposes.find((value) => value === searchParams.get('purpose')) ?? null;
  const action =
    (['GRANTED', 'WITHDRAWN'] as const).find((value) => value === searchParams.get('action')) ?? null;
  const siteId = searchParams.get('site');

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: true });
  };

  const filter: ConsentFilter = {};
  if (email) filter.subjectEmail = email;
  if (purpose) filter.purpose = purpose;
  if (action) filter.action = action;
  if (siteId) filter.siteId = siteId;
  const { data, previousData, error, fetchMore, refetch } = useQuery(ConsentsDocument, {
    variables: { first: 50, filter },
  });
  const connection = (data ?? previousData)?.consents;
  const { table } = useNodeTable(connection, columns, (row) => cell(row).id);

  return (
    <Page
      title="Consents"
      description="The append-only ledger of every grant and withdrawal, per subject and purpose."
      actions={canWrite && <Button onClick={() => setRecording(true)}>Record a grant or withdrawal</Button>}
    >
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
          <TextInput
            type="email"
            label="Subject email"
            placeholder="Exact address"
            defaultValue={email}
            key={email}
            onBlur={(event) => setParam('email', event.currentTarget.value.trim() || null)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') setParam('email', event.currentTarget.value.trim() || null);
            }}
          />
          <NativeSelect
            label="Purpose"
            value={purpose ?? ''}
            onChange={(event) => setParam('purpose', event.currentTarget.value || null)}
            data={[
              { value: '', label: 'Every purpose' },
              ...consentPurposes.map((value) => ({ value, label: purposeLabels[value] })),
            ]}
          />
          <SiteSelect value={siteId} onChange={(value) => setParam('site', value)} />
          <NativeSelect
            label="Entry"
            value={action ?? ''}
            onChange={(event) => setParam('action', event.currentTarget.value || null)}
            data={[
              { value: '', label: 'Grants and withdrawals' },
              { value: 'GRANTED', label: 'Grants' },
              { value: 'WITHDRAWN', label: 'Withdrawals' },
            ]}
          />
        </SimpleGrid>
      </Paper>
      <ConnectionTable
        table={table}
        label="Consent ledger"
        connection={connection}
        error={error}
        onRetry={() => void refetch()}
        onFetchMore={(after) => fetchMore({ variables: { after } })}
        loadingLabel="Loading the ledger…"
        emptyTitle="No ledger entries match"
        emptyHint={'The address must match exactly (case does not matter).'}
        estimatedRowHeight={64}
      />
      <Modal opened={recording} onClose={() => setRecording(false)} title="Record a grant or withdrawal">
        <RecordConsentForm
          initialEmail={email}
          onDone={() => {
            setRecording(false);
            void refetch();
          }}
        />
      </Modal>
    </Page>
  );
}

function RecordConsentForm({ initialEmail, onDone }: { initialEmail: string; onDone: () => void }) {
  const [record, recordState] = useMutation(RecordConsentDocument);
  const [withdraw, withdrawState] = useMutation(WithdrawConsentDocument);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [entry, setEntry] = useState<ConsentAction>('GRANTED');
  const [userErrors, setUserErrors] = useState<readonly UserErrorLike[]>([]);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const common = {
      siteId: siteId ?? '',
      subjectEmail: String(form.get('email')).trim(),
      purpose: String(form.get('purpose')) as ConsentPurpose,
      source: 'STAFF' as const,
      evidence: String(form.get('evidence')).trim() || null,
    };
    try {
      const errors =
        entry === 'GRANTED'
          ? (
              await record({
                variables: { input: { ...common, legalBasis: String(form.get('basis')) as LegalBasis } },
              })
            ).data?.recordConsent.userErrors
          : (await withdraw({ variables: { input: common } })).data?.withdrawConsent.userErrors;
      setUserErrors(errors ?? []);
      const problem = describeUserErrors(errors);
      if (problem) return;
      notifySuccess(
        entry === 'GRANTED' ? 'Grant recorded.' : 'Withdrawal recorded; it takes effect at once.',
      );
      onDone();
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <form onSubmit={handleSubmit}>
      <Stack gap="sm">
        <NativeSelect
          label="Entry"
          value={entry}
          onChange={(event) => setEntry(event.currentTarget.value as ConsentAction)}
          data={[
            { value: 'GRANTED', label: 'Grant' },
            { value: 'WITHDRAWN', label: 'Withdrawal' },
          ]}
        />
        <TextInput
          name="email"
          type="email"
          label="Subject email"
          required
          defaultValue={initialEmail}
          error={fieldError(userErrors, 'subjectEmail')}
        />
        <SiteSelect value={siteId} onChange={setSiteId} allLabel={null} />
        <NativeSelect
          name="purpose"
          label="Purpose"
          data={consentPurposes.map((value) => ({ value, label: purposeLabels[value] }))}
          error={fieldError(userErrors, 'purpose')}
        />
        {entry === 'GRANTED' && (
          <NativeSelect
            name="basis"
            label="Legal basis"
            data={legalBases.map((value) => ({ value, label: humanize(value) }))}
            error={fieldError(userErrors, 'legalBasis')}
          />
        )}
        <Textarea
          name="evidence"
          label="Evidence"
          description="What proves it: the email's message id, a note of the call."
          maxLength={2000}
        />
        {describeUserErrors(userErrors) && (
          <Text c="red.9" size="sm" role="alert">
            {describeUserErrors(userErrors)}
          </Text>
        )}
        <Button type="submit" loading={recordState.loading || withdrawState.loading}>
          Record
        </Button>
      </Stack>
    </form>
  );
}
