import { expect, test } from '@playwright/test';

import { WidgetDemoPage } from '../pages/widget-demo-page.ts';

test.describe('widget demo page', () => {
  test('chats into the demo site through the widget endpoint, redacting a card number', async ({ page }) => {
    const errors: string[] = [];
    // A Content-Security-Policy violation (e.g. a blocked script) shows up as a console error.
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const demo = new WidgetDemoPage(page);
    await demo.goto();

    const stored = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/v1/widget/messages',
    );
    await demo.send('Can I pay with 4111 1111 1111 1111?');
    const answer = (await (await stored).json()) as { redactionCount: number; conversationToken: string };
    expect(answer.redactionCount).toBe(1);
    expect(answer.conversationToken).toMatch(/^v1\./);

    await expect(demo.conversation.getByRole('listitem')).toHaveText([
      'You: Can I pay with 4111 1111 1111 1111? (payment data removed: 1)',
      /^Assistant: Thanks for your question!/,
    ]);
    await demo.emailInput.fill('ada@example.com');
    await demo.send('Please follow up');
    await expect(demo.conversation.getByRole('listitem')).toHaveCount(4);
    await expect(demo.conversation.getByRole('listitem').last()).toContainText('ada@example.com');
    expect(errors).toEqual([]);
  });
});
