import { ApolloProvider } from '@apollo/client/react';
import { type CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { RouterProvider } from 'react-router';

import { signInPath } from '../session/session.ts';
import { createApolloClient } from './apollo.ts';
import { createRouter } from './router.tsx';
import { theme } from './theme.ts';

// Mantine's dimmed text (gray 6) is 3.3:1 on white, short of WCAG AA; gray 7 is 7:1.
const accessibleColors: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

const apolloClient = createApolloClient({
  // The session ended on the server (expired, revoked, account disabled): forget what was loaded and
  // go back to the sign-in page, returning here afterwards.
  onUnauthenticated: () => {
    const { pathname, search } = window.location;
    if (pathname.startsWith('/sign-in')) return;
    void apolloClient.clearStore().then(() => router.navigate(signInPath('expired', pathname + search)));
  },
});
const router = createRouter(apolloClient);

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={accessibleColors}>
      <Notifications position="top-right" />
      <ApolloProvider client={apolloClient}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </MantineProvider>
  );
}
