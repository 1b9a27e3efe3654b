import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, List, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { LoadingState } from '../components/query-state.tsx';
import { describeUserErrors, fieldError, type UserErrorLike } from '../graphql/errors.ts';
import { graphql } from '../graphql/generated/index.ts';
import { SubjectCountsGrid, SubjectDataDocument } from './subject-discovery.tsx';

const ExecuteErasureDocument = graphql(`
  mutation ExecuteErasure($input: ExecuteErasureInput!) {
    executeErasure(input: $input) {
      receipt {
        id
      }
      remainingTraces {
        table
        column
        rows
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface ErasurePanelProps {
  requestId: string;
  email: string;
  siteId: string;
  onErased: () => void;
}

/** Erasure of everything on the address, after a preview and the address typed again. */
export function ErasurePanel({ requestId, email, siteId, onErased }: ErasurePanelProps) {
  const [opened, setOpened] = useState(false);
  const [typed, setTyped] = useState('');
  const [userErrors, setUserErrors] = useState<readonly UserErrorLike[]>([]);
  const { data } = useQuery(SubjectDataDocument, { variables: { email, siteId } });
  // Everything the erasure touches changes: lists, counts, search results.
  const [erase, { loading }] = useMutation(ExecuteErasureDocument, { refetchQueries: 'active' });
  const matches = typed.trim().toLowerCase() === email.trim().toLowerCase();

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      const result = await erase({ variables: { input: { requestId, confirmEmail: typed } } });
      const payload = result.data?.executeErasure;
      setUserErrors(payload?.userErrors ?? []);
      if (!payload?.receipt) return;
      if (payload.remainingTraces.length > 0) {
        notifyFailure(
          `Erased, but traces remain in ${payload.remainingTraces.map((trace) => `${trace.table}.${trace.column}`).join(', ')}.`,
        );
      } else notifySuccess('Everything on the address is erased; the receipt is below.');
      setOpened(false);
      onErased();
    } catch (error) {
      notifyFailure(error);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="erasure-heading">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id="erasure-heading">
          Erasure
        </Title>
        <Text size="sm">
          Deletes every lead, conversation, message, consent entry and flag linked to the address on this
          site, queues deletion in the CRMs and writes a receipt. It cannot be undone.
        </Text>
        <Button color="red.9" onClick={() => setOpened(true)}>
          Erase everything on this address…
        </Button>
      </Stack>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Erase everything on this address"
        size="lg"
      >
        <form onSubmit={handleSubmit}>
          <Stack gap="sm">
            <Alert color="red.9" title="This deletes, for good:">
              {data ? <SubjectCountsGrid counts={data.subjectData.counts} /> : <LoadingState />}
            </Alert>
            <List size="sm">
              <List.Item>The request itself keeps only a keyed hash of the address, as proof.</List.Item>
              <List.Item>Records on legal hold are kept until the hold is released.</List.Item>
            </List>
            <TextInput
              label={`Type the requester's address (${email}) to confirm`}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              error={fieldError(userErrors, 'confirmEmail')}
              data-autofocus
            />
            {describeUserErrors(userErrors) && (
              <Text c="red.9" size="sm" role="alert">
                {describeUserErrors(userErrors)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button type="submit" color="red.9" disabled={!matches} loading={loading}>
                Erase
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
