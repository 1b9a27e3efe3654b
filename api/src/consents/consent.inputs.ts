import { ConsentAction, ConsentPurpose, ConsentSource, LegalBasis } from '@confide/db';
import { EmailAddressResolver } from 'graphql-scalars';
import { ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionArgs } from '../shared/pagination.ts';
import { UserError } from '../shared/user-error.ts';
import { maxEvidenceLength, maxPolicyVersionLength } from './consent-rules.ts';
import { Consent } from './consent.type.ts';

@InputType({ description: 'Narrows the consent ledger. Every condition given must hold.' })
export class ConsentFilter {
  @Field(() => EmailAddressResolver, {
    nullable: true,
    description: 'Only entries of this subject; matched exactly, ignoring case (a lookup, not a search).',
  })
  subjectEmail?: string | null;

  @Field(() => ConsentPurpose, { nullable: true, description: 'Only entries for this purpose.' })
  purpose?: ConsentPurpose | null;

  @Field(() => ConsentAction, { nullable: true, description: 'Only grants, or only withdrawals.' })
  action?: ConsentAction | null;

  @Field(() => ID, { nullable: true, description: 'Only entries on this site (global Site id).' })
  siteId?: string | null;
}

@ArgsType()
export class ConsentsArgs extends ConnectionArgs {
  @Field(() => ConsentFilter, { nullable: true, description: 'Conditions every returned entry meets.' })
  @ValidateNested()
  filter?: ConsentFilter | null;
}

@InputType({ description: 'A grant to append to the consent ledger.' })
export class RecordConsentInput {
  @Field(() => ID, { description: 'Global id of the site the consent is given to.' })
  siteId!: string;

  @Field(() => EmailAddressResolver, {
    description: 'Email address of the subject; stored trimmed and lower-cased.',
  })
  subjectEmail!: string;

  @Field(() => ConsentPurpose, { description: 'The processing purpose.' })
  purpose!: ConsentPurpose;

  @Field(() => LegalBasis, {
    description:
      'The legal basis. Marketing communications, analytics cookies and marketing cookies accept only CONSENT.',
  })
  legalBasis!: LegalBasis;

  @Field(() => ConsentSource, {
    nullable: true,
    description: 'How the grant reached us; by default STAFF for staff members and API for tokens.',
  })
  source?: ConsentSource | null;

  @Field(() => String, {
    nullable: true,
    description: `Version of the policy or form text the subject was shown (at most ${maxPolicyVersionLength} characters); by default the site's current one.`,
  })
  policyVersion?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `What proves the grant: the checkbox text, the email's message id, a note (at most ${maxEvidenceLength} characters).`,
  })
  evidence?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the subject granted consent; by default now. Not in the future.',
  })
  occurredAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Global id of the lead the grant came with; it must be the same site's lead of the same address.",
  })
  leadId?: string | null;
}

@InputType({ description: 'A withdrawal to append to the consent ledger.' })
export class WithdrawConsentInput {
  @Field(() => ID, { description: 'Global id of the site the consent was given to.' })
  siteId!: string;

  @Field(() => EmailAddressResolver, { description: 'Email address of the subject; matched ignoring case.' })
  subjectEmail!: string;

  @Field(() => ConsentPurpose, { description: 'The purpose to withdraw; it must currently be granted.' })
  purpose!: ConsentPurpose;

  @Field(() => ConsentSource, {
    nullable: true,
    description: 'How the withdrawal reached us; by default STAFF for staff members and API for tokens.',
  })
  source?: ConsentSource | null;

  @Field(() => String, {
    nullable: true,
    description: `What proves the withdrawal, e.g. the email's message id (at most ${maxEvidenceLength} characters).`,
  })
  evidence?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the subject withdrew; by default now. Not in the future, nor before the grant.',
  })
  occurredAt?: Date | null;
}

@ObjectType({ description: 'The result of recordConsent.' })
export class RecordConsentPayload {
  @Field(() => Consent, {
    nullable: true,
    description: 'The new ledger entry; null when userErrors refused it.',
  })
  consent!: Consent | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of withdrawConsent.' })
export class WithdrawConsentPayload {
  @Field(() => Consent, {
    nullable: true,
    description: 'The new ledger entry; null when userErrors refused it.',
  })
  consent!: Consent | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
