import { expect, request, test } from '@playwright/test';

import { startHubSpotStub } from '../../api/src/crm/testing/crm-stubs.ts';
import { ConsolePage } from '../pages/console-page.ts';
import { blockingAccessibilityViolations } from '../support/accessibility.ts';
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
  await console.expectToast(`Token “${name}” revoked.`);
  await expect(row).toContainText('Revoked');

  const refused = await integrator.post('/graphql', { data: query, headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  await integrator.dispose();
});

test('admin: add a CRM connection, test it, replace its credential, disable and delete it', async ({
  page,
}) => {
  const accessToken = `pat-e2e-admin-${Date.now()}`;
  const hubspot = await startHubSpotStub(accessToken);
  try {
    await signInAs(page, 'admin');
    const console = new ConsolePage(page);
    await page.goto('/');
    await console.menu.getByRole('link', { name: 'CRM connections' }).click();
    await expect(console.heading('CRM connections')).toBeVisible();

    const name = `e2e CRM ${Date.now()}`;
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('dialog', { name: 'Add a CRM connection' });
    await form.getByRole('combobox', { name: 'CRM' }).selectOption('HUBSPOT');
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('textbox', { name: 'Base URL' }).fill(hubspot.url);
    await form.getByLabel('Private-app access token').fill(accessToken);
    await form.getByRole('textbox', { name: 'Portal id' }).fill('424242');
    expect(await blockingAccessibilityViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Add connection' }).click();
    await console.expectToast(`${name} added. Test it before sales export through it.`);

    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('Never tested');
    // The credential is write-only: nothing on the page shows it.
    await expect(page.locator('body')).not.toContainText(accessToken);
    await row.getByRole('button', { name: `Test ${name}` }).click();
    await expect(row.getByRole('status')).toHaveText(`${name} works.`);
    await expect(row).toContainText('Works');
    expect(hubspot.requests.at(-1)?.headers.authorization).toBe(`Bearer ${accessToken}`);
    await console.settled();
    expect(await blockingAccessibilityViolations(page)).toEqual([]);

    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('dialog', { name: 'Edit CRM connection' });
    await expect(edit.getByLabel('Private-app access token')).toHaveValue('');
    await edit.getByLabel('Private-app access token').fill('pat-revoked');
    await edit.getByRole('button', { name: 'Save connection' }).click();
    await console.expectToast(`${name} saved.`);
    await row.getByRole('button', { name: `Test ${name}` }).click();
    await expect(row.getByRole('status')).toContainText(`${name} failed:`);
    await expect(row).toContainText('Failed');

    await row.getByRole('button', { name: `Disable ${name}` }).click();
    await expect(row).toContainText('Disabled');

    await row.getByRole('button', { name: `Delete ${name}` }).click();
    await page
      .getByRole('dialog', { name: `Delete “${name}”?` })
      .getByRole('button', { name: 'Delete connection' })
      .click();
    await console.expectToast(`${name} deleted, with its export history.`);
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  } finally {
    await hubspot.close();
  }
});
