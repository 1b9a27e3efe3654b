import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { addLocalDays, formatDate, formatDateTime } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/query-state.tsx';
import { describeUserErrors, fieldError, type UserErrorLike } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { ApiTokenScope } from '../graphql/generated/graphql.ts';

/** Scope values with the permission string docs/api.md uses and what each allows. */
const scopes: readonly { value: ApiTokenScope; label: string }[] = [
  { value: 'CONVERSATIONS_READ', label: 'conversations:read — conversations’ metadata' },
  { value: 'LEADS_READ', label: 'leads:read — leads’ triage state' },
  { value: 'LEADS_WRITE', label: 'leads:write — change status, owner, notes' },
  { value: 'CONSENTS_READ', label: 'consents:read — the consent ledger' },
  { value: 'CONSENTS_WRITE', label: 'consents:write — record grants and withdrawals' },
  { value: 'PERSONAL_DATA_READ', label: 'personal-data:read — names, emails, message text (audited)' },
  { value: 'PRIVACY_READ', label: 'privacy:read — retention status, requests' },
  { value: 'PRIVACY_WRITE', label: 'privacy:write — act on requests, erasures, sweeps' },
  { value: 'AUDIT_READ', label: 'audit:read — the audit trail' },
  { value: 'SITES_READ', label: 'sites:read — sites and their policies' },
];

const scopeString = (scope: ApiTokenScope) =>
  scope.toLowerCase().replace('personal_data', 'personal-data').replace('_', ':');

const TokenRowFragment = graphql(`
  fragment TokenRow_apiToken on ApiToken {
    id
    name
    prefix
    scopes
    active
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
    createdBy {
      id
      name
    }
  }
`);

const ApiTokensDocument = graphql(`
  query ApiTokens {
    apiTokens(first: 100) {
      totalCount
      nodes {
        id
        ...TokenRow_apiToken
      }
    }
  }
`);

const CreateApiTokenDocument = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        ...TokenRow_apiToken
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const RevokeApiTokenDocument = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      apiToken {
        id
        ...TokenRow_apiToken
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export function Component() {
  const { data, error, refetch } = useQuery(ApiTokensDocument);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  return (
    <Page
      title="API tokens"
      description="Tokens integrators send as “Authorization: Bearer …”. Only a hash is kept: a token is shown once."
      actions={<Button onClick={() => setCreating(true)}>Create token</Button>}
    >
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading tokens…" />
      ) : data.apiTokens.nodes.length === 0 ? (
        <EmptyState title="No API tokens yet">
          Create one for each integration, with only the scopes it needs.
        </EmptyState>
      ) : (
        <Table aria-label="API tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Used</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.apiTokens.nodes.map((token) => (
              <TokenRow key={token.id} token={token} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="Create API token" size="lg">
        <CreateTokenForm
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
            void refetch();
          }}
        />
      </Modal>
      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={`Token “${created?.name ?? ''}” created`}
        size="lg"
        closeOnClickOutside={false}
      >
        {created && (
          <Stack gap="sm">
            <Alert color="yellow" title="Copy it now">
              This is the only time the token is shown. Store it in your secret manager; if it is lost, create
              a new one and revoke this one.
            </Alert>
            <Code block aria-label="New API token" data-testid="new-api-token">
              {created.token}
            </Code>
            <Group justify="flex-end">
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy token'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => setCreated(null)}>I have stored it</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}

function TokenRow({ token: tokenRef }: { token: FragmentType<typeof TokenRowFragment> }) {
  const token = getFragmentData(TokenRowFragment, tokenRef);
  const [confirming, setConfirming] = useState(false);
  const [revoke, { loading }] = useMutation(RevokeApiTokenDocument);

  const handleRevoke = async () => {
    try {
      const { data } = await revoke({ variables: { input: { id: token.id } } });
      const problem = describeUserErrors(data?.revokeApiToken.userErrors);
      if (problem) notifyFailure(problem);
      else notifySuccess(`Token “${token.name}” revoked. Requests with it now get 401.`);
      setConfirming(false);
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {token.name}
        </Text>
        <Text size="xs" c="dimmed">
          <Code>{token.prefix}…</Code> · by {token.createdBy?.name ?? 'a deleted account'} on{' '}
          {formatDate(token.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {token.scopes.map((scope) => (
            <Badge key={scope} variant="light" color="gray" tt="none">
              {scopeString(scope)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Text>
      </Table.Td>
      <Table.Td>
        {token.revokedAt ? (
          <Badge color="gray">Revoked {formatDate(token.revokedAt)}</Badge>
        ) : token.active ? (
          <Badge color="green" variant="light">
            Active{token.expiresAt ? ` until ${formatDate(token.expiresAt)}` : ''}
          </Badge>
        ) : (
          <Badge color="orange" variant="light">
            Expired {formatDate(token.expiresAt)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {!token.revokedAt && (
          <Button size="xs" color="red" variant="light" onClick={() => setConfirming(true)}>
            Revoke {token.name}
          </Button>
        )}
        <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Revoke “${token.name}”?`}>
          <Stack gap="sm">
            <Text>Every request with this token will be refused at once. This cannot be undone.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button color="red" loading={loading} onClick={() => void handleRevoke()}>
                Revoke token
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Table.Td>
    </Table.Tr>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (result: { name: string; token: string }) => void }) {
  const [create, { loading }] = useMutation(CreateApiTokenDocument);
  const [chosen, setChosen] = useState<ApiTokenScope[]>([]);
  const [userErrors, setUserErrors] = useState<readonly UserErrorLike[]>([]);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name')).trim();
    const expires = String(form.get('expires'));
    try {
      const { data } = await create({
        variables: { input: { name, scopes: chosen, expiresAt: expires ? addLocalDays(expires, 1) : null } },
      });
      const payload = data?.createApiToken;
      setUserErrors(payload?.userErrors ?? []);
      if (!payload?.token) return;
      onCreated({ name, token: payload.token });
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <form onSubmit={handleSubmit}>
      <Stack gap="sm">
        <TextInput
          name="name"
          label="Name"
          description="What the token is for, e.g. “CRM sync”."
          required
          maxLength={100}
          error={fieldError(userErrors, 'name')}
        />
        <Checkbox.Group
          label="Scopes"
          description="Give only what the integration needs."
          value={chosen}
          onChange={(values) => setChosen(values as ApiTokenScope[])}
          error={fieldError(userErrors, 'scopes')}
        >
          <SimpleGrid cols={1} spacing={4} mt={4}>
            {scopes.map((scope) => (
              <Checkbox key={scope.value} value={scope.value} label={scope.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <TextInput
          name="expires"
          type="date"
          label="Expires after"
          description="Leave empty for a token that does not expire."
          error={fieldError(userErrors, 'expiresAt')}
        />
        {describeUserErrors(userErrors) && (
          <Text c="red.9" size="sm" role="alert">
            {describeUserErrors(userErrors)}
          </Text>
        )}
        <Button type="submit" loading={loading} disabled={chosen.length === 0}>
          Create token
        </Button>
      </Stack>
    </form>
  );
}
