import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';

import { purposeLabels, withdrawnPurposes } from '../consents/purposes.ts';
import { formatDate, formatDateTime, formatDaysLeft, humanize } from '../components/format.ts';
import { type FragmentType, getFragmentData, graphql } from '../graphql/generated/index.ts';
import { LeadFlags } from './lead-badges.tsx';
import { LeadOwnerSelect, LeadStatusSelect } from './lead-controls.tsx';
import { LeadNotes } from './lead-notes.tsx';

const LeadCardFragment = graphql(`
  fragment LeadCard_lead on Lead {
    id
    name
    email
    phone
    company
    jobTitle
    status
    source
    createdAt
    exportedAt
    restricted
    objected
    owner {
      id
      name
    }
    retention {
      expiresAt
      daysLeft
      onHold
    }
    consents {
      current {
        purpose
        granted
        legalBasis
        since
      }
    }
    ...LeadNotes_lead
  }
`);

/** Who left their details, their triage, consents and retention, with inline status and owner editing. */
export function LeadCard({ lead: leadRef }: { lead: FragmentType<typeof LeadCardFragment> }) {
  const lead = getFragmentData(LeadCardFragment, leadRef);
  const label = lead.name ?? lead.email ?? 'this lead';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lead-card-heading">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id="lead-card-heading">
              Lead: {lead.name ?? 'name not given'}
            </Title>
            <Text size="sm">
              {[lead.jobTitle, lead.company].filter(Boolean).join(', ') || 'No role or company given'}
            </Text>
          </Stack>
          <LeadFlags
            restricted={lead.restricted}
            objected={lead.objected}
            withdrawn={withdrawnPurposes(lead.consents.current)}
          />
        </Group>
        <SimpleGrid cols={2} spacing="xs">
          <Field label="Email" value={lead.email} />
          <Field label="Phone" value={lead.phone} />
          <Field
            label="Captured"
            value={`${formatDateTime(lead.createdAt)} (${humanize(lead.source).toLowerCase()})`}
          />
          <Field
            label="Moved to CRM"
            value={lead.exportedAt ? formatDate(lead.exportedAt) : 'Not exported'}
          />
          <Field
            label="Deleted"
            value={
              lead.retention.onHold
                ? 'Never while on legal hold'
                : lead.retention.daysLeft === null || lead.retention.daysLeft === undefined
                  ? 'With its conversation'
                  : `${formatDaysLeft(lead.retention.daysLeft)} (${formatDate(lead.retention.expiresAt)})`
            }
          />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <LeadStatusSelect lead={{ id: lead.id, label }} status={lead.status} />
          <LeadOwnerSelect lead={{ id: lead.id, label }} owner={lead.owner} />
        </SimpleGrid>
        <Stack gap="xs">
          <Title order={3} size="h5">
            Consents
          </Title>
          <Table aria-label="Consents of this lead" withRowBorders={false} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Purpose</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Since</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lead.consents.current.map((state) => (
                <Table.Tr key={state.purpose}>
                  <Table.Td>{purposeLabels[state.purpose]}</Table.Td>
                  <Table.Td>
                    {state.granted ? (
                      <Text size="sm">Granted ({humanize(state.legalBasis ?? 'CONSENT').toLowerCase()})</Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {state.since ? 'Withdrawn' : 'Not given'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(state.since)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            Notes
          </Title>
          <LeadNotes lead={lead} />
        </Stack>
      </Stack>
    </Paper>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </div>
  );
}
