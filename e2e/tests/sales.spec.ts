import { expect, test } from '@playwright/test';

import { ConsolePage } from '../pages/console-page.ts';
import { SignInPage } from '../pages/sign-in-page.ts';
import { demoLogins, demoPassword } from '../support/session.ts';

test('sales: sign in, search, open a transcript, qualify its lead, triage in the leads table', async ({
  page,
}) => {
  // Five steps through five pages in one session.
  test.setTimeout(150_000);
  await page.goto('/sign-in');
  await new SignInPage(page).signIn(demoLogins.sales, demoPassword);
  const console = new ConsolePage(page);
  await expect(console.heading('Dashboard')).toBeVisible();

  await test.step('search conversations; the filter lands in the URL', async () => {
    await console.menu.getByRole('link', { name: 'Conversations' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Kovalenko');
    await expect(page).toHaveURL(/[?&]q=Kovalenko/);
    const results = page.getByRole('region', { name: 'Conversations' });
    // Highlighted snippets come from the API's match ranges.
    await expect(results.locator('mark').first()).toHaveText(/kovalenko/i);
    await expect(page.getByRole('status').filter({ hasText: /shown$/ })).toHaveText(/^\d+ of \d+ shown$/);

    await page.getByRole('combobox', { name: 'Lead' }).selectOption('yes');
    await expect(page).toHaveURL(/lead=yes/);
    await expect(results.getByRole('row')).toHaveCount(2); // the header and Olena's conversation
  });

  await test.step('open the transcript: messages, context, lead card', async () => {
    await page.getByRole('region', { name: 'Conversations' }).getByRole('link').first().click();
    await expect(console.heading(/^Conversation on /)).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Transcript' }).getByRole('listitem').first(),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Request context' })).toContainText('User agent');
    await expect(page.getByRole('region', { name: 'Retention' })).toContainText(/Deleted in \d+ days/);
    await expect(page.getByRole('region', { name: 'Lead: Olena Kovalenko' })).toContainText(
      'Olena.Kovalenko@example.com',
    );
  });

  await test.step('qualify the lead from its card; the change is stored', async () => {
    const card = page.getByRole('region', { name: 'Lead: Olena Kovalenko' });
    await card.getByRole('combobox', { name: 'Status' }).selectOption('CONTACTED');
    await expect(console.toast('Olena Kovalenko is now contacted.')).toBeVisible();
    await page.reload();
    await expect(
      page.getByRole('region', { name: 'Lead: Olena Kovalenko' }).getByRole('combobox', { name: 'Status' }),
    ).toHaveValue('CONTACTED');
  });

  await test.step('triage a new lead inline in the leads table', async () => {
    await page.goto('/leads?status=NEW');
    const table = page.getByRole('region', { name: 'Leads' });
    const firstStatus = table.getByRole('combobox', { name: /^Status of / }).first();
    const label = (await firstStatus.getAttribute('aria-label'))?.replace('Status of ', '') ?? '';
    await firstStatus.selectOption('QUALIFIED');
    await expect(console.toast(`${label} is now qualified.`)).toBeVisible();

    await page.goto('/leads?status=QUALIFIED');
    await expect(
      page.getByRole('region', { name: 'Leads' }).getByRole('combobox', { name: `Status of ${label}` }),
    ).toHaveValue('QUALIFIED');
  });

  await test.step('bulk-assign two selected leads', async () => {
    await page.goto('/leads?status=NEW');
    const table = page.getByRole('region', { name: 'Leads' });
    // Row 0 is the header, whose checkbox selects every lead shown.
    const owner = table
      .getByRole('row')
      .nth(1)
      .getByRole('combobox', { name: /^Owner of / });
    await table.getByRole('row').nth(1).getByRole('checkbox').check();
    await table.getByRole('row').nth(2).getByRole('checkbox').check();
    const bulk = page.getByRole('region', { name: 'Bulk actions' });
    await expect(bulk.getByRole('status')).toHaveText('2 leads selected');
    await bulk.getByRole('button', { name: 'Assign to me' }).click();
    await expect(console.toast(/Assigned to you: \d leads changed\./)).toBeVisible();
    await expect(owner.locator('option:checked')).toHaveText('Daniel Brooks');
  });
});
