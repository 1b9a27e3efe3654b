import { expect, type Locator, type Page } from '@playwright/test';

/** What every signed-in page has: the menu, the page heading, and toasts. */
export class ConsolePage {
  readonly main: Locator;
  readonly menu: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.menu = page.getByRole('navigation', { name: 'Main menu' });
  }

  heading(name: string | RegExp): Locator {
    return this.main.getByRole('heading', { level: 1, name });
  }

  /** A toast with this text. */
  toast(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  /**
   * Expects a toast with this text, then dismisses it: a toast stays while the pointer rests on it,
   * and would otherwise cover the buttons at the top right that the next step clicks.
   */
  async expectToast(text: string | RegExp): Promise<void> {
    const toast = this.toast(text);
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Dismiss notification' }).click();
    await expect(toast).toBeHidden();
  }

  /** Waits until no loading state is left in the main area. */
  async settled(): Promise<void> {
    await expect(this.main.getByRole('status').filter({ hasText: /^Loading|…$/ })).toHaveCount(0, {
      timeout: 15_000,
    });
  }
}
