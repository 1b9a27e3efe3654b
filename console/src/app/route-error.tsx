import { Button, Code, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';

import { AppFrame } from './app-frame.tsx';

/** Shown when a route fails to load or render, e.g. a page chunk that vanished after a deploy. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;

  return (
    <AppFrame>
      <title>Something went wrong · Confide</title>
      <Stack gap="md" align="flex-start">
        <Title order={1}>Something went wrong</Title>
        <Text>This page could not be shown. Reloading usually helps.</Text>
        {detail && <Code block>{detail}</Code>}
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </AppFrame>
  );
}
