import { expect, request, test } from '@playwright/test';

import { ConsolePage } from '../pages/console-page.ts';
import { signInAs } from '../support/session.ts';

test('admin: create an API token, use it from outside the browser, revoke it', async ({ page, baseURL }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/tokens');
  const console = new ConsolePage(page);
  await expect(console.heading('API tokens')).toBeVisible();

  const name = `e2e ${Date.now()}`;
  await page.getByRole('button', { name: 'Create token' }).click();
  const form = page.getByRole('dialog', { name: 'Create API token' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('checkbox', { name: /^leads:read/ }).check();
  await form.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByRole('dialog', { name: `Token “${name}” created` });
  const token = (await shown.getByTestId('new-api-token').textContent())?.trim() ?? '';
  expect(token).toMatch(/^cfd_[A-Za-z0-9_-]{43}$/);
  await shown.getByRole('button', { name: 'I have stored it' }).click();
  await expect(page.getByRole('table', { name: 'API tokens' })).toContainText(name);

  // A separate HTTP client: no browser, no session cookie, only the token.
  const integrator = await request.newContext({ baseURL });
  const query = { query: '{ viewer { __typename permissions } leads(first: 1) { totalCount } }' };
  const headers = { authorization: `Bearer ${token}` };
  const allowed = await integrator.post('/graphql', { data: query, headers });
  expect(allowed.status()).toBe(200);
  const body = await allowed.json();
  expect(body.errors).toBeUndefined();
  expect(body.data.viewer).toEqual({ __typename: 'TokenViewer', permissions: ['LEADS_READ'] });
  expect(body.data.leads.totalCount).toBeGreaterThan(0);

  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Revoke “${name}”?` })
    .getByRole('button', { name: 'Revoke token' })
    .click();
  await expect(console.toast(`Token “${name}” revoked.`)).toBeVisible();
  await expect(row).toContainText('Revoked');

  const refused = await integrator.post('/graphql', { data: query, headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  await integrator.dispose();
});
