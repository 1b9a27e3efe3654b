import { Anchor, Button, Code, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

import { describeError } from '../graphql/errors.ts';
import { AppFrame } from './app-frame.tsx';

/** A page that failed to load or render, e.g. a chunk that vanished after a deploy, or a failed query. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : describeError(error);
  return (
    <Stack gap="md" align="flex-start">
      <title>Something went wrong · Confide</title>
      <Title order={1}>Something went wrong</Title>
      <Text>This page could not be shown. Reloading usually helps.</Text>
      {detail && <Code block>{detail}</Code>}
      <Button onClick={() => window.location.reload()}>Reload</Button>
    </Stack>
  );
}

/** The error boundary outside every layout: the frame itself could not be shown. */
export function RootRouteError() {
  return (
    <AppFrame>
      <RouteError />
    </AppFrame>
  );
}

/** A page the viewer's roles do not allow; the server would refuse its data anyway. */
export function Forbidden() {
  return (
    <Stack gap="md" align="flex-start">
      <title>No access · Confide</title>
      <Title order={1}>No access</Title>
      <Text>Your roles do not include this page. Ask an administrator if you need it.</Text>
      <Anchor component={Link} to="/">
        Go to the dashboard
      </Anchor>
    </Stack>
  );
}
