import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Suspense, use, useId } from 'react';
import { type LoaderFunctionArgs, useLoaderData, useRevalidator } from 'react-router';

import { type DatabaseState, fetchHealth, type Health } from './health.ts';

export function loader({ request }: LoaderFunctionArgs) {
  // Not awaited: the page renders at once and the health report streams in when it arrives.
  // `checkedAt` gives every check its own Suspense boundary, so "Check again" shows the loading state.
  return { health: fetchHealth({ signal: request.signal }), checkedAt: Date.now() };
}

export function Component() {
  const { health, checkedAt } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const statusHeadingId = useId();

  return (
    <Stack gap="xl">
      <title>System status · Confide</title>
      <Stack gap="xs">
        <Title order={1}>System status</Title>
        <Text size="lg">Whether the API and its database answer.</Text>
      </Stack>

      <Stack component="section" aria-labelledby={statusHeadingId} gap="sm" align="flex-start">
        <Title order={2} id={statusHeadingId}>
          API health
        </Title>
        <div role="status" style={{ alignSelf: 'stretch' }}>
          <Suspense key={checkedAt} fallback={<Checking />}>
            <HealthReport health={health} />
          </Suspense>
        </div>
        <Button
          variant="default"
          onClick={() => void revalidator.revalidate()}
          loading={revalidator.state === 'loading'}
        >
          Check again
        </Button>
      </Stack>
    </Stack>
  );
}

function Checking() {
  return (
    <Group gap="xs">
      <Loader size="sm" aria-hidden />
      <Text>Checking the API…</Text>
    </Group>
  );
}

const databaseLabel: Record<DatabaseState, string> = {
  up: 'database up',
  down: 'database down',
  unknown: 'database status unknown',
};

function HealthReport({ health }: { health: Promise<Health> }) {
  const result = use(health);
  // role="group": the surrounding role="status" region already announces the result.
  switch (result.kind) {
    case 'healthy':
      return (
        <Alert role="group" color="green" title="API healthy / database up">
          {result.version ? `API version ${result.version}.` : 'The API did not report its version.'}
        </Alert>
      );
    case 'unhealthy':
      return (
        <Alert role="group" color="red" title={`API unhealthy / ${databaseLabel[result.database]}`}>
          The health check answered HTTP {result.httpStatus}.
        </Alert>
      );
    case 'unavailable':
      return (
        <Alert role="group" color="red" title="API unavailable">
          {result.reason}
        </Alert>
      );
  }
}
