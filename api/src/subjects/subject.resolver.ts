import type { SubjectExport as SubjectExportRow } from '@confide/db';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { Consent } from '../consents/consent.type.ts';
import { Conversation } from '../conversations/conversation.type.ts';
import { containedRanges } from '../conversations/search-matches.ts';
import { Lead } from '../leads/lead.type.ts';
import { registerNodeType } from '../node/node-registry.ts';
import { subjectHashOf } from '../privacy-requests/create-privacy-request.ts';
import { requestPayload } from '../privacy-requests/privacy-request.resolver.ts';
import { ErasureReceipt, PrivacyRequest } from '../privacy-requests/privacy-request.type.ts';
import type { RequestContext } from '../shared/context.ts';
import { fromGlobalId, toGlobalId } from '../shared/global-id.ts';
import {
  discoverSubject,
  subjectEmailOrThrow,
  type MatchingMessage,
  type SubjectDiscovery,
} from './discover-subject.ts';
import { executeErasure } from './execute-erasure.ts';
import { downloadSubjectExport, exportSubjectData } from './export-subject-data.ts';
import { markChildData } from './mark-child-data.ts';
import { liftSubjectFlag, placeSubjectFlag, rectifyLead, withdrawSubjectConsents } from './subject-rights.ts';
import {
  ExecuteErasureInput,
  ExecuteErasurePayload,
  ExportSubjectDataInput,
  ExportSubjectDataPayload,
  LiftSubjectFlagInput,
  MarkChildDataInput,
  MarkChildDataPayload,
  PlaceSubjectFlagInput,
  RectifyLeadInput,
  RectifyLeadPayload,
  SubjectFlagPayload,
  WithdrawSubjectConsentsInput,
  WithdrawSubjectConsentsPayload,
} from './subject.inputs.ts';
import {
  SubjectData,
  SubjectExport,
  SubjectExportContent,
  SubjectFlag,
  SubjectMessageSnippet,
  type SubjectLink,
} from './subject.type.ts';

registerNodeType('SubjectFlag', {
  permission: Permission.privacyRead,
  load: async (context, ids) => {
    const rows = await context.prisma.subjectFlag.findMany({ where: { id: { in: [...ids] } } });
    return ids.map((id) => {
      const row = rows.find((candidate) => candidate.id === id);
      return row ? SubjectFlag.fromRow(row) : null;
    });
  },
});

registerNodeType('ErasureReceipt', {
  permission: Permission.privacyRead,
  load: async (context, ids) => {
    const rows = await context.prisma.erasureReceipt.findMany({ where: { id: { in: [...ids] } } });
    return ids.map((id) => {
      const row = rows.find((candidate) => candidate.id === id);
      return row ? ErasureReceipt.fromRow(row) : null;
    });
  },
});

const snippetContext = 80;

/** A plain-text excerpt around the first occurrence of the address, with every occurrence as a range. */
export function messageSnippet(message: MatchingMessage, email: string): SubjectMessageSnippet {
  const at = Math.max(message.text.toLowerCase().indexOf(email), 0);
  const start = Math.max(at - snippetContext, 0);
  const end = Math.min(at + email.length + snippetContext, message.text.length);
  const snippet = `${start > 0 ? '…' : ''}${message.text.slice(start, end)}${end < message.text.length ? '…' : ''}`;
  return Object.assign(new SubjectMessageSnippet(), {
    id: message.id,
    messageId: toGlobalId('Message', message.id),
    role: message.role,
    sentAt: message.sentAt,
    snippet,
    highlights: containedRanges(snippet, email),
  });
}

function toSubjectData(found: SubjectDiscovery, subjectHash: string, now: Date): SubjectData {
  const matching = found.conversations.reduce((sum, item) => sum + item.matchingMessages.length, 0);
  return Object.assign(new SubjectData(), {
    // The audit trail names the returned object by this id: the keyed hash, never the address itself.
    id: subjectHash,
    email: found.email,
    counts: {
      conversations: found.conversations.length,
      messages: found.messageCount,
      matchingMessages: matching,
      leads: found.leads.length,
      detectedContacts: found.detectedContactCount,
      consents: found.consents.length,
      requests: found.requests.length,
      crmRecords: found.crmRecords.length,
      flags: found.flags.length,
    },
    leads: found.leads.map((lead) => Lead.fromRow(lead)),
    conversations: found.conversations.map((item) => ({
      conversation: Conversation.fromRow(item.conversation),
      linkedBy: item.linkedBy as SubjectLink[],
      matchingMessages: item.matchingMessages.map((message) => messageSnippet(message, found.email)),
    })),
    consents: found.consents.map((consent) => Consent.fromRow(consent)),
    requests: found.requests.map((request) => PrivacyRequest.fromRow(request, now)),
    crmRecords: found.crmRecords,
    flags: found.flags.map((flag) => SubjectFlag.fromRow(flag)),
  });
}

function exportInfo(row: SubjectExportRow): SubjectExport {
  return Object.assign(new SubjectExport(), {
    id: row.id,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  });
}

/** Discovery and access packages: privacy:read and personal-data:read (both reveal everything on a person). */
@Authorized(Permission.privacyRead, Permission.personalDataRead)
@Resolver()
export class SubjectResolver {
  @Query(() => SubjectData, {
    description:
      'Everything linked to an email address (ignoring case and surrounding whitespace): leads, conversations ' +
      'where it was given as contact details or appears in message text, detected contacts, consents, ' +
      'requests, CRM records and flags, with counts and snippets. Audited.',
  })
  async subjectData(
    @Arg('email', () => String, { description: 'The address to look up.' }) email: string,
    @Arg('siteId', () => ID, {
      nullable: true,
      description: 'Only this site (global Site id); all sites when omitted.',
    })
    siteId: string | null,
    @Ctx() context: RequestContext,
  ): Promise<SubjectData> {
    const normalized = subjectEmailOrThrow(email, 'email');
    const subjectHash = subjectHashOf(context, normalized);
    const found = await discoverSubject(context.prisma, normalized, {
      siteId: siteId == null ? null : fromGlobalId(siteId, 'Site', 'siteId'),
      subjectHash,
    });
    // The lookup itself reveals what is held on the person: the records are named, the address is not.
    context.audit.record({
      action: 'privacy.subject_data',
      targetType: 'Lead',
      targetIds: [
        ...found.leads.map((lead) => lead.id),
        ...found.conversations.map((item) => item.conversation.id),
      ],
      details: { conversations: found.conversations.length, leads: found.leads.length },
    });
    return toSubjectData(found, subjectHash, context.now());
  }

  @Query(() => SubjectExportContent, {
    description: 'The contents of an access package while it is valid (NOT_FOUND once expired). Audited.',
  })
  async subjectExport(
    @Arg('id', () => ID, { description: 'Global id of the SubjectExport.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<SubjectExportContent> {
    const row = await downloadSubjectExport(context, fromGlobalId(id, 'SubjectExport'));
    return Object.assign(new SubjectExportContent(), {
      id: row.id,
      json: row.json,
      html: row.html,
      expiresAt: row.expiresAt,
    });
  }
}

const requestIdOf = (globalId: string) => fromGlobalId(globalId, 'PrivacyRequest', 'input.requestId');

/** Acting on a subject's data for a privacy request: privacy:write. */
@Authorized(Permission.privacyWrite)
@Resolver()
export class SubjectMutationResolver {
  @Mutation(() => ExecuteErasurePayload, {
    description:
      'Erases everything linked to the requester’s address on the request’s site, queues erasure in the CRMs, ' +
      'writes the receipt and verifies no text column still holds the address, names or phones. Idempotent. Audited.',
  })
  async executeErasure(
    @Arg('input', () => ExecuteErasureInput, { description: 'The request and the address retyped.' })
    input: ExecuteErasureInput,
    @Ctx() context: RequestContext,
  ): Promise<ExecuteErasurePayload> {
    const result = await executeErasure(context, { ...input, requestId: requestIdOf(input.requestId) });
    return { ...result, receipt: result.receipt ? ErasureReceipt.fromRow(result.receipt) : null };
  }

  @Mutation(() => ExportSubjectDataPayload, {
    description: 'Builds the JSON and HTML access package of an ACCESS or PORTABILITY request. Audited.',
  })
  async exportSubjectData(
    @Arg('input', () => ExportSubjectDataInput, { description: 'The request.' })
    input: ExportSubjectDataInput,
    @Ctx() context: RequestContext,
  ): Promise<ExportSubjectDataPayload> {
    const result = await exportSubjectData(context, { requestId: requestIdOf(input.requestId) });
    return { export: result.export ? exportInfo(result.export) : null, userErrors: result.userErrors };
  }

  @Mutation(() => SubjectFlagPayload, {
    description:
      'Places the restriction or objection a request asks for; excludes the subject from CRM export and marketing. Audited.',
  })
  async placeSubjectFlag(
    @Arg('input', () => PlaceSubjectFlagInput, { description: 'The request.' }) input: PlaceSubjectFlagInput,
    @Ctx() context: RequestContext,
  ): Promise<SubjectFlagPayload> {
    const result = await placeSubjectFlag(context, { ...input, requestId: requestIdOf(input.requestId) });
    return { flag: result.flag ? SubjectFlag.fromRow(result.flag) : null, userErrors: result.userErrors };
  }

  @Mutation(() => SubjectFlagPayload, { description: 'Lifts a restriction or objection. Audited.' })
  async liftSubjectFlag(
    @Arg('input', () => LiftSubjectFlagInput, { description: 'The flag.' }) input: LiftSubjectFlagInput,
    @Ctx() context: RequestContext,
  ): Promise<SubjectFlagPayload> {
    const result = await liftSubjectFlag(context, {
      flagId: fromGlobalId(input.flagId, 'SubjectFlag', 'input.flagId'),
    });
    return { flag: result.flag ? SubjectFlag.fromRow(result.flag) : null, userErrors: result.userErrors };
  }

  @Mutation(() => RectifyLeadPayload, {
    description:
      "Corrects a lead's contact details for a RECTIFICATION request; old values stay only in the audit trail.",
  })
  async rectifyLead(
    @Arg('input', () => RectifyLeadInput, { description: 'The corrections.' }) input: RectifyLeadInput,
    @Ctx() context: RequestContext,
  ): Promise<RectifyLeadPayload> {
    const result = await rectifyLead(context, {
      requestId: requestIdOf(input.requestId),
      leadId: fromGlobalId(input.leadId, 'Lead', 'input.leadId'),
      changes: { ...input.changes },
    });
    return { lead: result.lead ? Lead.fromRow(result.lead) : null, userErrors: result.userErrors };
  }

  @Mutation(() => WithdrawSubjectConsentsPayload, {
    description:
      'Appends a withdrawal per purpose the requester has granted, for a WITHDRAW_CONSENT request. Audited.',
  })
  withdrawSubjectConsents(
    @Arg('input', () => WithdrawSubjectConsentsInput, { description: 'The purposes.' })
    input: WithdrawSubjectConsentsInput,
    @Ctx() context: RequestContext,
  ): Promise<WithdrawSubjectConsentsPayload> {
    return withdrawSubjectConsents(context, { ...input, requestId: requestIdOf(input.requestId) });
  }

  @Mutation(() => MarkChildDataPayload, {
    description:
      "Marks a conversation or lead as a child's data: opens an erasure request due at once for the linked " +
      'address, or deletes the conversation at once when none is linked. Audited.',
  })
  async markChildData(
    @Arg('input', () => MarkChildDataInput, { description: 'The conversation or lead.' })
    input: MarkChildDataInput,
    @Ctx() context: RequestContext,
  ): Promise<MarkChildDataPayload> {
    const result = await markChildData(context, {
      conversationId: input.conversationId
        ? fromGlobalId(input.conversationId, 'Conversation', 'input.conversationId')
        : null,
      leadId: input.leadId ? fromGlobalId(input.leadId, 'Lead', 'input.leadId') : null,
    });
    return {
      ...requestPayload(context, { request: result.request, userErrors: result.userErrors }),
      deletedConversationId:
        result.deletedConversationId && toGlobalId('Conversation', result.deletedConversationId),
    };
  }
}
