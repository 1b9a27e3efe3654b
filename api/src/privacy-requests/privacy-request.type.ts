import {
  PrivacyRequestChannel,
  PrivacyRequestStatus,
  PrivacyRequestType,
  type ErasureReceipt as ErasureReceiptRow,
  type PrivacyRequest as PrivacyRequestRow,
  type PrivacyRequestEvent as PrivacyRequestEventRow,
  type RequestExtension as RequestExtensionRow,
} from '@confide/db';
import { EmailAddressResolver, GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalField } from '../auth/personal-field.ts';
import { Node } from '../node/node.interface.ts';
import { Connection } from '../shared/pagination.ts';
import { isOpen } from './deadlines.ts';

registerEnumType(PrivacyRequestType, {
  name: 'PrivacyRequestType',
  description: 'The right a data subject exercises.',
  valuesConfig: {
    ACCESS: { description: 'A copy of everything held on the subject.' },
    RECTIFICATION: { description: 'Correction of inaccurate contact details.' },
    ERASURE: { description: 'Deletion of everything linked to the address ("right to be forgotten").' },
    RESTRICTION: { description: 'Restriction of processing until lifted.' },
    OBJECTION: { description: 'Objection to processing, including direct marketing.' },
    PORTABILITY: { description: 'The data in a structured, machine-readable format.' },
    WITHDRAW_CONSENT: { description: 'Withdrawal of consent for one or more purposes.' },
  },
});

registerEnumType(PrivacyRequestChannel, {
  name: 'PrivacyRequestChannel',
  description: 'How a privacy request reached us.',
  valuesConfig: {
    EMAIL: { description: 'An email from the subject.' },
    FORM: { description: 'A website form.' },
    PHONE: { description: 'A phone call.' },
    OTHER: { description: 'A letter or any other way.' },
  },
});

registerEnumType(PrivacyRequestStatus, {
  name: 'PrivacyRequestStatus',
  description: 'Where a privacy request stands: RECEIVED → VERIFIED → IN_PROGRESS → COMPLETED, or REJECTED.',
  valuesConfig: {
    RECEIVED: { description: 'Logged; the requester is not verified yet.' },
    VERIFIED: { description: 'The requester was verified (000: the request came from the address itself).' },
    IN_PROGRESS: { description: 'Work on the request has started.' },
    EXTENDED: { description: 'Postponed with a written notice (official, date, reason, new due date).' },
    COMPLETED: { description: 'Done and the requester informed.' },
    REJECTED: { description: 'Refused, with a reason.' },
  },
});

@ObjectType({ description: "One entry on a privacy request's timeline." })
export class PrivacyRequestEvent {
  @Field(() => String, {
    description:
      'CREATED, VERIFIED, STATUS_CHANGED, EXTENDED, REJECTED, COMPLETED, ERASURE_EXECUTED, EXPORT_CREATED, ' +
      'FLAG_PLACED, FLAG_LIFTED, RECTIFIED, CONSENT_WITHDRAWN.',
  })
  type!: string;

  actorId!: string | null;

  @Field(() => String, { nullable: true, description: 'What happened, in words.' })
  message!: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Structured facts: status change (from, to), dates, counts. Never personal data.',
  })
  data!: unknown;

  @Field(() => Date, { description: 'When it happened.' })
  occurredAt!: Date;

  static fromRow(row: PrivacyRequestEventRow): PrivacyRequestEvent {
    return Object.assign(new PrivacyRequestEvent(), row);
  }
}

@ObjectType({
  description:
    'A written postponement notice (policy 003): the official, the date, the reason, the new period.',
})
export class RequestExtension {
  @Field(() => String, { description: 'The official who decided the postponement.' })
  officialName!: string;

  @Field(() => Date, { description: 'The date of the notice sent to the requester.' })
  noticeDate!: Date;

  @Field(() => String, { description: 'Why the request could not be satisfied in time.' })
  reason!: string;

  @Field(() => Date, { description: 'The due date before the postponement.' })
  previousDueAt!: Date;

  @Field(() => Date, { description: 'The new due date.' })
  newDueAt!: Date;

  static fromRow(row: RequestExtensionRow): RequestExtension {
    return Object.assign(new RequestExtension(), row);
  }
}

@ObjectType({
  implements: [Node],
  description:
    'Proof that an erasure was honoured, holding nothing that re-identifies the subject: a keyed hash of ' +
    'the email, counts per record type, who, when, the verification result and the reply text.',
})
export class ErasureReceipt extends Node {
  executedById!: string | null;

  @Field(() => String, { description: 'Keyed HMAC-SHA256 of the trimmed, lower-cased email.' })
  subjectHash!: string;

  @Field(() => GraphQLJSON, {
    description: 'Records removed per type, e.g. {"conversations": 2, "messages": 31, "leads": 1}.',
  })
  counts!: unknown;

  @Field(() => Date, { description: 'When the erasure started.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When every deletion step had finished.' })
  completedAt!: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the scan of every text column found none of the subject's email, names or phone numbers; " +
      'null until the scan ran.',
  })
  verificationPassed!: boolean | null;

  @Field(() => Date, { nullable: true, description: 'When the verification scan ran.' })
  verifiedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The confirmation for the requester, from the site's reply template.",
  })
  replyText!: string | null;

  static fromRow(row: ErasureReceiptRow): ErasureReceipt {
    return Object.assign(new ErasureReceipt(), row);
  }
}

/**
 * A data-subject request. The source object is the database row plus `now` (for time left); site,
 * assignee, timeline, extensions and receipt are field resolvers in `privacy-request.resolver.ts`.
 */
@ObjectType({
  implements: [Node],
  description: 'A data-subject request with its deadlines, computed from the site’s policy at receipt.',
})
export class PrivacyRequest extends Node {
  siteId!: string;
  assigneeId!: string | null;
  requesterEmailNormalized!: string | null;
  now!: Date;

  @Field(() => PrivacyRequestType, { description: 'The right exercised.' })
  type!: PrivacyRequestType;

  @Field(() => PrivacyRequestChannel, { description: 'How the request reached us.' })
  channel!: PrivacyRequestChannel;

  @PersonalField(
    () => EmailAddressResolver,
    "The requester's email as given; null after an erasure (the keyed hash stays as proof).",
  )
  requesterEmail!: string | null;

  @Field(() => String, { description: 'Keyed hash of the normalised email; survives erasure.' })
  requesterEmailHash!: string;

  @PersonalField(() => String, 'What the requester asked, in their words.')
  details!: string | null;

  @Field(() => PrivacyRequestStatus, { description: 'Where the request stands.' })
  status!: PrivacyRequestStatus;

  @Field(() => Date, { description: 'When the request was received; deadlines count from here.' })
  receivedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the request must be examined (e.g. 10 working days); null where the policy has none.',
  })
  examinationDueAt!: Date | null;

  @Field(() => Date, { description: 'When the request must be satisfied (moved by an extension).' })
  dueAt!: Date;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds until `dueAt`, negative when overdue; null once completed or rejected.',
  })
  get timeLeftSeconds(): number | null {
    return isOpen(this.status) ? Math.round((this.dueAt.getTime() - this.now.getTime()) / 1000) : null;
  }

  @Field(() => Boolean, { description: 'Whether the request is still open and past its due date.' })
  get overdue(): boolean {
    return isOpen(this.status) && this.dueAt.getTime() < this.now.getTime();
  }

  @Field(() => Date, { nullable: true, description: 'When the requester was verified.' })
  verifiedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the request was completed.' })
  completedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the request was rejected.' })
  rejectedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the request was rejected.' })
  rejectionReason!: string | null;

  static fromRow(row: PrivacyRequestRow, now: Date): PrivacyRequest {
    return Object.assign(new PrivacyRequest(), row, { now });
  }
}

@ObjectType({ description: 'A page of privacy requests.' })
export class PrivacyRequestConnection extends Connection(PrivacyRequest, 'a privacy request') {}
