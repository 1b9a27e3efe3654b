import { useMutation, useQuery } from '@apollo/client/react';
import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { consentPurposes, purposeLabels } from '../consents/purposes.ts';
import { formatDateTime, humanize } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { describeUserErrors, fieldError, type UserErrorLike } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type {
  ConsentPurpose,
  CrmCredentialsInput,
  CrmKind,
  CrmSettingsInput,
} from '../graphql/generated/graphql.ts';

const CrmConnectionRowFragment = graphql(`
  fragment CrmConnectionRow_crmConnection on CrmConnection {
    id
    name
    kind
    baseUrl
    disabled
    purpose
    lastTestedAt
    lastTestOk
    updatedAt
    site {
      id
      name
    }
    settings {
      portalId
      apiVersion
      placeholderCompany
      companyDomain
      jobTitleField
      companyField
    }
  }
`);

const CrmConnectionsAdminDocument = graphql(`
  query CrmConnectionsAdmin {
    sites {
      id
      name
    }
    crmConnections {
      id
      site {
        id
      }
      ...CrmConnectionRow_crmConnection
    }
  }
`);

const CreateCrmConnectionDocument = graphql(`
  mutation CreateCrmConnection($input: CreateCrmConnectionInput!) {
    createCrmConnection(input: $input) {
      crmConnection {
        id
        ...CrmConnectionRow_crmConnection
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateCrmConnectionDocument = graphql(`
  mutation UpdateCrmConnection($input: UpdateCrmConnectionInput!) {
    updateCrmConnection(input: $input) {
      crmConnection {
        id
        ...CrmConnectionRow_crmConnection
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteCrmConnectionDocument = graphql(`
  mutation DeleteCrmConnection($input: CrmConnectionIdInput!) {
    deleteCrmConnection(input: $input) {
      deletedId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const TestCrmConnectionDocument = graphql(`
  mutation TestCrmConnection($input: CrmConnectionIdInput!) {
    testCrmConnection(input: $input) {
      ok
      message
      crmConnection {
        id
        ...CrmConnectionRow_crmConnection
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type ConnectionRef = FragmentType<typeof CrmConnectionRowFragment>;

/** Per kind: the one secret it needs, whether the base URL is required, and its adapter settings. */
const kinds: Record<
  CrmKind,
  {
    credential: keyof CrmCredentialsInput;
    credentialLabel: string;
    baseUrlRequired: boolean;
    baseUrlHint: string;
    settings: { name: keyof CrmSettingsInput; label: string; description: string }[];
  }
> = {
  HUBSPOT: {
    credential: 'accessToken',
    credentialLabel: 'Private-app access token',
    baseUrlRequired: false,
    baseUrlHint: 'Leave empty for https://api.hubapi.com.',
    settings: [
      {
        name: 'portalId',
        label: 'Portal id',
        description: 'Your HubSpot account id, for links to contacts.',
      },
    ],
  },
  SALESFORCE: {
    credential: 'accessToken',
    credentialLabel: 'OAuth access token',
    baseUrlRequired: true,
    baseUrlHint: 'The org’s instance URL, e.g. https://acme.my.salesforce.com.',
    settings: [
      { name: 'apiVersion', label: 'API version', description: 'Default 62.0.' },
      {
        name: 'placeholderCompany',
        label: 'Company when none given',
        description: 'Salesforce requires a company; default “[not provided]”.',
      },
    ],
  },
  PIPEDRIVE: {
    credential: 'apiToken',
    credentialLabel: 'API token',
    baseUrlRequired: false,
    baseUrlHint: 'Leave empty for https://api.pipedrive.com.',
    settings: [
      {
        name: 'companyDomain',
        label: 'Company subdomain',
        description: 'acme for acme.pipedrive.com, for links.',
      },
      {
        name: 'jobTitleField',
        label: 'Job title field key',
        description: 'A person custom field, if you have one.',
      },
      {
        name: 'companyField',
        label: 'Company field key',
        description: 'A person custom field, if you have one.',
      },
    ],
  },
  WEBHOOK: {
    credential: 'signingSecret',
    credentialLabel: 'Signing secret',
    baseUrlRequired: true,
    baseUrlHint: 'The URL each lead is POSTed to, signed with X-Signature (docs/crm.md).',
    settings: [],
  },
};
const kindOrder = Object.keys(kinds) as CrmKind[];

type Editing = { mode: 'create' } | { mode: 'edit'; connection: ConnectionRef };

export function Component() {
  const { data, error, refetch } = useQuery(CrmConnectionsAdminDocument);
  const [editing, setEditing] = useState<Editing | null>(null);
  return (
    <Page
      title="CRM connections"
      description="Where sales staff export leads, per site. Credentials are stored encrypted and never shown again."
      actions={<Button onClick={() => setEditing({ mode: 'create' })}>Add connection</Button>}
    >
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading CRM connections…" />
      ) : (
        data.sites.map((site) => {
          const connections = data.crmConnections.filter((connection) => connection.site.id === site.id);
          const headingId = `crm-site-${site.id}`;
          return (
            <Paper key={site.id} withBorder p="md" component="section" aria-labelledby={headingId}>
              <Stack gap="sm">
                <Title order={2} size="h3" id={headingId}>
                  {site.name}
                </Title>
                {connections.length === 0 ? (
                  <EmptyState title="No CRM connection">
                    Add one to let sales export this site’s leads.
                  </EmptyState>
                ) : (
                  <Table aria-label={`CRM connections of ${site.name}`}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Connection</Table.Th>
                        <Table.Th>Exports need</Table.Th>
                        <Table.Th>Last test</Table.Th>
                        <Table.Th>
                          <VisuallyHidden>Actions</VisuallyHidden>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {connections.map((connection) => (
                        <ConnectionRow
                          key={connection.id}
                          connection={connection}
                          onEdit={() => setEditing({ mode: 'edit', connection })}
                        />
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Stack>
            </Paper>
          );
        })
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? 'Edit CRM connection' : 'Add a CRM connection'}
        size="lg"
      >
        {editing && data && (
          <ConnectionForm
            sites={data.sites}
            connection={editing.mode === 'edit' ? editing.connection : null}
            onSaved={() => {
              setEditing(null);
              void refetch();
            }}
          />
        )}
      </Modal>
    </Page>
  );
}

function ConnectionRow({
  connection: connectionRef,
  onEdit,
}: {
  connection: ConnectionRef;
  onEdit: () => void;
}) {
  const connection = getFragmentData(CrmConnectionRowFragment, connectionRef);
  const [testResult, setTestResult] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [test, { loading: testing }] = useMutation(TestCrmConnectionDocument);
  const [update, { loading: updating }] = useMutation(UpdateCrmConnectionDocument);
  const [remove, { loading: deleting }] = useMutation(DeleteCrmConnectionDocument, {
    refetchQueries: [CrmConnectionsAdminDocument],
  });

  const runTest = async () => {
    try {
      const { data } = await test({ variables: { input: { id: connection.id } } });
      const payload = data?.testCrmConnection;
      const problem = describeUserErrors(payload?.userErrors);
      if (problem || !payload) {
        notifyFailure(problem ?? 'The test did not run.');
        return;
      }
      const said = payload.ok
        ? `${connection.name} works.`
        : `${connection.name} failed: ${payload.message ?? 'no answer'}`;
      setTestResult(said);
      if (payload.ok) notifySuccess(said);
      else notifyFailure(said);
    } catch (error) {
      notifyFailure(error);
    }
  };

  const toggle = async () => {
    try {
      const { data } = await update({
        variables: { input: { id: connection.id, disabled: !connection.disabled } },
      });
      const problem = describeUserErrors(data?.updateCrmConnection.userErrors);
      if (problem) notifyFailure(problem);
      else
        notifySuccess(
          `${connection.name} ${connection.disabled ? 'enabled' : 'disabled: it takes no exports'}.`,
        );
    } catch (error) {
      notifyFailure(error);
    }
  };

  const handleDelete = async () => {
    try {
      const { data } = await remove({ variables: { input: { id: connection.id } } });
      const problem = describeUserErrors(data?.deleteCrmConnection.userErrors);
      if (problem) notifyFailure(problem);
      else notifySuccess(`${connection.name} deleted, with its export history.`);
      setConfirmingDelete(false);
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {connection.name}
          </Text>
          <Badge color="gray">{humanize(connection.kind)}</Badge>
          {connection.disabled && <Badge color="orange">Disabled</Badge>}
        </Group>
        <Text size="xs">{connection.baseUrl ?? 'The CRM’s public API address'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">Consent to {purposeLabels[connection.purpose].toLowerCase()}</Text>
      </Table.Td>
      <Table.Td>
        {connection.lastTestedAt ? (
          <Stack gap={2} align="flex-start">
            <Badge color={connection.lastTestOk ? 'green' : 'red'}>
              {connection.lastTestOk ? 'Works' : 'Failed'}
            </Badge>
            <Text size="xs">{formatDateTime(connection.lastTestedAt)}</Text>
          </Stack>
        ) : (
          <Text size="sm">Never tested</Text>
        )}
        {testResult && (
          <Text size="xs" role="status" maw={260}>
            {testResult}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" loading={testing} onClick={() => void runTest()}>
            Test {connection.name}
          </Button>
          <Button size="xs" variant="default" onClick={onEdit}>
            Edit {connection.name}
          </Button>
          <Button size="xs" variant="default" loading={updating} onClick={() => void toggle()}>
            {connection.disabled ? 'Enable' : 'Disable'} {connection.name}
          </Button>
          <Button size="xs" color="red" variant="light" onClick={() => setConfirmingDelete(true)}>
            Delete {connection.name}
          </Button>
        </Group>
        <Modal
          opened={confirmingDelete}
          onClose={() => setConfirmingDelete(false)}
          title={`Delete “${connection.name}”?`}
        >
          <Stack gap="sm">
            <Text>
              Its export history and the CRM record ids stored for its leads are deleted too, so later
              erasures cannot reach those records through Confide. Refused while an export or a CRM erasure is
              under way. To stop exports but keep erasures flowing, disable it instead.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmingDelete(false)}>
                Cancel
              </Button>
              <Button color="red" loading={deleting} onClick={() => void handleDelete()}>
                Delete connection
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Table.Td>
    </Table.Tr>
  );
}

function ConnectionForm({
  sites,
  connection: connectionRef,
  onSaved,
}: {
  sites: readonly { id: string; name: string }[];
  connection: ConnectionRef | null;
  onSaved: () => void;
}) {
  const existing = connectionRef ? getFragmentData(CrmConnectionRowFragment, connectionRef) : null;
  const [kind, setKind] = useState<CrmKind>(existing?.kind ?? 'HUBSPOT');
  const [userErrors, setUserErrors] = useState<readonly UserErrorLike[]>([]);
  const [create, { loading: creating }] = useMutation(CreateCrmConnectionDocument);
  const [update, { loading: updating }] = useMutation(UpdateCrmConnectionDocument);
  const spec = kinds[kind];

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const secret = text('credential');
    const credentials: CrmCredentialsInput = { [spec.credential]: secret };
    const settings: CrmSettingsInput = Object.fromEntries(
      spec.settings.map(({ name }) => [name, text(name)]),
    );
    const common = { name: text('name'), purpose: text('purpose') as ConsentPurpose, settings };
    try {
      if (existing) {
        const { data } = await update({
          variables: {
            input: {
              id: existing.id,
              ...common,
              baseUrl: text('baseUrl'),
              // Write-only: an empty field keeps the stored secret.
              ...(secret && { credentials }),
            },
          },
        });
        const payload = data?.updateCrmConnection;
        setUserErrors(payload?.userErrors ?? []);
        if (!payload?.crmConnection) return;
        notifySuccess(`${common.name} saved.`);
      } else {
        const { data } = await create({
          variables: {
            input: { ...common, kind, siteId: text('siteId'), baseUrl: text('baseUrl') || null, credentials },
          },
        });
        const payload = data?.createCrmConnection;
        setUserErrors(payload?.userErrors ?? []);
        if (!payload?.crmConnection) return;
        notifySuccess(`${common.name} added. Test it before sales export through it.`);
      }
      onSaved();
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <form onSubmit={(event) => void handleSubmit(event)}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NativeSelect
            name="siteId"
            label="Site"
            disabled={existing !== null}
            defaultValue={existing?.site.id}
            data={sites.map((site) => ({ value: site.id, label: site.name }))}
            error={fieldError(userErrors, 'siteId')}
          />
          <NativeSelect
            label="CRM"
            disabled={existing !== null}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as CrmKind)}
            data={kindOrder.map((value) => ({ value, label: humanize(value) }))}
          />
        </Group>
        <TextInput
          name="name"
          label="Name"
          description="What sales see when they pick a connection."
          required
          maxLength={100}
          defaultValue={existing?.name}
          error={fieldError(userErrors, 'name')}
        />
        <TextInput
          name="baseUrl"
          type="url"
          label="Base URL"
          description={spec.baseUrlHint}
          required={spec.baseUrlRequired}
          defaultValue={existing?.baseUrl ?? ''}
          error={fieldError(userErrors, 'baseUrl')}
        />
        <PasswordInput
          name="credential"
          label={spec.credentialLabel}
          description={
            existing
              ? 'Stored encrypted and never shown. Leave empty to keep it; type a new one to replace it.'
              : 'Stored encrypted and never shown again.'
          }
          required={existing === null}
          autoComplete="new-password"
          error={fieldError(userErrors, spec.credential)}
        />
        <NativeSelect
          name="purpose"
          label="Consent exports need"
          description="Leads without a current grant for it are skipped."
          defaultValue={existing?.purpose ?? 'CRM_TRANSFER'}
          data={consentPurposes.map((value) => ({ value, label: purposeLabels[value] }))}
        />
        {spec.settings.map((setting) => (
          <TextInput
            key={`${kind}-${setting.name}`}
            name={setting.name}
            label={setting.label}
            description={setting.description}
            maxLength={200}
            defaultValue={existing?.settings[setting.name] ?? ''}
            error={fieldError(userErrors, setting.name)}
          />
        ))}
        {describeUserErrors(userErrors) && (
          <Text c="red.9" size="sm" role="alert">
            {describeUserErrors(userErrors)}
          </Text>
        )}
        <Button type="submit" loading={creating || updating}>
          {existing ? 'Save connection' : 'Add connection'}
        </Button>
      </Stack>
    </form>
  );
}
