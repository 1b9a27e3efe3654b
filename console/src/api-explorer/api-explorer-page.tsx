import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';

import { Anchor, Box, Text } from '@mantine/core';
import { GraphiQL } from 'graphiql';
import type { ComponentProps } from 'react';

import { Page } from '../components/page.tsx';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

// Same origin, with the session cookie; an Authorization header from the Headers tab takes precedence
// on the server, so integrators can try their token here too.
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options?.headers },
    body: JSON.stringify(params),
  });
  return response.json();
};

const initialQuery = `# Who is calling, and what may they do?
query Viewer {
  viewer {
    permissions
    ... on StaffViewer {
      staffMember {
        name
      }
    }
    ... on TokenViewer {
      name
      scopes
    }
  }
}
`;

/** GraphiQL, bundled with the console (no CDN), against this installation's API. */
export function Component() {
  return (
    <Page
      title="API explorer"
      description={
        <>
          Runs operations against <code>/graphql</code> as you (every read of personal data is audited). To
          try an API token instead, add <code>{'{"Authorization": "Bearer cfd_…"}'}</code> in the Headers tab.
          The contract is{' '}
          <Anchor href="/schema.graphql" target="_blank" underline="always">
            schema.graphql
          </Anchor>
          ; the guide is docs/api.md.
        </>
      }
    >
      <Text size="sm" c="dimmed">
        Press Ctrl+Enter to run; the Docs panel lists every type and field with its description.
      </Text>
      <Box h="calc(100vh - 260px)" mih={480} style={{ border: '1px solid var(--mantine-color-gray-3)' }}>
        <GraphiQL fetcher={fetcher} defaultQuery={initialQuery} shouldPersistHeaders={false} />
      </Box>
    </Page>
  );
}
