import { Button, Paper, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { formatDateTime } from '../components/format.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import { useCan } from '../session/session.ts';
import { useUpdateLead } from './update-lead.ts';

const LeadNotesFragment = graphql(`
  fragment LeadNotes_lead on Lead {
    id
    notes(last: 100) {
      totalCount
      nodes {
        id
        body
        createdAt
        author {
          id
          name
        }
      }
    }
  }
`);

/** The staff notes on a lead, oldest first, and a form to add one. */
export function LeadNotes({ lead: leadRef }: { lead: FragmentType<typeof LeadNotesFragment> }) {
  const lead = getFragmentData(LeadNotesFragment, leadRef);
  const canWrite = useCan('LEADS_WRITE');
  const [updateLead, saving] = useUpdateLead();
  const [note, setNote] = useState('');

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    if (await updateLead({ id: lead.id, note: note.trim() }, 'Note added.')) setNote('');
  };

  return (
    <Stack gap="sm">
      {lead.notes.nodes.length === 0 && (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      )}
      {lead.notes.nodes.map((entry) => (
        <Paper key={entry.id} withBorder p="xs">
          <Text size="xs" c="dimmed">
            {entry.author?.name ?? 'API token'} · {formatDateTime(entry.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {entry.body}
          </Text>
        </Paper>
      ))}
      {canWrite && (
        <Stack component="form" gap="xs" onSubmit={handleSubmit} align="flex-start">
          <Textarea
            label="New note"
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={5000}
            autosize
            minRows={2}
            w="100%"
          />
          <Button type="submit" size="xs" loading={saving} disabled={!note.trim()}>
            Add note
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
