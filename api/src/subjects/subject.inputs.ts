import { ConsentPurpose } from '@confide/db';
import { ArrayMaxSize } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Lead } from '../leads/lead.type.ts';
import { ErasureReceipt, PrivacyRequest } from '../privacy-requests/privacy-request.type.ts';
import { UserError } from '../shared/user-error.ts';
import { SubjectExport, SubjectFlag, TraceMatch } from './subject.type.ts';

@InputType({ description: 'Runs the erasure of an ERASURE request.' })
export class ExecuteErasureInput {
  @Field(() => ID, { description: 'Global id of the erasure request.' })
  requestId!: string;

  @Field(() => String, {
    description:
      "The requester's address typed again (case and surrounding whitespace ignored), as a guard against erasing the wrong person.",
  })
  confirmEmail!: string;
}

@ObjectType({ description: 'The result of executeErasure.' })
export class ExecuteErasurePayload {
  @Field(() => ErasureReceipt, { nullable: true, description: 'The receipt; null when refused.' })
  receipt!: ErasureReceipt | null;

  @Field(() => [TraceMatch], {
    description:
      'Columns still holding the address, a name or a phone number after the erasure; empty is the proof.',
  })
  remainingTraces!: TraceMatch[];

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Builds the access package of an ACCESS or PORTABILITY request.' })
export class ExportSubjectDataInput {
  @Field(() => ID, { description: 'Global id of the request.' })
  requestId!: string;
}

@ObjectType({ description: 'The result of exportSubjectData.' })
export class ExportSubjectDataPayload {
  @Field(() => SubjectExport, {
    nullable: true,
    description: 'The package; fetch it with `subjectExport(id)`.',
  })
  export!: SubjectExport | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({
  description: "Places the flag a RESTRICTION or OBJECTION request asks for on the requester's address.",
})
export class PlaceSubjectFlagInput {
  @Field(() => ID, { description: 'Global id of the RESTRICTION or OBJECTION request.' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'Why, for the record.' })
  reason?: string | null;
}

@InputType({ description: 'Lifts a restriction or objection.' })
export class LiftSubjectFlagInput {
  @Field(() => ID, { description: 'Global id of the flag.' })
  flagId!: string;
}

@ObjectType({ description: 'The result of placing or lifting a flag.' })
export class SubjectFlagPayload {
  @Field(() => SubjectFlag, { nullable: true, description: 'The flag; null when refused.' })
  flag!: SubjectFlag | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Corrected contact fields; omitted fields stay, null clears.' })
export class ContactCorrectionInput {
  @Field(() => String, { nullable: true, description: 'Full name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  jobTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number in international format (+…).' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Company.' })
  company?: string | null;
}

@InputType({ description: "Corrects a lead's contact details for a RECTIFICATION request." })
export class RectifyLeadInput {
  @Field(() => ID, { description: 'Global id of the RECTIFICATION request.' })
  requestId!: string;

  @Field(() => ID, { description: "Global id of the requester's lead on the request's site." })
  leadId!: string;

  @Field(() => ContactCorrectionInput, { description: 'The corrections.' })
  changes!: ContactCorrectionInput;
}

@ObjectType({ description: 'The result of rectifyLead.' })
export class RectifyLeadPayload {
  @Field(() => Lead, { nullable: true, description: 'The corrected lead; null when refused.' })
  lead!: Lead | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Withdraws consents for a WITHDRAW_CONSENT request.' })
export class WithdrawSubjectConsentsInput {
  @Field(() => ID, { description: 'Global id of the WITHDRAW_CONSENT request.' })
  requestId!: string;

  @Field(() => [ConsentPurpose], { description: 'The purposes to withdraw.' })
  @ArrayMaxSize(10)
  purposes!: ConsentPurpose[];
}

@ObjectType({ description: 'The result of withdrawSubjectConsents.' })
export class WithdrawSubjectConsentsPayload {
  @Field(() => [ConsentPurpose], { description: 'Purposes withdrawn now (one ledger entry each).' })
  withdrawn!: ConsentPurpose[];

  @Field(() => [ConsentPurpose], { description: 'Purposes that were not granted, so nothing was appended.' })
  notGranted!: ConsentPurpose[];

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: "Marks a conversation or a lead as a child's data. Name exactly one." })
export class MarkChildDataInput {
  @Field(() => ID, { nullable: true, description: 'Global id of the conversation.' })
  conversationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the lead.' })
  leadId?: string | null;
}

@ObjectType({ description: 'The result of markChildData.' })
export class MarkChildDataPayload {
  @Field(() => PrivacyRequest, {
    nullable: true,
    description: 'The erasure request opened for the linked address, due at once.',
  })
  request!: PrivacyRequest | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the conversation deleted at once because no address is linked to it.',
  })
  deletedConversationId!: string | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
