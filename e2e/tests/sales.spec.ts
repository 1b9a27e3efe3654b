import { readFile } from 'node:fs/promises';

import { expect, type Locator, test } from '@playwright/test';

import { startHubSpotStub } from '../../api/src/crm/testing/crm-stubs.ts';
import { ConsolePage } from '../pages/console-page.ts';
import { SignInPage } from '../pages/sign-in-page.ts';
import { blockingAccessibilityViolations } from '../support/accessibility.ts';
import { apiAs, createHubSpotConnection, deleteConnection, demoSites } from '../support/crm.ts';
import { demoLogins, demoPassword, signInAs } from '../support/session.ts';

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

    // The box follows a search changed elsewhere: the menu opens the list without one.
    const searchBox = page.getByRole('searchbox', { name: 'Search' });
    await console.menu.getByRole('link', { name: 'Conversations' }).click();
    await expect(searchBox).toHaveValue('');
    await expect(results.locator('mark')).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]q=/);
    // Enter searches at once.
    await searchBox.fill('Kovalenko');
    await searchBox.press('Enter');
    await expect(page).toHaveURL(/[?&]q=Kovalenko/);
    await expect(results.locator('mark').first()).toHaveText(/kovalenko/i);

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
    await console.expectToast('Olena Kovalenko is now contacted.');
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
    await console.expectToast(`${label} is now qualified.`);

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
    await console.expectToast(/Assigned to you: \d leads changed\./);
    await expect(owner.locator('option:checked')).toHaveText('Daniel Brooks');
  });
});

test('sales: export leads to a CRM (stub) with live progress and per-lead results, download CSV', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  // A loopback HubSpot stand-in, and a connection to it seeded through the API as the admin would.
  const accessToken = `pat-e2e-${Date.now()}`;
  const hubspot = await startHubSpotStub(accessToken);
  const admin = await apiAs(baseURL!, 'admin');
  const [site] = await demoSites(admin);
  const connectionName = `e2e HubSpot ${Date.now()}`;
  const connectionId = await createHubSpotConnection(admin, {
    siteId: site!.id,
    name: connectionName,
    baseUrl: hubspot.url,
    accessToken,
    portalId: '424242',
  });
  const connectionLabel = `${connectionName} (Hubspot, ${site!.name})`;
  try {
    await signInAs(page, 'sales');
    const console = new ConsolePage(page);
    /** Selects these rows of the leads table and opens the export dialog with the stub's connection. */
    const openExport = async (rows: Locator[]) => {
      for (const row of rows) await row.getByRole('checkbox').check();
      await page
        .getByRole('region', { name: 'Bulk actions' })
        .getByRole('button', { name: 'Export to CRM…' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Export to a CRM' });
      await dialog.getByRole('combobox', { name: 'Connection' }).selectOption({ label: connectionLabel });
      return dialog;
    };

    await test.step('export two consenting leads; progress updates while the CRM answers', async () => {
      // A slow CRM keeps the export running long enough to watch it.
      hubspot.setDelay(3000);
      await page.goto(`/leads?site=${encodeURIComponent(site!.id)}&exported=yes`);
      const table = page.getByRole('region', { name: 'Leads' });
      const dialog = await openExport([table.getByRole('row').nth(1), table.getByRole('row').nth(2)]);
      await expect(dialog).toContainText('2 leads go to');
      expect(await blockingAccessibilityViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Start export' }).click();

      await expect(console.heading(`Export to ${connectionName}`)).toBeVisible();
      const progress = page.getByRole('region', { name: 'Progress' });
      await expect(page.getByRole('button', { name: 'Cancel export' })).toBeVisible();
      // No reload: the page polls until every lead has an outcome.
      await expect(progress).toContainText('Completed', { timeout: 30_000 });
      await expect(progress).toContainText('2 done · 0 failed · 0 skipped of 2');
      await expect(page.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
      expect(hubspot.contacts.size).toBe(2);

      const results = page.getByRole('region', { name: 'Leads in this export' });
      const [contact] = [...hubspot.contacts.values()];
      const record = results.getByRole('link', { name: contact!.id });
      await expect(record).toHaveAttribute('href', new RegExp(`/contacts/424242/record/0-1/${contact!.id}$`));
      await console.settled();
      expect(await blockingAccessibilityViolations(page)).toEqual([]);
    });

    await test.step('a lead without CRM consent is marked in the table and skipped with the reason', async () => {
      hubspot.setDelay(0);
      await page.goto(`/leads?site=${encodeURIComponent(site!.id)}&exported=no`);
      const table = page.getByRole('region', { name: 'Leads' });
      const dialog = await openExport([table.getByRole('row').filter({ hasText: 'No CRM consent' }).first()]);
      await dialog.getByRole('button', { name: 'Start export' }).click();
      const progress = page.getByRole('region', { name: 'Progress' });
      await expect(progress).toContainText('0 done · 0 failed · 1 skipped of 1', { timeout: 30_000 });
      await expect(page.getByRole('region', { name: 'Leads in this export' })).toContainText(
        'No current CRM_TRANSFER consent or legal basis',
      );
      expect(hubspot.contacts.size).toBe(2);
    });

    await test.step('cancel an export while the CRM is slow', async () => {
      hubspot.setDelay(20_000);
      await page.goto(`/leads?site=${encodeURIComponent(site!.id)}&exported=yes`);
      const table = page.getByRole('region', { name: 'Leads' });
      const dialog = await openExport([table.getByRole('row').nth(1)]);
      await dialog.getByRole('button', { name: 'Start export' }).click();
      await page.getByRole('button', { name: 'Cancel export' }).click();
      await page
        .getByRole('dialog', { name: 'Cancel this export?' })
        .getByRole('button', { name: 'Cancel export' })
        .click();
      await console.expectToast(/Export cancelled/);
      await expect(page.getByRole('region', { name: 'Progress' })).toContainText('Cancelled');
    });

    await test.step('past exports are listed with their outcome', async () => {
      await page.getByRole('link', { name: 'Every export' }).click();
      await expect(console.heading('CRM exports')).toBeVisible();
      const exports = page.getByRole('region', { name: 'CRM exports' });
      await expect(exports.getByRole('row').filter({ hasText: connectionName })).toHaveCount(3);
      await expect(exports).toContainText('2 done · 0 failed · 0 skipped of 2');
    });

    await test.step('download the filtered leads as CSV', async () => {
      await page.goto(`/leads?site=${encodeURIComponent(site!.id)}&status=NEW`);
      await expect(page.getByRole('region', { name: 'Leads' }).getByRole('row').nth(1)).toBeVisible();
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download CSV of all matching' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await readFile((await download.path())!, 'utf8');
      const [header, ...rows] = text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(header).toBe(
        'First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lead Status,Lead Source,Created At,' +
          'Exported At,CRM Transfer Consent,Marketing Consent,Restricted,Objected',
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.includes(',NEW,'))).toBe(true);
    });
  } finally {
    // The cancelled export's batch may still be with the stub; it records its answer before deletion works.
    hubspot.setDelay(0);
    await expect(async () => deleteConnection(admin, connectionId)).toPass({ timeout: 40_000 });
    await admin.dispose();
    await hubspot.close();
  }
});
