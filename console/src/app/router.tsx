import { createBrowserRouter } from 'react-router';

import { RootHydrateFallback, RootLayout } from './root-layout.tsx';
import { RouteError } from './route-error.tsx';

// Pages are lazy route modules (exporting `Component`, and `loader` where needed), so each page is its
// own chunk and the entry chunk holds only the shell.
export const router = createBrowserRouter([
  {
    path: '/',
    Component: RootLayout,
    HydrateFallback: RootHydrateFallback,
    ErrorBoundary: RouteError,
    children: [
      { index: true, lazy: () => import('../routes/home.tsx') },
      { path: '*', lazy: () => import('../routes/not-found.tsx') },
    ],
  },
]);
