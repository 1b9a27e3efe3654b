import type { Locator, Page } from '@playwright/test';

/** The console's home page: product name and the API health report. */
export class HomePage {
  readonly banner: Locator;
  readonly main: Locator;
  readonly heading: Locator;
  readonly healthStatus: Locator;
  readonly checkAgainButton: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 1, name: 'Confide' });
    this.healthStatus = this.main.getByRole('status');
    this.checkAgainButton = this.main.getByRole('button', { name: 'Check again' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  /** The result of the health check, once it has replaced the loading state. */
  healthReport(title: string | RegExp): Locator {
    return this.healthStatus.getByRole('group', { name: title });
  }
}
