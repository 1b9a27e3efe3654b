import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';

import { notifyFailure, notifySuccess } from '../components/notify.ts';
import { describeUserErrors, type UserErrorLike } from '../graphql/errors.ts';

interface RequestActionProps {
  /** The button that opens the confirmation. */
  label: string;
  title: string;
  confirmLabel: string;
  color?: string;
  /** What the action does, said before it is confirmed. */
  explanation: ReactNode;
  /** The form's fields, given the user errors of the last attempt. */
  fields?: (userErrors: readonly UserErrorLike[]) => ReactNode;
  /** Runs the mutation with the form's values and returns its user errors. */
  run: (form: FormData) => Promise<readonly UserErrorLike[] | undefined>;
  success: string;
  onDone: () => void;
}

/** A button opening a confirmation dialog that runs one change to a request, with a toast either way. */
export function RequestAction({
  label,
  title,
  confirmLabel,
  color,
  explanation,
  fields,
  run,
  success,
  onDone,
}: RequestActionProps) {
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [userErrors, setUserErrors] = useState<readonly UserErrorLike[]>([]);
  const close = () => {
    setOpened(false);
    setUserErrors([]);
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      const errors = (await run(new FormData(event.currentTarget))) ?? [];
      setUserErrors(errors);
      if (errors.length > 0) return;
      notifySuccess(success);
      close();
      onDone();
    } catch (error) {
      notifyFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant={color ? 'light' : 'default'} color={color} onClick={() => setOpened(true)}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title}>
        <form onSubmit={handleSubmit}>
          <Stack gap="sm">
            <Text size="sm">{explanation}</Text>
            {fields?.(userErrors)}
            {describeUserErrors(userErrors) && (
              <Text c="red.9" size="sm" role="alert">
                {describeUserErrors(userErrors)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color={color} loading={busy}>
                {confirmLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
