import { type APIRequestContext, expect, request } from '@playwright/test';

import { demoLogins, demoPassword } from './session.ts';

/** An API client signed in as a demo account, outside any page (its own cookie jar). */
export async function apiAs(baseURL: string, who: keyof typeof demoLogins): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  await graphql(api, 'mutation($input: LoginInput!) { login(input: $input) { userErrors { message } } }', {
    input: { email: demoLogins[who], password: demoPassword },
  });
  return api;
}

/** Runs a GraphQL operation and returns its data; fails the test on any error. */
export async function graphql<Data = Record<string, unknown>>(
  api: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await api.post('/graphql', { data: { query, variables } });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data: Data; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** The demo sites, by name. */
export async function demoSites(api: APIRequestContext): Promise<{ id: string; name: string }[]> {
  const { sites } = await graphql<{ sites: { id: string; name: string }[] }>(api, '{ sites { id name } }');
  return sites;
}

/** A HubSpot connection of a site pointed at a loopback stub, created as an admin would. */
export async function createHubSpotConnection(
  admin: APIRequestContext,
  input: { siteId: string; name: string; baseUrl: string; accessToken: string; portalId: string },
): Promise<string> {
  const { createCrmConnection } = await graphql<{
    createCrmConnection: { crmConnection: { id: string } | null; userErrors: unknown[] };
  }>(
    admin,
    `
      mutation ($input: CreateCrmConnectionInput!) {
        createCrmConnection(input: $input) {
          crmConnection {
            id
          }
          userErrors {
            field
            message
          }
        }
      }
    `,
    {
      input: {
        siteId: input.siteId,
        name: input.name,
        kind: 'HUBSPOT',
        baseUrl: input.baseUrl,
        credentials: { accessToken: input.accessToken },
        settings: { portalId: input.portalId },
      },
    },
  );
  expect(createCrmConnection.userErrors).toEqual([]);
  return createCrmConnection.crmConnection!.id;
}

/**
 * Deletes a connection with its export history and stored CRM ids, so a later erasure of an exported
 * subject does not wait on a stub that is gone.
 */
export async function deleteConnection(admin: APIRequestContext, id: string): Promise<void> {
  const { deleteCrmConnection } = await graphql<{ deleteCrmConnection: { userErrors: unknown[] } }>(
    admin,
    'mutation($input: CrmConnectionIdInput!) { deleteCrmConnection(input: $input) { userErrors { message } } }',
    { input: { id } },
  );
  expect(deleteCrmConnection.userErrors).toEqual([]);
}
