import type { ApolloClient } from '@apollo/client';
import { createContext, use } from 'react';

import { graphql } from '../graphql/generated/index.ts';
import type { Permission, Role, SessionViewerQuery } from '../graphql/generated/graphql.ts';

export const SessionViewerDocument = graphql(`
  query SessionViewer {
    viewer {
      __typename
      permissions
      ... on StaffViewer {
        staffMember {
          id
          name
          email
          roles
        }
      }
    }
  }
`);

/** The signed-in staff member and what they may do, as the console uses it. */
export interface Session {
  staffMemberId: string;
  name: string;
  email: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
}

/** A session from `viewer`; null for anonymous callers (and API tokens, which cannot use the console). */
export function sessionFromViewer(viewer: SessionViewerQuery['viewer']): Session | null {
  if (viewer?.__typename !== 'StaffViewer') return null;
  const { staffMember } = viewer;
  return {
    staffMemberId: staffMember.id,
    name: staffMember.name,
    email: staffMember.email ?? '',
    roles: staffMember.roles ?? [],
    permissions: new Set(viewer.permissions),
  };
}

/** Asks the API who is signed in; served from the cache after the first call. */
export async function loadSession(client: ApolloClient): Promise<Session | null> {
  const { data } = await client.query({ query: SessionViewerDocument });
  return sessionFromViewer(data?.viewer ?? null);
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in staff member; only inside the signed-in part of the console. */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession is used outside the signed-in layout');
  return session;
}

/** Whether the signed-in staff member holds a permission (the server still checks every request). */
export function useCan(permission: Permission): boolean {
  return useSession().permissions.has(permission);
}

/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send a freshly
 * signed-in user elsewhere.
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/sign-in')) return '/';
  return next;
}

/** The sign-in page's address, remembering where to return. */
export function signInPath(reason: 'expired' | 'signed-out' | null, next?: string): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  if (next && safeNextPath(next) !== '/') params.set('next', next);
  const query = params.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
}
