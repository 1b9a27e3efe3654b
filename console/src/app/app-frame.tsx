import { Anchor, AppShell, Badge, Box, Button, Group, NavLink, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, NavLink as RouterNavLink, useLocation, useNavigation } from 'react-router';

import type { NavigationItem } from './navigation.ts';

const sectionLabels: Record<NavigationItem['section'], string> = {
  work: 'Work',
  admin: 'Administration',
  help: 'Help',
};

interface AppFrameProps {
  children: ReactNode;
  /** The signed-in part of the console has a menu and a user box; the sign-in page has neither. */
  navigation?: NavigationItem[];
  user?: { name: string; roles: readonly string[]; onSignOut: () => void; signingOut: boolean };
}

/** The page chrome shared by every route: banner, optional menu, and the main landmark. */
export function AppFrame({ children, navigation, user }: AppFrameProps) {
  const { state } = useNavigation();
  return (
    <AppShell header={{ height: 56 }} navbar={navigation && { width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        {/* A thin bar while the next page's code or data loads. */}
        {state === 'loading' && (
          <Progress value={100} animated size="xs" pos="absolute" top={0} left={0} right={0} aria-hidden />
        )}
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/" fw={700} fz="lg" c="inherit" underline="never">
            Confide
          </Anchor>
          {user && (
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" fw={500}>
                {user.name}
              </Text>
              {user.roles.map((role) => (
                <Badge key={role} variant="light" color="gray" size="sm">
                  {role.toLowerCase()}
                </Badge>
              ))}
              <Button size="xs" variant="default" onClick={user.onSignOut} loading={user.signingOut}>
                Sign out
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      {navigation && (
        <AppShell.Navbar p="xs" aria-label="Main menu">
          <Menu items={navigation} />
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <Box maw={1400}>{children}</Box>
      </AppShell.Main>
    </AppShell>
  );
}

function Menu({ items }: { items: NavigationItem[] }) {
  const { pathname } = useLocation();
  const sections = (['work', 'admin', 'help'] as const).filter((section) =>
    items.some((item) => item.section === section),
  );
  return (
    <Stack gap="md">
      {sections.map((section) => (
        <Stack key={section} gap={2}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
            {sectionLabels[section]}
          </Text>
          {items
            .filter((item) => item.section === section)
            .map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                end={item.to === '/'}
                label={item.label}
                active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
              />
            ))}
        </Stack>
      ))}
    </Stack>
  );
}
