import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface PageProps {
  title: string;
  description?: ReactNode;
  /** Buttons shown beside the heading. */
  actions?: ReactNode;
  children: ReactNode;
}

/** A page of the console: the document title, one h1, and the content. */
export function Page({ title, description, actions, children }: PageProps) {
  return (
    <Stack gap="lg">
      <title>{`${title} · Confide`}</title>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Title order={1}>{title}</Title>
          {description && <Text c="dimmed">{description}</Text>}
        </Stack>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
