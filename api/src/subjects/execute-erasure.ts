import type { ErasureReceipt, Prisma, PrivacyRequest } from '@confide/db';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { redactAuditEvents, redactedDetails } from '../audit/audit-log.ts';
import { normalizeSubjectEmail } from '../consents/consent-rules.ts';
import { subjectHashOf } from '../privacy-requests/create-privacy-request.ts';
import { actorIdOf, isUserError, lockRequest, startWork } from '../privacy-requests/request-rules.ts';
import type { RequestContext } from '../shared/context.ts';
import { encryptText } from '../shared/encryption.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { discoverSubject, escapeLike, type SubjectDiscovery } from './discover-subject.ts';
import { scanSubjectTraces, type TraceMatch } from './scan-subject-traces.ts';

export interface ExecuteErasureResult {
  receipt: ErasureReceipt | null;
  /** Columns that still hold the subject's email, names or phones after the erasure; empty is the proof. */
  remainingTraces: TraceMatch[];
  userErrors: UserErrorData[];
}

type Counts = Record<string, number>;

function problem(field: string, code: UserErrorData['code'], message: string): UserErrorData {
  return { field: ['input', field], code, message };
}

/** The site's reply template filled in: {{site}}, {{date}} (the site's local date), {{count}} conversations. */
export function erasureReply(
  site: { name: string; timezone: string; erasureReplyTemplate: string },
  completedAt: Date,
  conversations: number,
): string {
  return site.erasureReplyTemplate
    .replaceAll('{{site}}', site.name)
    .replaceAll('{{date}}', format(new TZDate(completedAt, site.timezone), 'yyyy-MM-dd'))
    .replaceAll('{{count}}', String(conversations));
}

function addCounts(previous: Prisma.JsonValue, added: Counts): Counts {
  const base = (
    previous && typeof previous === 'object' && !Array.isArray(previous) ? previous : {}
  ) as Counts;
  const sum: Counts = { ...base };
  for (const [key, value] of Object.entries(added)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

/**
 * Deletes everything the subject's discovery finds on the request's site, in one transaction so a
 * crash leaves either nothing done or everything done (a rerun finishes or repeats it harmlessly):
 * conversations with their messages and detected contacts, leads with their notes, consents, flags,
 * access exports; queues the erasure in every CRM a lead was exported to (the email encrypted for
 * the worker); redacts audit details about those records or naming the subject; clears the address
 * from the subject's requests (the keyed hash stays); and writes or adds to the receipt. Records
 * under an active legal hold are kept and counted. Then scans every text column for the address and
 * the names and phones captured with it, and records the result on the receipt.
 */
export async function executeErasure(
  context: RequestContext,
  input: { requestId: string; confirmEmail: string },
): Promise<ExecuteErasureResult> {
  const refused = (error: UserErrorData): ExecuteErasureResult => ({
    receipt: null,
    remainingTraces: [],
    userErrors: [error],
  });
  const email = normalizeSubjectEmail(input.confirmEmail);
  if (!email) return refused(problem('confirmEmail', 'INVALID', 'Not an email address'));
  const subjectHash = subjectHashOf(context, email);
  const { encryptionKey } = context.config;
  if (!encryptionKey) throw new Error('The encryption key is not configured');
  const actorId = actorIdOf(context.viewer);
  const now = context.now();

  const outcome = await context.prisma.$transaction(
    async (transaction) => {
      const request = await lockRequest(transaction, input.requestId);
      if (!request) return problem('requestId', 'NOT_FOUND', 'No such privacy request');
      if (request.type !== 'ERASURE') return problem('requestId', 'INVALID_STATE', 'Not an erasure request');
      // The address retyped must be the requester's: the hash survives the erasure, so reruns check too.
      if (request.requesterEmailHash !== subjectHash) {
        return problem('confirmEmail', 'CONFIRMATION_MISMATCH', "The email typed is not the requester's");
      }
      const rerun = request.status === 'COMPLETED';
      const working = rerun ? request : await startWork(transaction, request, actorId, now);
      if (isUserError(working)) return working;
      const site = await transaction.site.findUniqueOrThrow({ where: { id: request.siteId } });
      const found = await discoverSubject(transaction, email, { siteId: site.id, subjectHash });
      const { counts, recordIds } = await eraseFound(transaction, found, request, now);

      const existing = await transaction.erasureReceipt.findUnique({ where: { requestId: request.id } });
      const total = addCounts(existing?.counts ?? {}, counts);
      const receipt = existing
        ? await transaction.erasureReceipt.update({
            where: { id: existing.id },
            data: {
              counts: total,
              completedAt: now,
              verificationPassed: null,
              verifiedAt: null,
              replyText: erasureReply(site, now, total.conversations ?? 0),
            },
          })
        : await transaction.erasureReceipt.create({
            data: {
              requestId: request.id,
              siteId: site.id,
              subjectHash,
              counts: total,
              executedById: actorId,
              startedAt: now,
              completedAt: now,
              replyText: erasureReply(site, now, total.conversations ?? 0),
            },
          });
      // Before the leads go: each CRM record is what the worker needs to find the contact there.
      const queued = await queueCrmErasures(transaction, found, receipt.id, email, encryptionKey);
      const withCrm = queued
        ? await transaction.erasureReceipt.update({
            where: { id: receipt.id },
            data: { counts: { ...total, crmErasuresQueued: (total.crmErasuresQueued ?? 0) + queued } },
          })
        : receipt;
      await deleteRecords(transaction, recordIds);
      const redacted = await redactSubjectAudit(transaction, recordIds.all, found, now);
      const final = await transaction.erasureReceipt.update({
        where: { id: receipt.id },
        data: {
          counts: {
            ...(withCrm.counts as Counts),
            auditEventsRedacted: ((withCrm.counts as Counts).auditEventsRedacted ?? 0) + redacted,
          },
        },
      });
      await transaction.privacyRequestEvent.create({
        data: {
          requestId: request.id,
          type: 'ERASURE_EXECUTED',
          actorId,
          message: rerun ? 'Erasure run again after completion' : 'Erased every record linked to the address',
          data: { counts },
          occurredAt: now,
        },
      });
      return { receipt: final, found };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if (isUserError(outcome)) return refused(outcome);

  const { found } = outcome;
  const remainingTraces = await scanSubjectTraces(
    context.prisma,
    [email, ...found.identifiers.names, ...found.identifiers.phones],
    outcome.receipt.siteId,
  );
  const receipt = await context.prisma.erasureReceipt.update({
    where: { id: outcome.receipt.id },
    data: { verificationPassed: remainingTraces.length === 0, verifiedAt: context.now() },
  });
  await context.prisma.privacyRequestEvent.create({
    data: {
      requestId: input.requestId,
      type: 'ERASURE_VERIFIED',
      actorId,
      message:
        remainingTraces.length === 0
          ? 'No text column holds the address, names or phone numbers any more'
          : 'Traces remain; see data for the columns',
      // Table and column names with row counts only: never the values found.
      data: {
        passed: remainingTraces.length === 0,
        remaining: remainingTraces.map((trace) => ({ ...trace })),
      },
      occurredAt: context.now(),
    },
  });
  context.audit.record({
    action: 'privacy.erasure',
    targetType: 'PrivacyRequest',
    targetIds: [input.requestId],
    details: {
      receiptId: receipt.id,
      counts: receipt.counts as Counts,
      verificationPassed: receipt.verificationPassed,
    },
  });
  return { receipt, remainingTraces, userErrors: [] };
}

interface RecordIds {
  conversations: string[];
  leads: string[];
  consents: string[];
  flags: string[];
  /** Every id above plus the requests', for finding audit events about them. */
  all: string[];
}

/** Counts what will go and collects the ids; records under an active legal hold stay. */
async function eraseFound(
  transaction: Prisma.TransactionClient,
  found: SubjectDiscovery,
  request: PrivacyRequest,
  now: Date,
): Promise<{ counts: Counts; recordIds: RecordIds }> {
  const candidates = found.conversations.map((item) => item.conversation.id);
  const leadCandidates = found.leads.map((lead) => lead.id);
  const holds = await transaction.legalHold.findMany({
    where: {
      releasedAt: null,
      OR: [{ conversationId: { in: candidates } }, { leadId: { in: leadCandidates } }],
    },
    select: { conversationId: true, leadId: true },
  });
  const held = new Set(
    holds.flatMap((hold) => [hold.conversationId, hold.leadId].filter((id) => id !== null)),
  );
  const conversations = candidates.filter((id) => !held.has(id));
  const leads = leadCandidates.filter((id) => !held.has(id));
  const [messages, detectedContacts, leadNotes, exports] = await Promise.all([
    transaction.message.count({ where: { conversationId: { in: conversations } } }),
    transaction.detectedContact.count({ where: { conversationId: { in: conversations } } }),
    transaction.leadNote.count({ where: { leadId: { in: leads } } }),
    transaction.subjectExport.deleteMany({
      where: { requestId: { in: found.requests.map((item) => item.id) } },
    }),
  ]);
  // The address leaves every request of the subject; the keyed hash keeps them findable as proof.
  const cleared = await transaction.privacyRequest.updateMany({
    where: { id: { in: [...new Set([request.id, ...found.requests.map((item) => item.id)])] } },
    data: { requesterEmail: null, requesterEmailNormalized: null, details: null, updatedAt: now },
  });
  const consents = found.consents.map((consent) => consent.id);
  const flags = found.flags.map((flag) => flag.id);
  return {
    counts: {
      conversations: conversations.length,
      messages,
      detectedContacts,
      leads: leads.length,
      leadNotes,
      consents: consents.length,
      subjectFlags: flags.length,
      subjectExports: exports.count,
      requestsCleared: cleared.count,
      keptUnderLegalHold: candidates.length - conversations.length + leadCandidates.length - leads.length,
    },
    recordIds: {
      conversations,
      leads,
      consents,
      flags,
      all: [...conversations, ...leads, ...consents, ...flags, ...found.requests.map((item) => item.id)],
    },
  };
}

async function queueCrmErasures(
  transaction: Prisma.TransactionClient,
  found: SubjectDiscovery,
  receiptId: string,
  email: string,
  encryptionKey: string,
): Promise<number> {
  const existing = await transaction.crmErasure.findMany({ where: { receiptId } });
  const fresh = found.crmRecords.filter(
    (record) =>
      !existing.some(
        (row) => row.connectionId === record.connectionId && row.crmRecordId === record.crmRecordId,
      ),
  );
  if (fresh.length === 0) return 0;
  await transaction.crmErasure.createMany({
    data: fresh.map((record) => ({
      receiptId,
      connectionId: record.connectionId,
      crmRecordId: record.crmRecordId,
      status: 'PENDING' as const,
      subjectEncrypted: encryptText(email, encryptionKey),
    })),
  });
  return fresh.length;
}

async function deleteRecords(transaction: Prisma.TransactionClient, ids: RecordIds): Promise<void> {
  // Messages and detected contacts go with their conversation (ON DELETE CASCADE), notes with their lead.
  await transaction.consent.deleteMany({ where: { id: { in: ids.consents } } });
  await transaction.subjectFlag.deleteMany({ where: { id: { in: ids.flags } } });
  await transaction.lead.deleteMany({ where: { id: { in: ids.leads } } });
  await transaction.conversation.deleteMany({ where: { id: { in: ids.conversations } } });
}

/**
 * Redacts the details of audit events about the erased records, and of any event whose details name
 * the subject (address, name or phone); the chain stays verifiable through each event's details hash.
 */
async function redactSubjectAudit(
  transaction: Prisma.TransactionClient,
  recordIds: readonly string[],
  found: SubjectDiscovery,
  now: Date,
): Promise<number> {
  const byTarget = await redactAuditEvents(transaction, recordIds, now);
  const patterns = [found.email, ...found.identifiers.names, ...found.identifiers.phones].map(
    (needle) => `%${escapeLike(needle.toLowerCase())}%`,
  );
  const byContent = await transaction.$executeRaw`
    UPDATE "AuditEvent" SET details = ${JSON.stringify(redactedDetails)}::jsonb, "redactedAt" = ${now}
    WHERE "redactedAt" IS NULL AND details::text ILIKE ANY(${patterns}::text[])`;
  return byTarget + byContent;
}
