import { useMutation, useQuery } from '@apollo/client/react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { formatDateTime } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { Page } from '../components/page.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { describeUserErrors, fieldError, type UserErrorLike } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { Role, UpdateStaffMemberInput } from '../graphql/generated/graphql.ts';
import { useSession } from '../session/session.ts';
import { roleDescriptions, roles } from './roles.ts';

const StaffRowFragment = graphql(`
  fragment StaffRow_staffMember on StaffMember {
    id
    name
    email
    roles
    disabled
    lastLoginAt
    createdAt
  }
`);

const StaffMembersDocument = graphql(`
  query StaffMembers {
    staffMembers(first: 100) {
      totalCount
      nodes {
        id
        ...StaffRow_staffMember
      }
    }
  }
`);

const CreateStaffMemberDocument = graphql(`
  mutation CreateStaffMember($input: CreateStaffMemberInput!) {
    createStaffMember(input: $input) {
      staffMember {
        id
        ...StaffRow_staffMember
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateStaffMemberDocument = graphql(`
  mutation UpdateStaffMember($input: UpdateStaffMemberInput!) {
    updateStaffMember(input: $input) {
      staffMember {
        id
        ...StaffRow_staffMember
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
  const { data, error, refetch } = useQuery(StaffMembersDocument);
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title="Staff"
      description="Accounts that can sign in to the console, and their roles."
      actions={<Button onClick={() => setCreating(true)}>Add staff member</Button>}
    >
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading staff…" />
      ) : (
        <Table aria-label="Staff accounts" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th>Enabled</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.staffMembers.nodes.map((member) => (
              <StaffRow key={member.id} member={member} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="Add staff member">
        <CreateStaffForm
          onDone={() => {
            setCreating(false);
            void refetch();
          }}
        />
      </Modal>
    </Page>
  );
}

function useUpdateStaffMember() {
  const [mutate, { loading }] = useMutation(UpdateStaffMemberDocument);
  const update = async (input: UpdateStaffMemberInput, success: string) => {
    try {
      const { data } = await mutate({ variables: { input } });
      const problem = describeUserErrors(data?.updateStaffMember.userErrors);
      if (problem) notifyFailure(problem);
      else notifySuccess(success);
    } catch (error) {
      notifyFailure(error);
    }
  };
  return [update, loading] as const;
}

function StaffRow({ member: memberRef }: { member: FragmentType<typeof StaffRowFragment> }) {
  const member = getFragmentData(StaffRowFragment, memberRef);
  const session = useSession();
  const [update, saving] = useUpdateStaffMember();
  const memberRoles = member.roles ?? [];
  const isSelf = member.id === session.staffMemberId;

  const toggleRole = (role: Role, held: boolean) => {
    const next = held ? [...memberRoles, role] : memberRoles.filter((value) => value !== role);
    if (next.length === 0) {
      notifyFailure('A staff member needs at least one role.');
      return;
    }
    void update(
      { id: member.id, roles: roles.filter((value) => next.includes(value)) },
      `Roles of ${member.name} saved.`,
    );
  };

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {member.name}
          {isSelf && (
            <Badge ml="xs" size="xs" variant="light">
              you
            </Badge>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {member.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="sm">
          {roles.map((role) => (
            <Checkbox
              key={role}
              label={role.toLowerCase()}
              title={roleDescriptions[role]}
              checked={memberRoles.includes(role)}
              disabled={saving}
              onChange={(event) => toggleRole(role, event.currentTarget.checked)}
            />
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{member.lastLoginAt ? formatDateTime(member.lastLoginAt) : 'Never'}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`${member.name} may sign in`}
          checked={!member.disabled}
          disabled={saving || isSelf}
          onChange={(event) =>
            void update(
              { id: member.id, disabled: !event.currentTarget.checked },
              event.currentTarget.checked
                ? `${member.name} can sign in again.`
                : `${member.name} is disabled; their sessions ended.`,
            )
          }
        />
      </Table.Td>
    </Table.Tr>
  );
}

function CreateStaffForm({ onDone }: { onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateStaffMemberDocument);
  const [chosenRoles, setChosenRoles] = useState<Role[]>(['SALES']);
  const [userErrors, setUserErrors] = useState<readonly UserErrorLike[]>([]);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const { data } = await create({
        variables: {
          input: {
            name: String(form.get('name')).trim(),
            email: String(form.get('email')).trim(),
            password: String(form.get('password')),
            roles: chosenRoles,
          },
        },
      });
      const errors = data?.createStaffMember.userErrors ?? [];
      setUserErrors(errors);
      if (errors.length > 0) return;
      notifySuccess('Account created. Hand the password over out of band.');
      onDone();
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <form onSubmit={handleSubmit}>
      <Stack gap="sm">
        <TextInput name="name" label="Name" required maxLength={200} error={fieldError(userErrors, 'name')} />
        <TextInput name="email" type="email" label="Email" required error={fieldError(userErrors, 'email')} />
        <PasswordInput
          name="password"
          label="Initial password"
          description="At least 12 characters."
          required
          minLength={12}
          error={fieldError(userErrors, 'password')}
        />
        <Checkbox.Group
          label="Roles"
          value={chosenRoles}
          onChange={(values) => setChosenRoles(values as Role[])}
          error={fieldError(userErrors, 'roles')}
        >
          <Stack gap={4} mt={4}>
            {roles.map((role) => (
              <Checkbox key={role} value={role} label={roleDescriptions[role]} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Button type="submit" loading={loading} disabled={chosenRoles.length === 0}>
          Create account
        </Button>
      </Stack>
    </form>
  );
}
