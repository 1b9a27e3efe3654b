import { expect, type Page, test } from '@playwright/test';

import { ConsolePage } from '../pages/console-page.ts';
import { blockingAccessibilityViolations } from '../support/accessibility.ts';
import { signInAs } from '../support/session.ts';

interface MainPage {
  path: string | ((page: Page) => Promise<string>);
  heading: string | RegExp;
  /** Something that is there only once the page's data has loaded. */
  ready: (page: Page) => ReturnType<Page['getByRole']>;
  /** Third-party widgets left out of the axe check. */
  axeExclude?: string[];
}

const firstConversationPath = async (page: Page) => {
  await page.goto('/conversations?lead=yes');
  const link = page.getByRole('region', { name: 'Conversations' }).getByRole('link').first();
  return (await link.getAttribute('href')) ?? '/conversations';
};

// Every main page, as a role that may open it. Shot at 1024 px, the narrowest width the console supports.
const pagesByRole: Record<'lead' | 'admin', MainPage[]> = {
  lead: [
    { path: '/', heading: 'Dashboard', ready: (page) => page.getByRole('table', { name: 'Newest leads' }) },
    {
      path: '/conversations?q=plan',
      heading: 'Conversations',
      ready: (page) => page.getByRole('table', { name: 'Conversations' }),
    },
    {
      path: firstConversationPath,
      heading: /^Conversation on /,
      ready: (page) => page.getByRole('region', { name: /^Lead: / }),
    },
    { path: '/leads', heading: 'Leads', ready: (page) => page.getByRole('table', { name: 'Leads' }) },
    {
      path: '/leads/exports',
      heading: 'CRM exports',
      ready: (page) => page.getByRole('link', { name: 'Back to leads' }),
    },
    {
      path: '/consents',
      heading: 'Consents',
      ready: (page) => page.getByRole('table', { name: 'Consent ledger' }),
    },
    {
      path: '/retention',
      heading: 'Retention',
      ready: (page) => page.getByRole('table', { name: /^Latest sweeps/ }).first(),
    },
  ],
  admin: [
    { path: '/', heading: 'Dashboard', ready: (page) => page.getByRole('region', { name: 'Retention' }) },
    {
      path: '/audit',
      heading: 'Audit log',
      ready: (page) => page.getByRole('table', { name: 'Audit events' }),
    },
    {
      path: '/admin/staff',
      heading: 'Staff',
      ready: (page) => page.getByRole('table', { name: 'Staff accounts' }),
    },
    {
      path: '/admin/tokens',
      heading: 'API tokens',
      ready: (page) => page.getByRole('button', { name: 'Create token' }),
    },
    {
      path: '/admin/crm',
      heading: 'CRM connections',
      ready: (page) => page.getByRole('button', { name: 'Add connection' }),
    },
    {
      path: '/admin/sites',
      heading: 'Sites',
      ready: (page) => page.getByRole('table', { name: /^Policy of / }).first(),
    },
    {
      path: '/api',
      heading: 'API explorer',
      ready: (page) => page.getByRole('button', { name: /Execute query/i }),
      // GraphiQL's own editor (Monaco line numbers, tab list, logo); the page around it is checked.
      axeExclude: ['.graphiql-container'],
    },
    {
      path: '/status',
      heading: 'System status',
      ready: (page) => page.getByRole('group', { name: /^API healthy/ }),
    },
  ],
};

test.use({ viewport: { width: 1024, height: 800 } });

for (const [role, pages] of Object.entries(pagesByRole) as [keyof typeof pagesByRole, MainPage[]][]) {
  for (const entry of pages) {
    const title = typeof entry.path === 'string' ? entry.path : 'a transcript';
    test(`${role}: ${title} loads, passes axe, and is kept as a screenshot`, async ({ page }, testInfo) => {
      await signInAs(page, role);
      const console = new ConsolePage(page);
      const path = typeof entry.path === 'string' ? entry.path : await entry.path(page);
      await page.goto(path);
      await expect(console.heading(entry.heading)).toBeVisible();
      await expect(entry.ready(page)).toBeVisible({ timeout: 20_000 });
      await console.settled();
      expect(await blockingAccessibilityViolations(page, entry.axeExclude)).toEqual([]);
      await testInfo.attach(`${role} ${title}`, {
        body: await page.screenshot({ fullPage: true }),
        contentType: 'image/png',
      });
    });
  }
}
