import {
  subjectHash,
  type PrivacyRequest,
  type PrivacyRequestChannel,
  type PrivacyRequestType,
  type Prisma,
} from '@confide/db';
import { normalizeSubjectEmail } from '../consents/consent-rules.ts';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { requestDeadlines } from './deadlines.ts';
import { actorIdOf, maxDetailsLength } from './request-rules.ts';

export interface CreatePrivacyRequestInput {
  siteId: string;
  type: PrivacyRequestType;
  channel: PrivacyRequestChannel;
  requesterEmail: string;
  details?: string | null;
  /** Database id of a PRIVACY staff member. */
  assigneeId?: string | null;
  /** Defaults to now; not in the future. */
  receivedAt?: Date | null;
}

export interface PrivacyRequestResult {
  request: PrivacyRequest | null;
  userErrors: UserErrorData[];
}

/** The keyed hash requests and receipts keep of a subject; the key is the instance's (config). */
export function subjectHashOf(context: Pick<RequestContext, 'config'>, normalizedEmail: string): string {
  const key = context.config.subjectHashSecret;
  if (!key) throw new Error('The subject hash secret is not configured');
  return subjectHash(normalizedEmail, key);
}

/**
 * Logs a data-subject request with its deadlines from the site's policy, and its first timeline
 * entry. Audited as "privacy_request.create" (without the address).
 */
export async function createPrivacyRequest(
  context: RequestContext,
  input: CreatePrivacyRequestInput,
  options: { immediate?: boolean; transaction?: Prisma.TransactionClient; message?: string } = {},
): Promise<PrivacyRequestResult> {
  const prisma = options.transaction ?? context.prisma;
  const userErrors: UserErrorData[] = [];
  const email = normalizeSubjectEmail(input.requesterEmail);
  if (!email)
    userErrors.push({ field: ['input', 'requesterEmail'], code: 'INVALID', message: 'Not an email address' });
  if (input.details && input.details.length > maxDetailsLength) {
    userErrors.push({
      field: ['input', 'details'],
      code: 'TOO_LONG',
      message: `details must be at most ${maxDetailsLength} characters`,
    });
  }
  const now = context.now();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) {
    userErrors.push({
      field: ['input', 'receivedAt'],
      code: 'INVALID',
      message: 'receivedAt is in the future',
    });
  }
  const site = await prisma.site.findUnique({ where: { id: input.siteId } });
  if (!site) userErrors.push({ field: ['input', 'siteId'], code: 'NOT_FOUND', message: 'No such site' });
  if (input.assigneeId) {
    const assignee = await prisma.staffUser.findUnique({ where: { id: input.assigneeId } });
    if (!assignee || assignee.disabledAt || !assignee.roles.includes('PRIVACY')) {
      userErrors.push({
        field: ['input', 'assigneeId'],
        code: 'NOT_ASSIGNABLE',
        message: 'Requests can only be assigned to enabled privacy staff',
      });
    }
  }
  if (userErrors.length > 0 || !site || !email) return { request: null, userErrors };

  const deadlines = requestDeadlines(site, input.type, receivedAt, { immediate: options.immediate ?? false });
  const request = await prisma.privacyRequest.create({
    data: {
      siteId: site.id,
      type: input.type,
      channel: input.channel,
      requesterEmail: input.requesterEmail.trim(),
      requesterEmailNormalized: email,
      requesterEmailHash: subjectHashOf(context, email),
      details: input.details?.trim() || null,
      assigneeId: input.assigneeId ?? null,
      receivedAt,
      examinationDueAt: deadlines.examinationDueAt,
      dueAt: deadlines.dueAt,
      createdAt: now,
      updatedAt: now,
      events: {
        create: {
          type: 'CREATED',
          actorId: actorIdOf(context.viewer),
          message: options.message ?? `Request received by ${input.channel.toLowerCase()}`,
          data: { type: input.type, channel: input.channel, dueAt: deadlines.dueAt.toISOString() },
          occurredAt: now,
        },
      },
    },
  });
  context.audit.record({
    action: 'privacy_request.create',
    targetType: 'PrivacyRequest',
    targetIds: [request.id],
    details: { siteId: site.id, type: request.type, channel: request.channel },
  });
  return { request, userErrors: [] };
}
