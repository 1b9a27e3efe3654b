import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { RouterProvider } from 'react-router';

import { createApolloClient } from './apollo.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';

const apolloClient = createApolloClient();

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <ApolloProvider client={apolloClient}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </MantineProvider>
  );
}
