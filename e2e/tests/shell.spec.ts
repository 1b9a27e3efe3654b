import { expect, test } from '@playwright/test';

import { ConsolePage } from '../pages/console-page.ts';
import { SignInPage } from '../pages/sign-in-page.ts';
import { blockingAccessibilityViolations } from '../support/accessibility.ts';
import { demoLogins, demoPassword, signInAs } from '../support/session.ts';

test.describe('console shell', () => {
  test('sends visitors to the sign-in page and back where they were going', async ({ page }) => {
    await page.goto('/leads?status=NEW');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fleads%3Fstatus%3DNEW$/);
    await expect(page).toHaveTitle('Sign in · Confide');
    expect(await blockingAccessibilityViolations(page)).toEqual([]);

    const signIn = new SignInPage(page);
    await signIn.signIn(demoLogins.sales, 'not the password');
    await expect(page.getByRole('alert').filter({ hasText: 'Could not sign in' })).toBeVisible();

    await signIn.signIn(demoLogins.sales, demoPassword);
    await expect(page).toHaveURL('/leads?status=NEW');
    await expect(new ConsolePage(page).heading('Leads')).toBeVisible();
  });

  test('shows each role only the pages it may use', async ({ page }) => {
    await signInAs(page, 'sales');
    await page.goto('/');
    const console = new ConsolePage(page);
    await expect(console.heading('Dashboard')).toBeVisible();
    await expect(console.menu.getByRole('link')).toHaveText([
      'Dashboard',
      'Conversations',
      'Leads',
      'Consents',
      'Sites',
      'API explorer',
      'System status',
    ]);
    // The server refuses the data anyway; the console says so instead of showing errors.
    await page.goto('/admin/tokens');
    await expect(console.heading('No access')).toBeVisible();
  });

  test('returns to the sign-in page with a message when the session ends', async ({ page, context }) => {
    await signInAs(page, 'sales');
    await page.goto('/conversations');
    const console = new ConsolePage(page);
    await expect(console.heading('Conversations')).toBeVisible();
    // Loaded, count included (it follows the page): the session ends between requests, not during one.
    await expect(page.getByRole('status').filter({ hasText: / of [\d,]+ shown$/ })).toBeVisible();

    await context.clearCookies();
    await console.menu.getByRole('link', { name: 'Leads' }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=expired&next=%2Fleads$/);
    await expect(new SignInPage(page).notice).toHaveText(
      'Your session has expired. Sign in again to continue.',
    );
  });

  test('signs out on the server', async ({ page }) => {
    await signInAs(page, 'privacy');
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/sign-in?reason=signed-out');
    await page.goto('/consents');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fconsents$/);
  });

  test('reports the API healthy and shows the not-found page', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/status');
    await expect(page.getByRole('group', { name: 'API healthy / database up' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('status')).toContainText(/API version \d+\.\d+\.\d+/);

    const response = await page.goto('/no/such/page');
    // The server answers unknown paths with the console's index.html; the console decides what is missing.
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Page not found · Confide');
    await expect(page.getByRole('main')).toContainText('/no/such/page');
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await expect(new ConsolePage(page).heading('Dashboard')).toBeVisible();
  });
});
