import { Anchor, Code, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';

export function Component() {
  const { pathname } = useLocation();
  return (
    <Stack gap="md" align="flex-start">
      <title>Page not found · Confide</title>
      <Title order={1}>Page not found</Title>
      <Text>
        There is no page at <Code>{pathname}</Code>.
      </Text>
      <Anchor component={Link} to="/">
        Go to the dashboard
      </Anchor>
    </Stack>
  );
}
