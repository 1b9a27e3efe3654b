import type { Locator, Page } from '@playwright/test';

/** The widget demo page served at /demo/widget/: a chat into the demo site. */
export class WidgetDemoPage {
  readonly conversation: Locator;
  readonly messageInput: Locator;
  readonly emailInput: Locator;
  readonly sendButton: Locator;

  constructor(readonly page: Page) {
    this.conversation = page.getByRole('list', { name: 'Conversation' });
    this.messageInput = page.getByLabel('Your message');
    this.emailInput = page.getByLabel('Email', { exact: true });
    this.sendButton = page.getByRole('button', { name: 'Send' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/demo/widget/');
  }

  async send(text: string): Promise<void> {
    await this.messageInput.fill(text);
    await this.sendButton.click();
  }
}
