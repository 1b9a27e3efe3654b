import { Center, Loader } from '@mantine/core';
import { Outlet } from 'react-router';

import { AppFrame } from './app-frame.tsx';

export function RootLayout() {
  return (
    <AppFrame>
      <Outlet />
    </AppFrame>
  );
}

/** Shown while the first page's route module loads. */
export function RootHydrateFallback() {
  return (
    <AppFrame>
      <Center py="xl">
        <Loader role="status" aria-label="Loading page" />
      </Center>
    </AppFrame>
  );
}
