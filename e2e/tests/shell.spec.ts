import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

import { HomePage } from '../pages/home-page.ts';

/** Serious and critical axe-core violations on the current page, one line per offending element. */
async function blockingAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary}`,
      ),
    );
}

test.describe('console shell', () => {
  test('loads at / and shows a healthy API', async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();

    await expect(page).toHaveTitle('Confide');
    await expect(home.banner).toContainText('Confide');
    await expect(home.heading).toBeVisible();
    await expect(home.healthReport('API healthy / database up')).toBeVisible();
    await expect(home.healthStatus).toContainText(/API version \d+\.\d+\.\d+/);

    const recheck = page.waitForResponse((response) => new URL(response.url()).pathname === '/healthz');
    await home.checkAgainButton.click();
    expect((await recheck).status()).toBe(200);
    await expect(home.healthReport('API healthy / database up')).toBeVisible();
  });

  test('has no serious or critical accessibility violations', async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();
    await expect(home.healthReport('API healthy / database up')).toBeVisible();

    expect(await blockingAccessibilityViolations(page)).toEqual([]);
  });

  test('shows the not-found page for an unknown route', async ({ page }) => {
    const response = await page.goto('/no/such/page');
    // The server answers unknown paths with the console's index.html; the console decides what is missing.
    expect(response?.status()).toBe(200);

    await expect(page).toHaveTitle('Page not found · Confide');
    await expect(
      page.getByRole('main').getByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeVisible();
    await expect(page.getByRole('main')).toContainText('/no/such/page');
    expect(await blockingAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await expect(page).toHaveURL('/');
    await expect(new HomePage(page).heading).toBeVisible();
  });
});
