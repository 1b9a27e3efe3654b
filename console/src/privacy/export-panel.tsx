import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { formatDateTime } from '../components/format.ts';
import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { describeUserErrors } from '../graphql/errors.ts';
import { graphql } from '../graphql/generated/index.ts';

const ExportSubjectDataDocument = graphql(`
  mutation ExportSubjectData($input: ExportSubjectDataInput!) {
    exportSubjectData(input: $input) {
      export {
        id
        createdAt
        expiresAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SubjectExportDocument = graphql(`
  query SubjectExport($id: ID!) {
    subjectExport(id: $id) {
      json
      html
    }
  }
`);

function download(name: string, type: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Builds the access package of an access or portability request and downloads it as JSON or HTML. */
export function ExportPanel({ requestId, onBuilt }: { requestId: string; onBuilt: () => void }) {
  const client = useApolloClient();
  const [build, { loading }] = useMutation(ExportSubjectDataDocument);
  const [built, setBuilt] = useState<{ id: string; expiresAt: string } | null>(null);
  const [downloading, setDownloading] = useState(false);

  const handleBuild = async () => {
    try {
      const payload = (await build({ variables: { input: { requestId } } })).data?.exportSubjectData;
      const problem = describeUserErrors(payload?.userErrors);
      if (problem || !payload?.export) {
        notifyFailure(problem ?? 'The package was not built.');
        return;
      }
      setBuilt(payload.export);
      notifySuccess('The access package is ready to download.');
      onBuilt();
    } catch (error) {
      notifyFailure(error);
    }
  };

  const handleDownload = async (format: 'json' | 'html') => {
    if (!built) return;
    setDownloading(true);
    try {
      // Fetched on demand and never cached: the package is personal data.
      const { data } = await client.query({
        query: SubjectExportDocument,
        variables: { id: built.id },
        fetchPolicy: 'no-cache',
      });
      const content = data?.subjectExport;
      if (format === 'json') {
        download('subject-data.json', 'application/json', JSON.stringify(content?.json ?? null, null, 2));
      } else download('subject-data.html', 'text/html', content?.html ?? '');
    } catch (error) {
      notifyFailure(error);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-heading">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id="export-heading">
          Access package
        </Title>
        <Text size="sm">
          Everything held on the address, as machine-readable JSON and as a page the requester can read.
        </Text>
        {built ? (
          <>
            <Text size="sm">Ready until {formatDateTime(built.expiresAt)}.</Text>
            <Group gap="sm">
              <Button onClick={() => void handleDownload('json')} loading={downloading}>
                Download JSON
              </Button>
              <Button variant="default" onClick={() => void handleDownload('html')} loading={downloading}>
                Download HTML
              </Button>
            </Group>
          </>
        ) : (
          <Button onClick={() => void handleBuild()} loading={loading}>
            Build the package
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
