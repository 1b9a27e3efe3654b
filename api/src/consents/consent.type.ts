import {
  ConsentAction,
  ConsentPurpose,
  ConsentSource,
  LegalBasis,
  type Consent as ConsentRow,
} from '@confide/db';
import { EmailAddressResolver } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalField } from '../auth/personal-field.ts';
import { Node } from '../node/node.interface.ts';
import { Connection } from '../shared/pagination.ts';

registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'A purpose personal data is processed for, each with its own legal basis.',
  valuesConfig: {
    MARKETING_COMMUNICATIONS: { description: 'Marketing emails and messages; only ever with consent.' },
    ANALYTICS_COOKIES: { description: 'Analytics cookies; only with consent.' },
    MARKETING_COOKIES: { description: 'Advertising and marketing cookies; only with consent.' },
    CHAT_LOGGING: { description: 'Keeping the transcript of a conversation with the assistant.' },
    CRM_TRANSFER: { description: 'Moving contact details into the sales CRM.' },
  },
});

registerEnumType(LegalBasis, {
  name: 'LegalBasis',
  description: 'The lawful ground for processing (GDPR Art. 6).',
  valuesConfig: {
    CONSENT: { description: 'The subject agreed.' },
    LEGITIMATE_INTEREST: { description: 'A legitimate interest that the subject’s rights do not override.' },
    CONTRACT: { description: 'Needed for a contract with the subject.' },
    LEGAL_OBLIGATION: { description: 'Required by law.' },
  },
});

registerEnumType(ConsentAction, {
  name: 'ConsentAction',
  description: 'What a consent ledger entry records.',
  valuesConfig: {
    GRANTED: { description: 'The subject gave consent (or the basis was established).' },
    WITHDRAWN: { description: 'The subject withdrew it; effective at once.' },
  },
});

registerEnumType(ConsentSource, {
  name: 'ConsentSource',
  description: 'How a grant or withdrawal reached us.',
  valuesConfig: {
    WIDGET: { description: 'A checkbox or notice in the chat widget.' },
    FORM: { description: 'A website form.' },
    EMAIL: { description: 'An email from the subject.' },
    STAFF: { description: 'Recorded by a staff member, e.g. from a phone call or letter.' },
    API: { description: 'Sent by an integrator’s system.' },
  },
});

export type { ConsentRow };

/**
 * One entry of the append-only consent ledger. The source object is the database row; `site`,
 * `lead` and `recordedBy` are field resolvers in `consent.resolver.ts`.
 */
@ObjectType({
  implements: [Node],
  description: 'One entry of the append-only consent ledger: a grant or a withdrawal, never rewritten.',
})
export class Consent extends Node {
  siteId!: string;
  leadId!: string | null;
  recordedById!: string | null;
  subjectEmailNormalized!: string;
  createdAt!: Date;

  @PersonalField(() => EmailAddressResolver, 'Email address of the subject, trimmed and lower-cased.')
  get subjectEmail(): string {
    return this.subjectEmailNormalized;
  }

  @Field(() => ConsentPurpose, { description: 'The processing purpose the entry is about.' })
  purpose!: ConsentPurpose;

  @Field(() => LegalBasis, { description: 'The legal basis the processing rests on.' })
  legalBasis!: LegalBasis;

  @Field(() => ConsentAction, { description: 'Whether consent was granted or withdrawn.' })
  action!: ConsentAction;

  @Field(() => ConsentSource, { description: 'How the grant or withdrawal reached us.' })
  source!: ConsentSource;

  @Field(() => String, { description: 'Version of the policy or form text the subject was shown.' })
  policyVersion!: string;

  @PersonalField(
    () => String,
    'What proves it: the checkbox text shown, the email’s message id, a staff note.',
  )
  evidence!: string | null;

  @Field(() => Date, { description: 'When the subject granted or withdrew consent.' })
  occurredAt!: Date;

  @Field(() => Date, { description: 'When the entry was written to the ledger.' })
  get recordedAt(): Date {
    return this.createdAt;
  }

  static fromRow(row: ConsentRow): Consent {
    return Object.assign(new Consent(), row);
  }
}

@ObjectType({ description: 'A page of consent ledger entries, newest first.' })
export class ConsentConnection extends Connection(Consent, 'a consent ledger entry') {}

@ObjectType({ description: 'Where consent for one purpose stands now, from the latest ledger entry.' })
export class ConsentState {
  @Field(() => ConsentPurpose, { description: 'The processing purpose.' })
  purpose!: ConsentPurpose;

  @Field(() => Boolean, {
    description: 'Whether the latest entry for the purpose is a grant. False when there is no entry at all.',
  })
  granted!: boolean;

  @Field(() => LegalBasis, {
    nullable: true,
    description: 'Legal basis of the latest entry; null without one.',
  })
  legalBasis!: LegalBasis | null;

  @Field(() => Date, { nullable: true, description: 'When the latest entry occurred; null without one.' })
  since!: Date | null;

  @Field(() => Consent, { nullable: true, description: 'The latest ledger entry for the purpose, if any.' })
  latest!: Consent | null;
}

@ObjectType({
  description: 'A subject’s consents on one site: where each purpose stands, and the ledger behind it.',
})
export class SubjectConsents {
  @Field(() => [ConsentState], {
    description: 'One state per purpose, in the order of the ConsentPurpose enum.',
  })
  current!: ConsentState[];

  @Field(() => [Consent], { description: 'Every ledger entry of the subject on the site, oldest first.' })
  ledger!: Consent[];
}
