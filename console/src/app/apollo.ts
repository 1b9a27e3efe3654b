import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** The GraphQL endpoint, served by the API on the same origin as the console. */
export const GRAPHQL_PATH = '/graphql';

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    // Same-origin only: the session cookie must never be sent anywhere else.
    link: new HttpLink({ uri: GRAPHQL_PATH, credentials: 'same-origin' }),
    cache: new InMemoryCache(),
  });
}
