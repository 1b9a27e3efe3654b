import type { Prisma, SubjectExport } from '@confide/db';
import { subjectHashOf } from '../privacy-requests/create-privacy-request.ts';
import { actorIdOf, isUserError, lockRequest, startWork } from '../privacy-requests/request-rules.ts';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { discoverSubject, type SubjectDiscovery } from './discover-subject.ts';

/** How long privacy staff can download a package before it is gone (it holds everything on a person). */
export const exportValidityMs = 7 * 24 * 60 * 60 * 1000;
export const exportFormat = 'confide.subject-export';
export const exportFormatVersion = 1;

export interface ExportSubjectDataResult {
  export: SubjectExport | null;
  userErrors: UserErrorData[];
}

/** The machine-readable package; docs/subject-export.md documents every field. */
export function buildExportPackage(
  found: SubjectDiscovery,
  site: { name: string; domain: string },
  messages: { conversationId: string; role: string; sentAt: Date; text: string }[],
  generatedAt: Date,
) {
  return {
    format: exportFormat,
    version: exportFormatVersion,
    generatedAt: generatedAt.toISOString(),
    site: { name: site.name, domain: site.domain },
    subject: { email: found.email },
    leads: found.leads.map((lead) => ({
      source: lead.source,
      name: lead.name,
      jobTitle: lead.jobTitle,
      email: lead.email?.trim() ?? null,
      phone: lead.phone,
      company: lead.company,
      status: lead.status,
      createdAt: lead.createdAt.toISOString(),
      exportedToCrmAt: lead.exportedAt?.toISOString() ?? null,
    })),
    conversations: found.conversations.map(({ conversation, linkedBy }) => ({
      channel: conversation.channel,
      startedAt: conversation.startedAt.toISOString(),
      lastMessageAt: conversation.lastMessageAt.toISOString(),
      deletedAfter: conversation.expiresAt.toISOString(),
      country: conversation.country,
      city: conversation.city,
      userAgent: conversation.userAgent,
      referrer: conversation.referrer,
      pageUrl: conversation.pageUrl,
      linkedBy,
      messages: messages
        .filter((message) => message.conversationId === conversation.id)
        .map((message) => ({ role: message.role, sentAt: message.sentAt.toISOString(), text: message.text })),
    })),
    consents: found.consents.map((consent) => ({
      purpose: consent.purpose,
      legalBasis: consent.legalBasis,
      action: consent.action,
      source: consent.source,
      policyVersion: consent.policyVersion,
      evidence: consent.evidence,
      occurredAt: consent.occurredAt.toISOString(),
    })),
    requests: found.requests.map((request) => ({
      type: request.type,
      channel: request.channel,
      status: request.status,
      receivedAt: request.receivedAt.toISOString(),
      completedAt: request.completedAt?.toISOString() ?? null,
    })),
    crmRecords: found.crmRecords.map((record) => ({
      crm: record.connectionName,
      recordId: record.crmRecordId,
      firstExportedAt: record.firstExportedAt.toISOString(),
    })),
    restrictions: found.flags.map((flag) => ({
      kind: flag.kind,
      reason: flag.reason,
      placedAt: flag.placedAt.toISOString(),
      liftedAt: flag.liftedAt?.toISOString() ?? null,
    })),
  };
}

export type ExportPackage = ReturnType<typeof buildExportPackage>;

const escapeHtml = (value: unknown) =>
  String(value ?? '—').replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string,
  );

function table(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (rows.length === 0) return '<p>None.</p>';
  const head = columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${columns.map((column) => `<td>${escapeHtml(row[column])}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The same package as a self-contained, readable HTML page (no scripts, no external resources). */
export function renderExportHtml(data: ExportPackage): string {
  const conversations = data.conversations
    .map(
      (conversation, index) => `<section>
<h3>Conversation ${index + 1} (${escapeHtml(conversation.channel)}), ${escapeHtml(conversation.startedAt)}</h3>
<p>Last message ${escapeHtml(conversation.lastMessageAt)}; deleted automatically after ${escapeHtml(conversation.deletedAfter)}.
From ${escapeHtml(conversation.city)}, ${escapeHtml(conversation.country)}; page ${escapeHtml(conversation.pageUrl)}.</p>
${table(conversation.messages, ['sentAt', 'role', 'text'])}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your data held by ${escapeHtml(data.site.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}</style>
</head><body>
<h1>Your data held by ${escapeHtml(data.site.name)}</h1>
<p>Everything linked to ${escapeHtml(data.subject.email)} on ${escapeHtml(data.site.domain)}, as of ${escapeHtml(data.generatedAt)}.</p>
<h2>Contact details</h2>
${table(data.leads, ['source', 'name', 'jobTitle', 'email', 'phone', 'company', 'createdAt', 'exportedToCrmAt'])}
<h2>Conversations with the assistant</h2>
${conversations || '<p>None.</p>'}
<h2>Consents</h2>
${table(data.consents, ['purpose', 'legalBasis', 'action', 'source', 'policyVersion', 'occurredAt'])}
<h2>Privacy requests</h2>
${table(data.requests, ['type', 'channel', 'status', 'receivedAt', 'completedAt'])}
<h2>Records in our CRM</h2>
${table(data.crmRecords, ['crm', 'recordId', 'firstExportedAt'])}
<h2>Restrictions and objections</h2>
${table(data.restrictions, ['kind', 'reason', 'placedAt', 'liftedAt'])}
</body></html>
`;
}

/**
 * Builds the access / portability package of an ACCESS or PORTABILITY request: everything held on
 * the requester's address on the request's site, as JSON and HTML, kept for `exportValidityMs`.
 * Audited as "privacy.export.create".
 */
export async function exportSubjectData(
  context: RequestContext,
  input: { requestId: string },
): Promise<ExportSubjectDataResult> {
  const now = context.now();
  const actorId = actorIdOf(context.viewer);
  const outcome = await context.prisma.$transaction(
    async (transaction): Promise<SubjectExport | UserErrorData> => {
      const request = await lockRequest(transaction, input.requestId);
      const problem = (code: UserErrorData['code'], message: string): UserErrorData => ({
        field: ['input', 'requestId'],
        code,
        message,
      });
      if (!request) return problem('NOT_FOUND', 'No such privacy request');
      if (request.type !== 'ACCESS' && request.type !== 'PORTABILITY') {
        return problem('INVALID_STATE', 'Only access and portability requests get an export');
      }
      const email = request.requesterEmailNormalized;
      if (!email) return problem('INVALID_STATE', "The requester's address was erased");
      const working = await startWork(transaction, request, actorId, now);
      if (isUserError(working)) return working;
      const site = await transaction.site.findUniqueOrThrow({ where: { id: request.siteId } });
      const found = await discoverSubject(transaction, email, {
        siteId: site.id,
        subjectHash: subjectHashOf(context, email),
      });
      const messages = await transaction.message.findMany({
        where: { conversationId: { in: found.conversations.map((item) => item.conversation.id) } },
        orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
        select: { conversationId: true, role: true, sentAt: true, text: true },
      });
      const data = buildExportPackage(found, site, messages, now);
      // Expired packages hold everything on someone and serve no one: purge them whenever a new one is made.
      await transaction.subjectExport.deleteMany({ where: { expiresAt: { lte: now } } });
      const created = await transaction.subjectExport.create({
        data: {
          requestId: request.id,
          createdById: actorId,
          json: data as unknown as Prisma.InputJsonObject,
          html: renderExportHtml(data),
          expiresAt: new Date(now.getTime() + exportValidityMs),
          createdAt: now,
        },
      });
      await transaction.privacyRequestEvent.create({
        data: {
          requestId: request.id,
          type: 'EXPORT_CREATED',
          actorId,
          message: 'Access package built',
          data: {
            exportId: created.id,
            expiresAt: created.expiresAt.toISOString(),
            conversations: data.conversations.length,
            leads: data.leads.length,
          },
          occurredAt: now,
        },
      });
      return created;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if (isUserError(outcome)) return { export: null, userErrors: [outcome] };
  context.audit.record({
    action: 'privacy.export.create',
    targetType: 'PrivacyRequest',
    targetIds: [input.requestId],
    details: { exportId: outcome.id, expiresAt: outcome.expiresAt.toISOString() },
  });
  return { export: outcome, userErrors: [] };
}

/** A package for download while it is valid; each download is audited. Expired ones are NOT_FOUND. */
export async function downloadSubjectExport(
  context: RequestContext,
  exportId: string,
): Promise<SubjectExport> {
  const found = await context.prisma.subjectExport.findUnique({ where: { id: exportId } });
  if (!found || found.expiresAt.getTime() <= context.now().getTime()) {
    throw new DomainError('NOT_FOUND', 'No such export, or it has expired', { argument: 'id' });
  }
  context.audit.record({
    action: 'privacy.export.download',
    targetType: 'SubjectExport',
    targetIds: [found.id, found.requestId],
  });
  return found;
}
