import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { hasPermission } from '../auth/viewer.ts';
import { Consent, ConsentState, SubjectConsents } from '../consents/consent.type.ts';
import { currentConsentStates } from '../consents/consent-rules.ts';
import {
  conversationById,
  primeConversation,
  primeConversations,
} from '../conversations/conversation.loaders.ts';
import { retentionOf } from '../conversations/retention.ts';
import { activeHoldsByLeadId } from '../retention/legal-hold.loaders.ts';
import { LegalHold } from '../retention/legal-hold.type.ts';
import { Conversation } from '../conversations/conversation.type.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext } from '../shared/context.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import { buildConnection, ConnectionArgs, toPageRequest } from '../shared/pagination.ts';
import { selectedNodeFields } from '../shared/selection.ts';
import { siteOf } from '../sites/site.loader.ts';
import { Site } from '../sites/site.type.ts';
import { StaffMember } from '../staff/staff-member.type.ts';
import { bulkUpdateLeads } from './bulk-update-leads.ts';
import { keysetPage, timestampPosition } from '../shared/keyset.ts';
import {
  BulkUpdateLeadsInput,
  BulkUpdateLeadsPayload,
  LeadsArgs,
  UpdateLeadInput,
  UpdateLeadPayload,
  type LeadFilter,
} from './lead.inputs.ts';
import { consentsByLead, flagsOfLead, leadById, noteById, staffMemberById } from './lead.loaders.ts';
import { Lead, LeadConnection, LeadNote, LeadNoteConnection, LeadRetention } from './lead.type.ts';
import { listLeads, type LeadFilter as LeadCriteria } from './list-leads.ts';
import { updateLead } from './update-lead.ts';

registerNodeType('Lead', {
  permission: Permission.leadsRead,
  load: (context, ids) => leadById(context).loadMany(ids),
});
registerNodeType('LeadNote', {
  permission: Permission.leadsRead,
  load: (context, ids) => noteById(context).loadMany(ids),
});

/** The filter with global ids decoded; a malformed id is a BAD_USER_INPUT naming the argument. */
export function toCriteria(
  filter: LeadFilter | null | undefined,
  argument: string,
): LeadCriteria | undefined {
  if (!filter) return undefined;
  return {
    siteIds: filter.siteIds?.map((id) => fromGlobalId(id, 'Site', `${argument}.siteIds`)),
    statuses: filter.statuses,
    ownerId:
      filter.ownerId == null ? null : fromGlobalId(filter.ownerId, 'StaffMember', `${argument}.ownerId`),
    source: filter.source,
    createdAfter: filter.createdAfter,
    createdBefore: filter.createdBefore,
    exported: filter.exported,
  };
}

/** Leads and their relations. Triage data needs leads:read; personal fields say what more they need. */
@Authorized(Permission.leadsRead)
@Resolver(() => Lead)
export class LeadResolver {
  @Query(() => LeadConnection, {
    description:
      'Leads, newest first unless `orderBy` says otherwise, filtered and optionally searched by name, email or ' +
      'company. Searching needs personal-data:read.',
  })
  async leads(
    @Args(() => LeadsArgs) args: LeadsArgs,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LeadConnection> {
    const page = toPageRequest(args);
    // The page's conversations (and their last messages) with the page or in one query, not one per field.
    const conversation = selectedNodeFields(info).get('conversation');
    const withConversations =
      conversation && hasPermission(context.viewer, Permission.conversationsRead)
        ? { lastMessage: conversation.has('lastMessage') }
        : null;
    const result = await listLeads(context, {
      page,
      search: args.search,
      filter: toCriteria(args.filter, 'filter'),
      orderBy: args.orderBy,
      withConversations,
    });
    if (result.conversations) {
      for (const { conversation, lastMessage } of result.conversations) {
        primeConversation(context, conversation, lastMessage);
      }
    } else if (withConversations) {
      const ids = result.rows.slice(0, page.limit).flatMap((row) => row.conversationId ?? []);
      await primeConversations(context, ids, withConversations.lastMessage);
    }
    const field = result.order.field === 'CREATED_AT' ? 'createdAt' : 'updatedAt';
    return buildConnection(
      LeadConnection,
      page,
      result.rows.map((row) => Lead.fromRow(row)),
      (lead) => timestampPosition(lead[field], lead.id),
      result.countTotal,
    );
  }

  @FieldResolver(() => Site, { description: 'The site the lead came in on.' })
  site(@Root() lead: Lead, @Ctx() context: RequestContext): Site | Promise<Site> {
    return siteOf(context, lead.siteId, `lead ${lead.id}`);
  }

  @Authorized(Permission.leadsRead, Permission.conversationsRead)
  @FieldResolver(() => Conversation, {
    nullable: true,
    description:
      'The conversation the visitor shared the details in; null for contact-form leads and once the conversation ' +
      'was deleted. Needs conversations:read besides leads:read.',
  })
  conversation(
    @Root() lead: Lead,
    @Ctx() context: RequestContext,
  ): Conversation | null | Promise<Conversation | null> {
    return lead.conversationId ? conversationById(context).get(lead.conversationId) : null;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The salesperson the lead is assigned to, if any.',
  })
  owner(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<StaffMember | null> | null {
    return lead.ownerId ? staffMemberById(context).load(lead.ownerId) : null;
  }

  @FieldResolver(() => LeadNoteConnection, { description: 'Notes staff wrote on the lead, oldest first.' })
  async notes(
    @Root() lead: Lead,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: RequestContext,
  ): Promise<LeadNoteConnection> {
    const page = toPageRequest(args);
    const keyset = keysetPage('createdAt', 'asc', page);
    const rows = await context.prisma.leadNote.findMany({
      where: { AND: [{ leadId: lead.id }, keyset.where] },
      orderBy: keyset.orderBy,
      take: page.limit + 1,
    });
    return buildConnection(
      LeadNoteConnection,
      page,
      rows.map((row) => LeadNote.fromRow(row)),
      (note) => timestampPosition(note.createdAt, note.id),
      () => context.prisma.leadNote.count({ where: { leadId: lead.id } }),
    );
  }

  @Authorized(Permission.leadsRead, Permission.consentsRead)
  @FieldResolver(() => SubjectConsents, {
    description:
      "The consents of the lead's subject (its email address) on the lead's site: where each purpose stands " +
      'and the ledger behind it. Needs consents:read besides leads:read.',
  })
  async consents(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<SubjectConsents> {
    const rows = await consentsByLead(context).load(lead);
    const ledger = rows.map((row) => Consent.fromRow(row));
    const byId = new Map(ledger.map((consent) => [consent.id, consent]));
    return Object.assign(new SubjectConsents(), {
      ledger,
      current: currentConsentStates(rows).map((state) =>
        Object.assign(new ConsentState(), {
          ...state,
          latest: state.latest ? byId.get(state.latest.id) : null,
        }),
      ),
    });
  }

  @FieldResolver(() => LeadRetention, {
    description: 'When the lead will be deleted automatically, and whether a legal hold stops that.',
  })
  async retention(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<LeadRetention> {
    // Never exported nor engaged: the lead goes with its conversation (see retention/lead-retention.ts).
    const onConversationClock = lead.retainUntil === null && lead.engagedAt === null;
    const [conversation, holds] = await Promise.all([
      onConversationClock && lead.conversationId ? conversationById(context).load(lead.conversationId) : null,
      activeHoldsByLeadId(context).load(lead.id),
    ]);
    const expiresAt = onConversationClock ? (conversation?.expiresAt ?? null) : lead.retainUntil;
    return Object.assign(new LeadRetention(), {
      ...(expiresAt ? retentionOf(expiresAt, context.now()) : { expiresAt: null, daysLeft: null }),
      onHold: holds.length > 0,
      holds: holds.map((hold) => LegalHold.fromRow(hold)),
    });
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether processing of the subject is restricted (an unlifted restriction on this site): no CRM export or marketing.',
  })
  async restricted(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<boolean> {
    return (await flagsOfLead(context, lead)).restricted;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the subject objected to processing or direct marketing (an unlifted objection on this site).',
  })
  async objected(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<boolean> {
    return (await flagsOfLead(context, lead)).objected;
  }
}

/** Notes on leads: readable with leads:read, like the lead itself. */
@Authorized(Permission.leadsRead)
@Resolver(() => LeadNote)
export class LeadNoteResolver {
  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'Who wrote the note; null for notes written through an API token or by a deleted account.',
  })
  author(@Root() note: LeadNote, @Ctx() context: RequestContext): Promise<StaffMember | null> | null {
    return note.authorId ? staffMemberById(context).load(note.authorId) : null;
  }
}

/** Lead triage changes: leads:write. Expected refusals come back as userErrors. */
@Authorized(Permission.leadsWrite)
@Resolver()
export class LeadMutationResolver {
  @Mutation(() => UpdateLeadPayload, {
    description: "Changes one lead's status and owner and/or adds a note. Audited.",
  })
  async updateLead(
    @Arg('input', () => UpdateLeadInput, { description: 'The lead and the changes.' }) input: UpdateLeadInput,
    @Ctx() context: RequestContext,
  ): Promise<UpdateLeadPayload> {
    const result = await updateLead(context, input);
    return { lead: result.lead ? Lead.fromRow(result.lead) : null, userErrors: result.userErrors };
  }

  @Mutation(() => BulkUpdateLeadsPayload, {
    description:
      'Applies one status, owner and/or note change to up to 500 leads, selected by ids or by a filter; all or ' +
      'nothing. Audited as one event naming every changed lead.',
  })
  async bulkUpdateLeads(
    @Arg('input', () => BulkUpdateLeadsInput, { description: 'The selection and the change.' })
    input: BulkUpdateLeadsInput,
    @Ctx() context: RequestContext,
  ): Promise<BulkUpdateLeadsPayload> {
    return bulkUpdateLeads(context, {
      ids: input.ids,
      filter: input.filter === undefined ? undefined : (toCriteria(input.filter, 'input.filter') ?? null),
      status: input.status,
      ownerId: input.ownerId,
      note: input.note,
    });
  }
}
