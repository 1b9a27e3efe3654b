import { expect, test } from '@playwright/test';

import { ConsolePage } from '../pages/console-page.ts';
import { blockingAccessibilityViolations } from '../support/accessibility.ts';
import { signInAs } from '../support/session.ts';

// The demo seed's erasure subject: a lead in one conversation, typed into the text of another.
const subject = 'olena.kovalenko@example.com';

test('privacy: log an erasure request, discover, erase with typed confirmation, see the receipt', async ({
  page,
}) => {
  await signInAs(page, 'privacy');
  await page.goto('/privacy');
  const console = new ConsolePage(page);
  await expect(console.heading('Privacy requests')).toBeVisible();
  await console.settled();
  expect(await blockingAccessibilityViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Log a request' }).click();
  const form = page.getByRole('dialog', { name: 'Log a privacy request' });
  await form.getByRole('combobox', { name: 'Site' }).selectOption({ label: 'Northwind Software' });
  await form.getByRole('combobox', { name: 'Right exercised' }).selectOption({ label: 'Erasure' });
  await form.getByRole('combobox', { name: 'Received by' }).selectOption({ label: 'Email' });
  await form.getByRole('textbox', { name: 'Requester email' }).fill(subject);
  await form.getByRole('textbox', { name: 'Details' }).fill('Please delete everything you hold on me.');
  await form.getByRole('button', { name: 'Log the request' }).click();

  await expect(console.heading('Erasure request')).toBeVisible();
  const discovery = page.getByRole('region', { name: 'Held on this address' });
  await expect(discovery.getByRole('link', { name: /^Conversation of/ })).toHaveCount(2);
  await expect(discovery).toContainText('Olena');
  await console.settled();
  expect(await blockingAccessibilityViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Verify' }).click();
  await page
    .getByRole('dialog', { name: 'Verify the requester' })
    .getByRole('button', { name: 'Mark as verified' })
    .click();
  await console.expectToast('The requester is verified.');

  await page.getByRole('button', { name: 'Erase everything on this address…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Erase everything on this address' });
  await expect(confirm).toContainText('Conversations');
  const eraseButton = confirm.getByRole('button', { name: 'Erase', exact: true });
  await expect(eraseButton).toBeDisabled();
  await confirm.getByRole('textbox', { name: /Type the requester's address/ }).fill('someone@example.com');
  await expect(eraseButton).toBeDisabled();
  await confirm.getByRole('textbox', { name: /Type the requester's address/ }).fill(subject.toUpperCase());
  await eraseButton.click();

  const receipt = page.getByRole('region', { name: 'Erasure receipt' });
  await expect(receipt).toBeVisible();
  await expect(receipt).toContainText('Verified: no text column holds the address');
  await expect(receipt).toContainText('2 deleted');
  await expect(receipt.getByRole('button', { name: 'Copy the reply' })).toBeVisible();
  expect(await blockingAccessibilityViolations(page)).toEqual([]);

  await page.goto(`/conversations?q=${encodeURIComponent(subject)}`);
  await expect(page.getByText('No conversations match')).toBeVisible();
});
