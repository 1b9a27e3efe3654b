import { Badge } from '@mantine/core';
import { Fragment } from 'react';

/** The marker the API puts where payment data was removed from a message before it was stored. */
export const REDACTION_MARKER = '[REDACTED]';

/** Message text with each redaction shown as a visible marker instead of the literal placeholder. */
export function MessageText({ text }: { text: string }) {
  const parts = text.split(REDACTION_MARKER);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && (
            <Badge
              component="span"
              color="red"
              variant="light"
              size="sm"
              mx={2}
              title="Payment data was removed from this message before it was stored"
            >
              redacted
            </Badge>
          )}
        </Fragment>
      ))}
    </>
  );
}
