import { expect, test } from '@playwright/test';

import { ConsolePage } from '../pages/console-page.ts';
import { blockingAccessibilityViolations } from '../support/accessibility.ts';
import { signInAs } from '../support/session.ts';

test('retention: preview what falls due, then count it with a dry run', async ({ page }) => {
  await signInAs(page, 'privacy');
  await page.goto('/retention');
  const console = new ConsolePage(page);
  await expect(console.heading('Retention')).toBeVisible();
  const site = page.getByRole('region', { name: 'Northwind Software' });
  const preview = site.getByRole('table', { name: 'Retention preview for Northwind Software' });
  await site.getByRole('combobox', { name: 'Horizon' }).selectOption({ label: 'Next 90 days' });
  await expect(preview.getByRole('row').nth(1)).toBeVisible();
  await console.settled();
  expect(await blockingAccessibilityViolations(page)).toEqual([]);

  await expect(site.getByRole('checkbox', { name: 'Dry run (only count)' })).toBeChecked();
  await site.getByRole('button', { name: 'Count what a sweep of Northwind Software would delete' }).click();
  await console.expectToast(/Dry run: the sweep would delete/);
  await expect(site.getByRole('table', { name: 'Sweeps of Northwind Software' })).toContainText('Dry run');
});
