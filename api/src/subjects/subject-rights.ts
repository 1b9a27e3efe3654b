import type {
  ConsentPurpose,
  ConsentSource,
  Lead,
  PrivacyRequest,
  PrivacyRequestType,
  Prisma,
  SubjectFlag,
  SubjectFlagKind,
} from '@confide/db';
import { normalizeSubjectEmail } from '../consents/consent-rules.ts';
import { withdrawConsent } from '../consents/withdraw-consent.ts';
import {
  actorIdOf,
  isUserError,
  lockRequest,
  maxReasonLength,
  startWork,
} from '../privacy-requests/request-rules.ts';
import type { RequestContext } from '../shared/context.ts';
import { toGlobalId } from '../shared/global-id.ts';
import type { UserErrorData } from '../shared/user-error.ts';

function problem(field: string, code: UserErrorData['code'], message: string): UserErrorData {
  return { field: ['input', field], code, message };
}

/**
 * Runs `work` on a verified request of one of `types`, under the request's row lock, moving it to
 * IN_PROGRESS and adding `event` to its timeline when the work succeeds.
 */
async function actOnRequest<T extends object>(
  context: RequestContext,
  requestId: string,
  types: readonly PrivacyRequestType[],
  work: (
    transaction: Prisma.TransactionClient,
    request: PrivacyRequest & { requesterEmailNormalized: string },
    actorId: string | null,
    now: Date,
  ) => Promise<
    { result: T; event?: { type: string; message: string; data?: Prisma.InputJsonObject } } | UserErrorData
  >,
): Promise<T | UserErrorData> {
  const now = context.now();
  const actorId = actorIdOf(context.viewer);
  return context.prisma.$transaction(async (transaction) => {
    const request = await lockRequest(transaction, requestId);
    if (!request) return problem('requestId', 'NOT_FOUND', 'No such privacy request');
    if (!types.includes(request.type)) {
      return problem('requestId', 'INVALID_STATE', `Only ${types.join(' or ')} requests allow this`);
    }
    const email = request.requesterEmailNormalized;
    if (!email) return problem('requestId', 'INVALID_STATE', "The requester's address was erased");
    const working = await startWork(transaction, request, actorId, now);
    if (isUserError(working)) return working;
    const outcome = await work(transaction, { ...working, requesterEmailNormalized: email }, actorId, now);
    if (isUserError(outcome)) return outcome;
    if (outcome.event) {
      await transaction.privacyRequestEvent.create({
        data: { requestId: request.id, actorId, occurredAt: now, ...outcome.event },
      });
    }
    return outcome.result;
  });
}

/**
 * RESTRICTION / OBJECTION: flags the requester's address on the request's site, which excludes the
 * subject from CRM export and marketing until lifted. Audited.
 */
export async function placeSubjectFlag(
  context: RequestContext,
  input: { requestId: string; reason?: string | null },
): Promise<{ flag: SubjectFlag | null; userErrors: UserErrorData[] }> {
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > maxReasonLength) {
    return {
      flag: null,
      userErrors: [problem('reason', 'TOO_LONG', `reason must be at most ${maxReasonLength} characters`)],
    };
  }
  const outcome = await actOnRequest(
    context,
    input.requestId,
    ['RESTRICTION', 'OBJECTION'],
    async (transaction, request, actorId, now) => {
      const kind: SubjectFlagKind = request.type === 'RESTRICTION' ? 'RESTRICTION' : 'OBJECTION';
      const flag = await transaction.subjectFlag.create({
        data: {
          siteId: request.siteId,
          subjectEmailNormalized: request.requesterEmailNormalized,
          kind,
          reason,
          requestId: request.id,
          placedById: actorId,
          placedAt: now,
        },
      });
      return {
        result: flag,
        event: { type: 'FLAG_PLACED', message: `${kind} placed`, data: { flagId: flag.id, kind } },
      };
    },
  );
  if (isUserError(outcome)) return { flag: null, userErrors: [outcome] };
  context.audit.record({
    action: 'privacy.flag.place',
    targetType: 'SubjectFlag',
    targetIds: [outcome.id, input.requestId],
    details: { kind: outcome.kind, siteId: outcome.siteId },
  });
  return { flag: outcome, userErrors: [] };
}

/** Lifts a restriction or objection; processing may resume from now. Audited. */
export async function liftSubjectFlag(
  context: RequestContext,
  input: { flagId: string },
): Promise<{ flag: SubjectFlag | null; userErrors: UserErrorData[] }> {
  const now = context.now();
  const actorId = actorIdOf(context.viewer);
  const flag = await context.prisma.subjectFlag.findUnique({ where: { id: input.flagId } });
  if (!flag) return { flag: null, userErrors: [problem('flagId', 'NOT_FOUND', 'No such flag')] };
  if (flag.liftedAt)
    return { flag: null, userErrors: [problem('flagId', 'INVALID_STATE', 'The flag was lifted already')] };
  const lifted = await context.prisma.$transaction(async (transaction) => {
    const updated = await transaction.subjectFlag.update({
      where: { id: flag.id },
      data: { liftedAt: now, liftedById: actorId },
    });
    if (flag.requestId) {
      await transaction.privacyRequestEvent.create({
        data: {
          requestId: flag.requestId,
          type: 'FLAG_LIFTED',
          actorId,
          message: `${flag.kind} lifted`,
          data: { flagId: flag.id },
          occurredAt: now,
        },
      });
    }
    return updated;
  });
  context.audit.record({
    action: 'privacy.flag.lift',
    targetType: 'SubjectFlag',
    targetIds: [flag.id],
    details: { kind: flag.kind, siteId: flag.siteId },
  });
  return { flag: lifted, userErrors: [] };
}

export interface ContactCorrection {
  name?: string | null;
  jobTitle?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
}

const e164 = /^\+[1-9]\d{6,14}$/;
const maxContactLength = 200;

/**
 * RECTIFICATION: corrects the contact fields of one of the requester's leads on the request's site.
 * The old values are kept only in the audit trail ("privacy.rectify" details), which an erasure of
 * the subject redacts.
 */
export async function rectifyLead(
  context: RequestContext,
  input: { requestId: string; leadId: string; changes: ContactCorrection },
): Promise<{ lead: Lead | null; userErrors: UserErrorData[] }> {
  const data: Record<string, string | null> = {};
  const errors: UserErrorData[] = [];
  for (const [field, raw] of Object.entries(input.changes) as [
    keyof ContactCorrection,
    string | null | undefined,
  ][]) {
    if (raw === undefined) continue;
    const value = raw?.trim() || null;
    if (value && value.length > maxContactLength) {
      errors.push(problem(field, 'TOO_LONG', `${field} must be at most ${maxContactLength} characters`));
    } else if (field === 'email' && value !== null && !normalizeSubjectEmail(value)) {
      errors.push(problem(field, 'INVALID', 'Not an email address'));
    } else if (field === 'phone' && value !== null && !e164.test(value.replace(/[\s().-]/g, ''))) {
      errors.push(problem(field, 'INVALID', 'Not a phone number in international format (+…)'));
    } else {
      data[field] = field === 'phone' && value ? value.replace(/[\s().-]/g, '') : value;
    }
  }
  if (Object.keys(data).length === 0 && errors.length === 0)
    errors.push(problem('changes', 'REQUIRED', 'Nothing to correct'));
  if (errors.length > 0) return { lead: null, userErrors: errors };

  let changes: Record<string, { from: string | null; to: string | null }> = {};
  const outcome = await actOnRequest(
    context,
    input.requestId,
    ['RECTIFICATION'],
    async (transaction, request, _actorId, now) => {
      const lead = await transaction.lead.findUnique({ where: { id: input.leadId } });
      if (
        !lead ||
        lead.siteId !== request.siteId ||
        lead.emailNormalized !== request.requesterEmailNormalized
      ) {
        return problem('leadId', 'NOT_FOUND', "No lead of the requester's on this site");
      }
      changes = Object.fromEntries(
        Object.entries(data)
          .filter(([field, value]) => lead[field as keyof ContactCorrection] !== value)
          .map(([field, value]) => [field, { from: lead[field as keyof ContactCorrection], to: value }]),
      );
      const updated = await transaction.lead.update({
        where: { id: lead.id },
        data: {
          ...data,
          ...(data.email !== undefined && {
            emailNormalized: data.email ? normalizeSubjectEmail(data.email) : null,
          }),
          updatedAt: now,
        },
      });
      // The timeline names the fields only; the values live in the audit trail.
      return {
        result: updated,
        event: {
          type: 'RECTIFIED',
          message: 'Contact details corrected',
          data: { leadId: lead.id, fields: Object.keys(changes) },
        },
      };
    },
  );
  if (isUserError(outcome)) return { lead: null, userErrors: [outcome] };
  context.audit.record({
    action: 'privacy.rectify',
    targetType: 'Lead',
    targetIds: [outcome.id, input.requestId],
    details: { changes },
  });
  return { lead: outcome, userErrors: [] };
}

const sourceOfChannel: Record<PrivacyRequest['channel'], ConsentSource> = {
  EMAIL: 'EMAIL',
  FORM: 'FORM',
  PHONE: 'STAFF',
  OTHER: 'STAFF',
};

/**
 * WITHDRAW_CONSENT: appends a withdrawal to the consent ledger for each purpose the requester has
 * currently granted on the request's site (through the consent domain's own use case, which audits
 * each entry); purposes not granted are reported, not refused.
 */
export async function withdrawSubjectConsents(
  context: RequestContext,
  input: { requestId: string; purposes: ConsentPurpose[] },
): Promise<{ withdrawn: ConsentPurpose[]; notGranted: ConsentPurpose[]; userErrors: UserErrorData[] }> {
  const purposes = [...new Set(input.purposes)];
  if (purposes.length === 0) {
    return {
      withdrawn: [],
      notGranted: [],
      userErrors: [problem('purposes', 'REQUIRED', 'Name at least one purpose')],
    };
  }
  const request = await actOnRequest(
    context,
    input.requestId,
    ['WITHDRAW_CONSENT'],
    async (_transaction, request) => ({ result: request }),
  );
  if (isUserError(request)) return { withdrawn: [], notGranted: [], userErrors: [request] };
  const withdrawn: ConsentPurpose[] = [];
  const notGranted: ConsentPurpose[] = [];
  for (const purpose of purposes) {
    const result = await withdrawConsent(context, {
      siteId: toGlobalId('Site', request.siteId),
      subjectEmail: request.requesterEmailNormalized,
      purpose,
      source: sourceOfChannel[request.channel],
      evidence: `Privacy request ${request.id}`,
    });
    (result.consent ? withdrawn : notGranted).push(purpose);
  }
  await context.prisma.privacyRequestEvent.create({
    data: {
      requestId: request.id,
      type: 'CONSENT_WITHDRAWN',
      actorId: actorIdOf(context.viewer),
      message: withdrawn.length ? `Withdrawn: ${withdrawn.join(', ')}` : 'Nothing was granted to withdraw',
      data: { withdrawn, notGranted },
      occurredAt: context.now(),
    },
  });
  return { withdrawn, notGranted, userErrors: [] };
}
