import { expect, type Page } from '@playwright/test';

/** The demo seed's staff accounts (README), by what they do. */
export const demoLogins = {
  admin: 'admin@confide.test',
  sales: 'sales@confide.test',
  privacy: 'privacy@confide.test',
  lead: 'lead@confide.test',
} as const;
export const demoPassword = 'confide-demo';

/**
 * Signs in through the API, sharing the session cookie with the page: for tests whose subject is not the
 * sign-in form itself.
 */
export async function signInAs(page: Page, who: keyof typeof demoLogins): Promise<void> {
  const response = await page.request.post('/graphql', {
    data: {
      query: 'mutation($input: LoginInput!) { login(input: $input) { userErrors { message } } }',
      variables: { input: { email: demoLogins[who], password: demoPassword } },
    },
  });
  expect(response.ok()).toBe(true);
  expect(await response.json()).toEqual({ data: { login: { userErrors: [] } } });
}
