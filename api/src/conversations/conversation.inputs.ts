import { Channel } from '@confide/db';
import { ArrayMaxSize, Matches, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../shared/order-direction.ts';
import { ConnectionArgs } from '../shared/pagination.ts';
import { maxSearchLength } from './search-text.ts';

/** Most sites one filter may name. */
export const maxFilterSiteIds = 100;

@InputType({
  description:
    'Narrows a list of conversations. Every condition given must hold. Time ranges are half-open: ' +
    '`…After` includes the instant, `…Before` excludes it.',
})
export class ConversationFilter {
  @Field(() => [ID], {
    nullable: true,
    description: `Only conversations on these sites (global Site ids, at most ${maxFilterSiteIds}).`,
  })
  @ArrayMaxSize(maxFilterSiteIds)
  siteIds?: string[] | null;

  @Field(() => Channel, { nullable: true, description: 'Only conversations on this channel.' })
  channel?: Channel | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Only conversations whose first message was sent at or after this time.',
  })
  startedAfter?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Only conversations whose first message was sent before this time.',
  })
  startedBefore?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Only conversations whose last message was sent at or after this time.',
  })
  lastMessageAfter?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Only conversations whose last message was sent before this time.',
  })
  lastMessageBefore?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only conversations from this country (ISO 3166-1 alpha-2, e.g. "UA").',
  })
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code' })
  country?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only conversations with a lead; false: only those without one.',
  })
  hasLead?: boolean | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Only conversations due for automatic deletion before this time.',
  })
  expiringBefore?: Date | null;
}

/** What a list of conversations can be sorted by. */
export const ConversationOrderField = {
  LAST_MESSAGE_AT: 'LAST_MESSAGE_AT',
  STARTED_AT: 'STARTED_AT',
  EXPIRES_AT: 'EXPIRES_AT',
} as const;
export type ConversationOrderField = (typeof ConversationOrderField)[keyof typeof ConversationOrderField];

registerEnumType(ConversationOrderField, {
  name: 'ConversationOrderField',
  description: 'What conversations can be sorted by; ties are broken by id.',
  valuesConfig: {
    LAST_MESSAGE_AT: { description: 'Time of the last message.' },
    STARTED_AT: { description: 'Time of the first message.' },
    EXPIRES_AT: { description: 'When the conversation is due for automatic deletion.' },
  },
});

@InputType({ description: 'How to sort conversations.' })
export class ConversationOrder {
  @Field(() => ConversationOrderField, { description: 'The field to sort by.' })
  field!: ConversationOrderField;

  @Field(() => OrderDirection, { description: 'The direction to sort in.' })
  direction!: OrderDirection;
}

@ArgsType()
export class ConversationsArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over message text in web-search syntax ("quoted phrase", or, -excluded), also ' +
      "matching the lead's name, email or company containing the text. At most " +
      `${maxSearchLength} characters. Needs the personal-data:read permission; each search is audited.`,
  })
  search?: string | null;

  @Field(() => ConversationFilter, {
    nullable: true,
    description: 'Conditions every returned conversation meets.',
  })
  @ValidateNested()
  filter?: ConversationFilter | null;

  @Field(() => ConversationOrder, {
    nullable: true,
    description: 'Sort order; by default the most recent last message first.',
  })
  orderBy?: ConversationOrder | null;
}
