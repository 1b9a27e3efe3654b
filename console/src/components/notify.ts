import { notifications } from '@mantine/notifications';

import { describeError } from '../graphql/errors.ts';

// Toasts are Notification components: the theme gives their close button a name and their text AA contrast.

/** A toast confirming that something worked. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', title: 'Done', message });
}

/** A toast saying that something failed, from an error or a message. */
export function notifyFailure(errorOrMessage: unknown): void {
  const message = typeof errorOrMessage === 'string' ? errorOrMessage : describeError(errorOrMessage);
  notifications.show({ color: 'red', title: 'That did not work', message, autoClose: 8000 });
}
