import { Anchor, AppShell, Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The page chrome shared by every route: a banner with the product name and the main landmark. */
export function AppFrame({ children }: { children: ReactNode }) {
  return (
    <AppShell header={{ height: 56 }}>
      <AppShell.Header>
        <Container size="lg" h="100%" style={{ display: 'flex', alignItems: 'center' }}>
          <Anchor component={Link} to="/" fw={700} fz="lg" c="inherit" underline="never">
            Confide
          </Anchor>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" py="lg">
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
