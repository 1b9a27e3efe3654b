import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { hasPermission } from '../auth/viewer.ts';
import { Lead } from '../leads/lead.type.ts';
import { registerNodeType } from '../node/node-registry.ts';
import { siteOf } from '../sites/site.loader.ts';
import { Site } from '../sites/site.type.ts';
import { whenLoaded, type RequestContext } from '../shared/context.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import { buildConnection, ConnectionArgs, toPageRequest } from '../shared/pagination.ts';
import { selectedNodeFields } from '../shared/selection.ts';
import {
  conversationById,
  lastMessageByConversationId,
  leadByConversationId,
  messageById,
  messageCountByConversationId,
  messagePageByConversationId,
  primeConversationRelations,
} from './conversation.loaders.ts';
import { ConversationsArgs, type ConversationFilter } from './conversation.inputs.ts';
import { Conversation, ConversationConnection, ConversationRetention } from './conversation.type.ts';
import { listConversations, type ConversationCriteria } from './list-conversations.ts';
import { Message, MessageConnection } from './message.type.ts';
import { retentionOf } from './retention.ts';
import { activeHoldsByConversationId } from '../retention/legal-hold.loaders.ts';
import { LegalHold } from '../retention/legal-hold.type.ts';

registerNodeType('Conversation', {
  permission: Permission.conversationsRead,
  load: (context, ids) => conversationById(context).loadMany(ids),
});
registerNodeType('Message', {
  permission: Permission.conversationsRead,
  load: (context, ids) => messageById(context).loadMany(ids),
});

function toCriteria(filter: ConversationFilter | null | undefined): ConversationCriteria {
  if (!filter) return {};
  return {
    siteIds: filter.siteIds?.map((id) => fromGlobalId(id, 'Site', 'filter.siteIds')),
    channel: filter.channel ?? undefined,
    startedAfter: filter.startedAfter ?? undefined,
    startedBefore: filter.startedBefore ?? undefined,
    lastMessageAfter: filter.lastMessageAfter ?? undefined,
    lastMessageBefore: filter.lastMessageBefore ?? undefined,
    country: filter.country ?? undefined,
    hasLead: filter.hasLead ?? undefined,
    expiringBefore: filter.expiringBefore ?? undefined,
  };
}

/** Conversations and their relations. Metadata needs conversations:read; personal fields say what more they need. */
@Authorized(Permission.conversationsRead)
@Resolver(() => Conversation)
export class ConversationResolver {
  @Query(() => ConversationConnection, {
    description:
      'Conversations, newest last message first unless `orderBy` says otherwise, filtered and optionally ' +
      'searched. Searching needs personal-data:read.',
  })
  async conversations(
    @Args(() => ConversationsArgs) args: ConversationsArgs,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConversationConnection> {
    const page = toPageRequest(args);
    const selected = selectedNodeFields(info);
    const result = await listConversations(context, {
      search: args.search,
      criteria: toCriteria(args.filter),
      orderBy: args.orderBy ?? { field: 'LAST_MESSAGE_AT', direction: 'DESC' },
      page,
      fields: new Set(selected.keys()),
      // Relations the page asks for come with the page's own query instead of one query each. Not
      // the site: a page holds a few sites, and repeating a site's 28 columns (its holiday calendar
      // among them) on every row cost more than the one query the site loader makes for them.
      include: {
        lead: selected.has('lead') && hasPermission(context.viewer, Permission.leadsRead),
        lastMessage: selected.has('lastMessage'),
      },
    });
    primeConversationRelations(context, result.related);
    const nodes = result.rows.map((row) => Conversation.fromRow(row, result.search));
    return buildConnection(
      ConversationConnection,
      page,
      nodes,
      (conversation) => result.sortValueOf(conversation),
      result.countTotal,
    );
  }

  @FieldResolver(() => Site, { description: 'The site the conversation took place on.' })
  site(@Root() conversation: Conversation, @Ctx() context: RequestContext): Site | Promise<Site> {
    return siteOf(context, conversation.siteId, `conversation ${conversation.id}`);
  }

  @FieldResolver(() => MessageConnection, { description: 'The messages of the conversation, oldest first.' })
  messages(
    @Root() conversation: Conversation,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: RequestContext,
  ): Promise<MessageConnection> {
    const page = toPageRequest(args);
    return messagePageByConversationId(context, page)
      .load(conversation.id)
      .then((messages) =>
        buildConnection(
          MessageConnection,
          page,
          messages,
          (message) => [message.sentAt.toISOString(), message.id],
          () => messageCountByConversationId(context).load(conversation.id),
        ),
      );
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The most recent message, if any.' })
  lastMessage(
    @Root() conversation: Conversation,
    @Ctx() context: RequestContext,
  ): Message | null | Promise<Message | null> {
    return lastMessageByConversationId(context).get(conversation.id);
  }

  @FieldResolver(() => ConversationRetention, {
    description: 'When the conversation will be deleted automatically, and whether a legal hold stops that.',
  })
  async retention(
    @Root() conversation: Conversation,
    @Ctx() context: RequestContext,
  ): Promise<ConversationRetention> {
    const holds = await activeHoldsByConversationId(context).load(conversation.id);
    return Object.assign(new ConversationRetention(), {
      ...retentionOf(conversation.expiresAt, context.now()),
      onHold: holds.length > 0,
      holds: holds.map((hold) => LegalHold.fromRow(hold)),
    });
  }
}

/** The lead of a conversation is triage data: it needs leads:read besides conversations:read. */
@Authorized(Permission.leadsRead)
@Resolver(() => Conversation)
export class ConversationLeadResolver {
  @FieldResolver(() => Lead, {
    nullable: true,
    description: 'The contact details the visitor shared in this conversation, if any. Needs leads:read.',
  })
  lead(
    @Root() conversation: Conversation,
    @Ctx() context: RequestContext,
  ): Lead | null | Promise<Lead | null> {
    return whenLoaded(leadByConversationId(context).get(conversation.id), (row) => row && Lead.fromRow(row));
  }
}
