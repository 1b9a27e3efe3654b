import { useMutation } from '@apollo/client/react';
import { Group, Textarea, TextInput } from '@mantine/core';

import { localToday, startOfLocalDay } from '../components/format.ts';
import { fieldError } from '../graphql/errors.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import type { PrivacyRequestStatus } from '../graphql/generated/graphql.ts';
import { RequestAction } from './request-action.tsx';

const ChangePayloadFragment = graphql(`
  fragment PrivacyRequestChange_payload on PrivacyRequestPayload {
    request {
      id
      status
    }
    userErrors {
      field
      message
      code
    }
  }
`);

const VerifyDocument = graphql(`
  mutation VerifyPrivacyRequest($input: VerifyPrivacyRequestInput!) {
    verifyPrivacyRequest(input: $input) {
      ...PrivacyRequestChange_payload
    }
  }
`);

const ExtendDocument = graphql(`
  mutation ExtendPrivacyRequest($input: ExtendPrivacyRequestInput!) {
    extendPrivacyRequest(input: $input) {
      ...PrivacyRequestChange_payload
    }
  }
`);

const RejectDocument = graphql(`
  mutation RejectPrivacyRequest($input: RejectPrivacyRequestInput!) {
    rejectPrivacyRequest(input: $input) {
      ...PrivacyRequestChange_payload
    }
  }
`);

const CompleteDocument = graphql(`
  mutation CompletePrivacyRequest($input: CompletePrivacyRequestInput!) {
    completePrivacyRequest(input: $input) {
      ...PrivacyRequestChange_payload
    }
  }
`);

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const optionalText = (form: FormData, name: string) => text(form, name) || null;

interface RequestActionsProps {
  requestId: string;
  status: PrivacyRequestStatus;
  onChanged: () => void;
}

/** The changes a request's status allows: verify, extend, reject, complete; the server has the last word. */
export function RequestActions({ requestId, status, onChanged }: RequestActionsProps) {
  const [verify] = useMutation(VerifyDocument);
  const [extend] = useMutation(ExtendDocument);
  const [reject] = useMutation(RejectDocument);
  const [complete] = useMutation(CompleteDocument);
  const userErrorsOf = (payload: FragmentType<typeof ChangePayloadFragment> | undefined) =>
    payload && getFragmentData(ChangePayloadFragment, payload).userErrors;
  if (status === 'COMPLETED' || status === 'REJECTED') return null;

  const note = (
    <Textarea
      name="note"
      label="Note"
      description="Optional; kept on the request's timeline."
      maxLength={2000}
    />
  );
  return (
    <Group gap="sm">
      {status === 'RECEIVED' && (
        <RequestAction
          label="Verify"
          title="Verify the requester"
          confirmLabel="Mark as verified"
          explanation="Confirm that the requester proved they hold the address (e.g. the request came from it)."
          fields={() => note}
          run={async (form) =>
            userErrorsOf(
              (await verify({ variables: { input: { requestId, note: optionalText(form, 'note') } } })).data
                ?.verifyPrivacyRequest,
            )
          }
          success="The requester is verified."
          onDone={onChanged}
        />
      )}
      {status !== 'RECEIVED' && (
        <RequestAction
          label="Extend"
          title="Postpone with a written notice"
          confirmLabel="Record the extension"
          explanation="The notice must name the official, its date, the reason and the new due date; the site's maximum applies."
          fields={(errors) => (
            <>
              <TextInput
                name="officialName"
                label="Official"
                required
                error={fieldError(errors, 'officialName')}
              />
              <TextInput
                name="noticeDate"
                type="date"
                label="Notice date"
                required
                defaultValue={localToday()}
                error={fieldError(errors, 'noticeDate')}
              />
              <Textarea name="reason" label="Reason" required error={fieldError(errors, 'reason')} />
              <TextInput
                name="newDueAt"
                type="datetime-local"
                label="New due date"
                required
                error={fieldError(errors, 'newDueAt')}
              />
            </>
          )}
          run={async (form) =>
            userErrorsOf(
              (
                await extend({
                  variables: {
                    input: {
                      requestId,
                      officialName: text(form, 'officialName'),
                      noticeDate: startOfLocalDay(text(form, 'noticeDate')),
                      reason: text(form, 'reason'),
                      newDueAt: new Date(text(form, 'newDueAt')).toISOString(),
                    },
                  },
                })
              ).data?.extendPrivacyRequest,
            )
          }
          success="Extension recorded; the due date moved."
          onDone={onChanged}
        />
      )}
      <RequestAction
        label="Reject"
        title="Reject the request"
        confirmLabel="Reject"
        color="red.9"
        explanation="The requester is told why; a rejected request cannot be reopened."
        fields={(errors) => (
          <Textarea name="reason" label="Reason" required error={fieldError(errors, 'reason')} />
        )}
        run={async (form) =>
          userErrorsOf(
            (await reject({ variables: { input: { requestId, reason: text(form, 'reason') } } })).data
              ?.rejectPrivacyRequest,
          )
        }
        success="The request is rejected."
        onDone={onChanged}
      />
      {status !== 'RECEIVED' && (
        <RequestAction
          label="Complete"
          title="Complete the request"
          confirmLabel="Mark as completed"
          explanation="Confirm that the request was satisfied and the requester informed."
          fields={() => note}
          run={async (form) =>
            userErrorsOf(
              (await complete({ variables: { input: { requestId, note: optionalText(form, 'note') } } })).data
                ?.completePrivacyRequest,
            )
          }
          success="The request is completed."
          onDone={onChanged}
        />
      )}
    </Group>
  );
}
