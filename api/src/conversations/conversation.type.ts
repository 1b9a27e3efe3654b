import { Channel } from '@confide/db';
import { Authorized, Ctx, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalField } from '../auth/personal-field.ts';
import { Permission } from '../auth/policy.ts';
import { Node } from '../node/node.interface.ts';
import { LegalHold } from '../retention/legal-hold.type.ts';
import type { RequestContext } from '../shared/context.ts';
import { Connection } from '../shared/pagination.ts';
import { loadSearchMatches, type SearchMatchSource } from './search-matches.ts';

registerEnumType(Channel, {
  name: 'Channel',
  description: 'Where on the site a conversation took place.',
  valuesConfig: {
    WIDGET: { description: 'The "Ask AI" chat widget.' },
    AI_PAGE: { description: 'The dedicated /ai page.' },
  },
});

/** Longest user agent or referrer returned; longer stored values are cut. */
export const requestContextMaxLength = 512;

/** What the conversation queries select. `id` is the database id. Never the IP hash. */
export interface ConversationRow {
  id: string;
  siteId: string;
  channel: Channel;
  startedAt: Date;
  lastMessageAt: Date;
  expiresAt: Date;
  messageCount: number;
  country: string | null;
  city: string | null;
  userAgent: string | null;
  referrer: string | null;
}

/**
 * The referring URL without its query string and fragment, which can carry personal data (emails,
 * names, tokens in tracking parameters); cut to `requestContextMaxLength`.
 */
export function referrerWithoutQuery(referrer: string | null): string | null {
  if (referrer === null) return null;
  const cut = referrer.replace(/[?#].*$/s, '');
  return cut.slice(0, requestContextMaxLength);
}

@ObjectType({
  description:
    'A range of characters in a text, counted in UTF-16 code units as JavaScript strings count them.',
})
export class TextRange {
  @Field(() => Int, { description: 'Offset of the first character of the range.' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character of the range.' })
  end!: number;
}

/** Where in a conversation a search term was found. */
export const SearchMatchField = {
  MESSAGE_TEXT: 'MESSAGE_TEXT',
  LEAD_NAME: 'LEAD_NAME',
  LEAD_EMAIL: 'LEAD_EMAIL',
  LEAD_COMPANY: 'LEAD_COMPANY',
} as const;
export type SearchMatchField = (typeof SearchMatchField)[keyof typeof SearchMatchField];

registerEnumType(SearchMatchField, {
  name: 'SearchMatchField',
  description: 'Where in a conversation the search matched.',
  valuesConfig: {
    MESSAGE_TEXT: { description: 'The text of a message.' },
    LEAD_NAME: { description: 'The name of the lead captured in the conversation.' },
    LEAD_EMAIL: { description: 'The email address of the lead captured in the conversation.' },
    LEAD_COMPANY: { description: 'The company of the lead captured in the conversation.' },
  },
});

@ObjectType({
  description:
    'A plain-text snippet where a search matched, with the matching words as ranges. The snippet holds no ' +
    'markup: escape it as any text and wrap the ranges in your own highlighting.',
})
export class SearchMatch {
  @Field(() => SearchMatchField, { description: 'Where the match was found.' })
  field!: SearchMatchField;

  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the matching message, when the match is in a message text; null otherwise.',
  })
  messageId!: string | null;

  @Field(() => String, { description: 'Plain-text excerpt around the match (not HTML).' })
  snippet!: string;

  @Field(() => [TextRange], { description: 'Ranges of `snippet` that matched the search, in order.' })
  highlights!: TextRange[];
}

@ObjectType({
  description:
    "When a conversation is deleted under its site's retention rule, and whether a legal hold stops that.",
})
export class ConversationRetention {
  @Field(() => Date, {
    description:
      "When the conversation is due for automatic deletion: its last message plus the site's retention days.",
  })
  expiresAt!: Date;

  @Field(() => Int, {
    description: 'Whole days left until `expiresAt`, rounded up; 0 when due today or overdue.',
  })
  daysLeft!: number;

  @Field(() => Boolean, {
    description: 'Whether an unreleased legal hold on the conversation or its lead suspends the deletion.',
  })
  onHold!: boolean;

  @Authorized(Permission.privacyRead)
  @Field(() => [LegalHold], {
    description: 'The unreleased legal holds that keep it (its own and its lead’s). Needs privacy:read.',
  })
  holds!: LegalHold[];
}

/**
 * One chat with the assistant. Resolvers return instances built with `Conversation.fromRow`: `id` is
 * the database id; relations (site, messages, lastMessage, lead, retention) are field resolvers in
 * `conversation.resolver.ts`.
 */
@ObjectType({
  implements: [Node],
  description:
    'One chat with the assistant on a site, with its messages and request context (never an IP address).',
})
export class Conversation extends Node {
  siteId!: string;
  expiresAt!: Date;
  /** The search this conversation was found by, for `matches`; undefined outside search results. */
  search?: SearchMatchSource;

  @Field(() => Channel, { description: 'Where on the site the conversation took place.' })
  channel!: Channel;

  @Field(() => Date, { description: 'When the first message was sent.' })
  startedAt!: Date;

  @Field(() => Date, { description: 'When the last message was sent; retention counts from here.' })
  lastMessageAt!: Date;

  @Field(() => Int, { description: 'How many messages the conversation holds.' })
  messageCount!: number;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 country derived from the IP address when the conversation started.',
  })
  country!: string | null;

  @PersonalField(() => String, 'Approximate city derived from the IP address when the conversation started.')
  city!: string | null;

  @Field(() => String, {
    nullable: true,
    description: `User agent of the visitor's browser, cut to ${requestContextMaxLength} characters.`,
  })
  userAgent!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      `Page that referred the visitor, without its query string and fragment (which can carry personal data), ` +
      `cut to ${requestContextMaxLength} characters.`,
  })
  referrer!: string | null;

  @PersonalField(
    () => [SearchMatch],
    'Where the search matched, for conversations returned by `conversations(search:)`: up to three message ' +
      'snippets and any matching contact fields of the lead. Null outside search results.',
  )
  matches(@Ctx() context: RequestContext): Promise<SearchMatch[] | null> | null {
    return this.search ? loadSearchMatches(context, this.search, this.id) : null;
  }

  static fromRow(row: ConversationRow, search?: SearchMatchSource): Conversation {
    return Object.assign(new Conversation(), {
      id: row.id,
      siteId: row.siteId,
      channel: row.channel,
      startedAt: row.startedAt,
      lastMessageAt: row.lastMessageAt,
      expiresAt: row.expiresAt,
      messageCount: row.messageCount,
      country: row.country,
      city: row.city,
      userAgent: row.userAgent === null ? null : row.userAgent.slice(0, requestContextMaxLength),
      referrer: referrerWithoutQuery(row.referrer),
      search,
    });
  }
}

@ObjectType({ description: 'A page of conversations.' })
export class ConversationConnection extends Connection(Conversation, 'a conversation') {}
