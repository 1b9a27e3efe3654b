import type { ApolloClient } from '@apollo/client';
import { createBrowserRouter, Outlet, redirect, type RouteObject } from 'react-router';

import { loadSession, signInPath } from '../session/session.ts';
import { AppFrame } from './app-frame.tsx';
import { RootHydrateFallback, SignedInLayout } from './root-layout.tsx';
import { RootRouteError, RouteError } from './route-error.tsx';

// Pages are lazy route modules (exporting `Component`, and `loader` where needed), so each page is its
// own chunk and the entry chunk holds only the shell. Each page has its own error boundary, so a
// failing page leaves the menu usable.
const page = (path: string | undefined, load: RouteObject['lazy']): RouteObject => ({
  ...(path === undefined ? { index: true } : { path }),
  lazy: load,
  ErrorBoundary: RouteError,
});

export function createRouter(client: ApolloClient) {
  return createBrowserRouter([
    {
      path: '/sign-in',
      Component: () => (
        <AppFrame>
          <Outlet />
        </AppFrame>
      ),
      HydrateFallback: RootHydrateFallback,
      ErrorBoundary: RootRouteError,
      children: [page(undefined, () => import('../session/sign-in-page.tsx'))],
    },
    {
      path: '/',
      Component: SignedInLayout,
      HydrateFallback: RootHydrateFallback,
      ErrorBoundary: RootRouteError,
      async loader({ request }) {
        const session = await loadSession(client);
        if (!session) {
          const url = new URL(request.url);
          throw redirect(signInPath(null, url.pathname + url.search));
        }
        return session;
      },
      // The session changes only by signing in or out, which clear the cache and navigate anew.
      shouldRevalidate: () => false,
      children: [
        page(undefined, () => import('../dashboard/dashboard-page.tsx')),
        page('conversations', () => import('../conversations/conversations-page.tsx')),
        page('conversations/:conversationId', () => import('../conversations/transcript-page.tsx')),
        page('leads', () => import('../leads/leads-page.tsx')),
        page('leads/exports', () => import('../leads/crm-exports-page.tsx')),
        page('leads/exports/:exportId', () => import('../leads/crm-export-page.tsx')),
        page('consents', () => import('../consents/consents-page.tsx')),
        page('audit', () => import('../audit/audit-page.tsx')),
        page('privacy', () => import('../privacy/privacy-requests-page.tsx')),
        page('privacy/:requestId', () => import('../privacy/request-page.tsx')),
        page('retention', () => import('../retention/retention-page.tsx')),
        page('admin/staff', () => import('../admin/staff-page.tsx')),
        page('admin/tokens', () => import('../admin/tokens-page.tsx')),
        page('admin/crm', () => import('../admin/crm-connections-page.tsx')),
        page('admin/sites', () => import('../admin/sites-page.tsx')),
        page('api', () => import('../api-explorer/api-explorer-page.tsx')),
        page('status', () => import('../status/status-page.tsx')),
        page('*', () => import('../app/not-found-page.tsx')),
      ],
    },
  ]);
}
