import { useMutation } from '@apollo/client/react';

import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { describeUserErrors } from '../graphql/errors.ts';
import { graphql } from '../graphql/generated/index.ts';
import type { UpdateLeadInput } from '../graphql/generated/graphql.ts';

const UpdateLeadDocument = graphql(`
  mutation UpdateLead($input: UpdateLeadInput!) {
    updateLead(input: $input) {
      lead {
        id
        status
        updatedAt
        engagedAt
        owner {
          id
          name
        }
        notes(last: 100) {
          totalCount
          nodes {
            id
            body
            createdAt
            author {
              id
              name
            }
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/**
 * Changes one lead and reports the outcome as a toast; the cache updates the lead wherever it is shown.
 * Resolves to whether the change was applied.
 */
export function useUpdateLead(): [(input: UpdateLeadInput, success: string) => Promise<boolean>, boolean] {
  const [mutate, { loading }] = useMutation(UpdateLeadDocument);
  const update = async (input: UpdateLeadInput, success: string) => {
    try {
      const { data } = await mutate({ variables: { input } });
      const problem = describeUserErrors(data?.updateLead.userErrors);
      if (problem) {
        notifyFailure(problem);
        return false;
      }
      notifySuccess(success);
      return true;
    } catch (error) {
      notifyFailure(error);
      return false;
    }
  };
  return [update, loading];
}
