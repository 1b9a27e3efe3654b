import { useMutation, useQuery } from '@apollo/client/react';
import { Group, List, Stack, Text, Textarea } from '@mantine/core';

import { formatDateTime } from '../components/format.ts';
import { fieldError } from '../graphql/errors.ts';
import { graphql } from '../graphql/generated/index.ts';
import { RequestAction } from '../privacy/request-action.tsx';
import { useCan } from '../session/session.ts';

const ConversationHoldsDocument = graphql(`
  query ConversationHolds($id: ID!) {
    node(id: $id) {
      ... on Conversation {
        id
        retention {
          onHold
          holds {
            id
            reason
            placedAt
            owner {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const PlaceHoldDocument = graphql(`
  mutation PlaceLegalHold($input: PlaceLegalHoldInput!) {
    placeLegalHold(input: $input) {
      legalHold {
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

const ReleaseHoldDocument = graphql(`
  mutation ReleaseLegalHold($input: ReleaseLegalHoldInput!) {
    releaseLegalHold(input: $input) {
      legalHold {
        id
        active
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface PlaceHoldButtonProps {
  /** Global id of the conversation or lead to keep. */
  recordId: string;
  label: string;
  explanation: string;
  onDone: () => void;
}

/** Places a legal hold on a conversation or lead, asking for the reason. */
export function PlaceHoldButton({ recordId, label, explanation, onDone }: PlaceHoldButtonProps) {
  const [place] = useMutation(PlaceHoldDocument);
  return (
    <RequestAction
      label={label}
      title="Place a legal hold"
      confirmLabel="Place hold"
      explanation={explanation}
      fields={(errors) => (
        <Textarea
          name="reason"
          label="Reason"
          description="The dispute or inquiry; keep personal data out of it."
          required
          error={fieldError(errors, 'reason')}
        />
      )}
      run={async (form) =>
        (
          await place({
            variables: { input: { recordId, reason: String(form.get('reason') ?? '').trim() } },
          })
        ).data?.placeLegalHold.userErrors
      }
      success="Legal hold placed; the record is kept."
      onDone={onDone}
    />
  );
}

/** The legal holds keeping a conversation, for privacy staff: place one, or release one. */
export function LegalHolds({ conversationId }: { conversationId: string }) {
  const canRead = useCan('PRIVACY_READ');
  const canWrite = useCan('PRIVACY_WRITE');
  const { data, refetch } = useQuery(ConversationHoldsDocument, {
    variables: { id: conversationId },
    skip: !canRead,
  });
  const [release] = useMutation(ReleaseHoldDocument);
  const node = data?.node;
  if (!canRead || !node || !('retention' in node)) return null;
  const changed = () => void refetch();
  return (
    <Stack gap="xs" mt="sm">
      {node.retention.holds.length > 0 && (
        <List size="sm">
          {node.retention.holds.map((hold) => (
            <List.Item key={hold.id}>
              <Group gap="xs" align="center">
                <Text size="sm">
                  Held since {formatDateTime(hold.placedAt)}
                  {hold.owner && ` by ${hold.owner.name}`}: {hold.reason}
                </Text>
                {canWrite && (
                  <RequestAction
                    label="Release"
                    title="Release the legal hold"
                    confirmLabel="Release"
                    explanation="The next sweep deletes the conversation if it is past due and nothing else holds it."
                    run={async () =>
                      (await release({ variables: { input: { id: hold.id } } })).data?.releaseLegalHold
                        .userErrors
                    }
                    success="Legal hold released."
                    onDone={changed}
                  />
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {canWrite && (
        <PlaceHoldButton
          recordId={conversationId}
          label="Place a legal hold"
          explanation="No sweep deletes the conversation (nor its lead) until the hold is released."
          onDone={changed}
        />
      )}
    </Stack>
  );
}
