import { PrivacyRequestChannel, PrivacyRequestStatus, PrivacyRequestType } from '@confide/db';
import { ValidateNested } from 'class-validator';
import { EmailAddressResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionArgs } from '../shared/pagination.ts';
import { UserError } from '../shared/user-error.ts';
import { PrivacyRequest } from './privacy-request.type.ts';

export const PrivacyRequestOrder = { URGENCY: 'URGENCY', RECEIVED_AT_DESC: 'RECEIVED_AT_DESC' } as const;
export type PrivacyRequestOrder = (typeof PrivacyRequestOrder)[keyof typeof PrivacyRequestOrder];

registerEnumType(PrivacyRequestOrder, {
  name: 'PrivacyRequestOrder',
  description: 'How privacy requests are sorted.',
  valuesConfig: {
    URGENCY: {
      description:
        'Open requests first, earliest due (overdue) at the top; then closed ones, most recently due first.',
    },
    RECEIVED_AT_DESC: { description: 'Newest received first.' },
  },
});

@InputType({ description: 'Narrows the list of privacy requests. Every condition given must hold.' })
export class PrivacyRequestFilter {
  @Field(() => ID, { nullable: true, description: 'Only requests of this site (global Site id).' })
  siteId?: string | null;

  @Field(() => [PrivacyRequestStatus], {
    nullable: true,
    description: 'Only requests in one of these statuses.',
  })
  statuses?: PrivacyRequestStatus[] | null;

  @Field(() => [PrivacyRequestType], { nullable: true, description: 'Only requests of one of these types.' })
  types?: PrivacyRequestType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only open requests; false: only completed or rejected.',
  })
  open?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only open requests past their due date.' })
  overdue?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only requests assigned to this staff member (global id).',
  })
  assigneeId?: string | null;

  @Field(() => EmailAddressResolver, {
    nullable: true,
    description:
      'Only requests from this address, ignoring case and surrounding whitespace. Needs personal-data:read.',
  })
  requesterEmail?: string | null;
}

@ArgsType()
export class PrivacyRequestsArgs extends ConnectionArgs {
  @Field(() => PrivacyRequestFilter, {
    nullable: true,
    description: 'Conditions every returned request meets.',
  })
  @ValidateNested()
  filter?: PrivacyRequestFilter | null;

  @Field(() => PrivacyRequestOrder, { nullable: true, description: 'The order; by default URGENCY.' })
  orderBy?: PrivacyRequestOrder | null;
}

@InputType({ description: 'A data-subject request to log.' })
export class CreatePrivacyRequestInput {
  @Field(() => ID, { description: 'Global id of the site the request concerns.' })
  siteId!: string;

  @Field(() => PrivacyRequestType, { description: 'The right exercised.' })
  type!: PrivacyRequestType;

  @Field(() => PrivacyRequestChannel, { description: 'How the request reached us.' })
  channel!: PrivacyRequestChannel;

  @Field(() => String, {
    description: "The requester's email address as given; matched ignoring case and surrounding whitespace.",
  })
  requesterEmail!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the requester asked, in their words (at most 5000 characters).',
  })
  details?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the privacy staff member handling it.' })
  assigneeId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the request arrived; by default now. Deadlines count from here.',
  })
  receivedAt?: Date | null;
}

@InputType({ description: 'Marks the requester as verified.' })
export class VerifyPrivacyRequestInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'How the requester was verified, for the timeline.' })
  note?: string | null;
}

@InputType({ description: 'A written postponement notice (policy 003).' })
export class ExtendPrivacyRequestInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  requestId!: string;

  @Field(() => String, { description: 'Name (and position) of the official deciding the postponement.' })
  officialName!: string;

  @Field(() => Date, { description: 'Date of the notice sent to the requester.' })
  noticeDate!: Date;

  @Field(() => String, { description: 'Why the request cannot be satisfied in time.' })
  reason!: string;

  @Field(() => Date, {
    description: "The new due date; no later than the site's maximum counted from receipt.",
  })
  newDueAt!: Date;
}

@InputType({ description: 'Refuses a request.' })
export class RejectPrivacyRequestInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  requestId!: string;

  @Field(() => String, { description: 'Why the request is refused; required, told to the requester.' })
  reason!: string;
}

@InputType({ description: 'Closes a request once the requester was answered.' })
export class CompletePrivacyRequestInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'How the requester was informed, for the timeline.' })
  note?: string | null;
}

@ObjectType({ description: 'The result of a change to a privacy request.' })
export class PrivacyRequestPayload {
  @Field(() => PrivacyRequest, {
    nullable: true,
    description: 'The request after the change; null when refused.',
  })
  request!: PrivacyRequest | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
