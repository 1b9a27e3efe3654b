import { z } from 'zod';
import { consentPurposes, maxEvidenceLength, maxPolicyVersionLength } from '../consents/consent-rules.ts';

/** The largest request body the widget endpoint reads. */
export const maxWidgetBodyBytes = 32 * 1024;
/** Request context is cut to these lengths before it is stored. */
export const maxUserAgentLength = 512;
export const maxUrlLength = 2048;

const shortText = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** What the widget sends with every message (docs/widget.md). */
export const widgetMessageSchema = z.object({
  siteKey: z.string().min(1, 'is required').max(200),
  conversationId: z.uuid({ message: 'must be a UUID' }),
  channel: z.enum(['WIDGET', 'AI_PAGE'], { message: 'must be WIDGET or AI_PAGE' }),
  message: z.object({
    id: z.uuid({ message: 'must be a UUID' }),
    role: z.enum(['VISITOR', 'ASSISTANT'], { message: 'must be VISITOR or ASSISTANT' }),
    // The site's own limit (messageMaxLength) is checked after the site is known, as a 413.
    text: z.string().trim().min(1, 'must not be empty'),
    sentAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
  }),
  contact: z
    .strictObject({
      name: shortText(200).optional(),
      role: shortText(200).optional(),
      email: shortText(254).optional(),
      phone: shortText(40).optional(),
      company: shortText(200).optional(),
    })
    .optional(),
  consents: z
    .array(
      z.object({
        purpose: z.enum(consentPurposes as [string, ...string[]], {
          message: `must be one of ${consentPurposes.join(', ')}`,
        }),
        granted: z.boolean({ message: 'must be true or false' }),
        policyVersion: shortText(maxPolicyVersionLength).optional(),
        text: shortText(maxEvidenceLength).optional(),
      }),
    )
    .max(consentPurposes.length * 2, 'too many entries')
    .optional(),
  page: z
    .strictObject({
      url: z.string().optional(),
      referrer: z.string().optional(),
    })
    .optional(),
  turnstileToken: z.string().min(1).max(4096).optional(),
  conversationToken: z.string().min(1).max(200).optional(),
});

export type WidgetMessage = z.infer<typeof widgetMessageSchema>;

/** Each problem as a dotted path and a sentence, e.g. { path: 'message.id', message: 'must be a UUID' }. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`));
    const joined = path.join('').replace(/^\./, '') || '(body)';
    return { path: joined, message: issue.message };
  });
}
