import { useApolloClient, useMutation } from '@apollo/client/react';
import { Center, Loader } from '@mantine/core';
import { Outlet, useLoaderData, useLocation, useNavigate } from 'react-router';

import { notifyFailure } from '../components/notify.ts';
import { graphql } from '../graphql/generated/index.ts';
import { type Session, SessionContext, signInPath } from '../session/session.ts';
import { AppFrame } from './app-frame.tsx';
import { permissionForPath, visibleNavigation } from './navigation.ts';
import { Forbidden } from './route-error.tsx';

const SignOutDocument = graphql(`
  mutation SignOut {
    logout {
      userErrors {
        message
      }
    }
  }
`);

/** The signed-in console: the menu for the viewer's permissions around the current page. */
export function SignedInLayout() {
  const session = useLoaderData<Session>();
  const client = useApolloClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [signOut, { loading }] = useMutation(SignOutDocument);

  const handleSignOut = async () => {
    try {
      await signOut();
    } catch (error) {
      notifyFailure(error);
      return;
    }
    await client.clearStore();
    await navigate(signInPath('signed-out'));
  };

  const required = permissionForPath(pathname);
  return (
    <SessionContext value={session}>
      <AppFrame
        navigation={visibleNavigation(session.permissions)}
        user={{ name: session.name, roles: session.roles, onSignOut: handleSignOut, signingOut: loading }}
      >
        {required && !session.permissions.has(required) ? <Forbidden /> : <Outlet />}
      </AppFrame>
    </SessionContext>
  );
}

/** Shown while the first page's route module and the session load. */
export function RootHydrateFallback() {
  return (
    <AppFrame>
      <Center py="xl">
        <Loader role="status" aria-label="Loading page" />
      </Center>
    </AppFrame>
  );
}
