import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  type FieldPolicy,
  HttpLink,
  InMemoryCache,
} from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';

/** The GraphQL endpoint, served by the API on the same origin as the console. */
export const GRAPHQL_PATH = '/graphql';

/** Whether a GraphQL error response says the caller is not (or no longer) signed in. */
export function isUnauthenticated(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((graphqlError) => graphqlError.extensions?.code === 'UNAUTHENTICATED')
  );
}

const searchOf = (variables: Record<string, unknown> | undefined) => String(variables?.search ?? '');

/**
 * A conversation's `matches` depend on the search that found it, which is not an argument of the field,
 * so they are kept per search (the query's `$search`): otherwise the list without a search, or with
 * another one, would show the highlights of whichever search last loaded the conversation.
 */
const perSearch: FieldPolicy<Record<string, unknown>, unknown, unknown> = {
  merge: (existing, incoming, { variables }) => ({ ...existing, [searchOf(variables)]: incoming }),
  read: (existing, { variables }) => existing?.[searchOf(variables)],
};

export interface ApolloClientOptions {
  /** Called when the server answers UNAUTHENTICATED, e.g. because the session expired. */
  onUnauthenticated: () => void;
}

export function createApolloClient({ onUnauthenticated }: ApolloClientOptions): ApolloClient {
  const sessionLink = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error)) onUnauthenticated();
  });
  return new ApolloClient({
    // Same-origin only: the session cookie must never be sent anywhere else.
    link: ApolloLink.from([sessionLink, new HttpLink({ uri: GRAPHQL_PATH, credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // Pages of one list (same filter, search and order) merge, so "Load more" appends.
            conversations: relayStylePagination(['filter', 'search', 'orderBy']),
            leads: relayStylePagination(['filter', 'search', 'orderBy']),
            auditEvents: relayStylePagination(['filter']),
            consents: relayStylePagination(['filter']),
            crmExports: relayStylePagination(['filter']),
          },
        },
        // Export items have no id of their own: their pages merge inside the export.
        CrmExport: {
          fields: { items: relayStylePagination(['statuses']) },
        },
        Conversation: {
          fields: { messages: relayStylePagination(), matches: perSearch },
        },
      },
    }),
  });
}
