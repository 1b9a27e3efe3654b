import { LeadSource, LeadStatus } from '@confide/db';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { maxSearchLength } from '../conversations/search-text.ts';
import { OrderDirection } from '../shared/order-direction.ts';
import { ConnectionArgs } from '../shared/pagination.ts';
import { UserError } from '../shared/user-error.ts';
import { maxBulkLeads } from './bulk-update-leads.ts';
import { maxNoteLength } from './lead-changes.ts';
import { Lead } from './lead.type.ts';

/** Most sites or statuses one filter may name. */
export const maxFilterValues = 100;

@InputType({
  description:
    'Narrows a list of leads. Every condition given must hold. Time ranges are half-open: `createdAfter` ' +
    'includes the instant, `createdBefore` excludes it.',
})
export class LeadFilter {
  @Field(() => [ID], {
    nullable: true,
    description: `Only leads of these sites (global Site ids, at most ${maxFilterValues}).`,
  })
  @ArrayMaxSize(maxFilterValues)
  siteIds?: string[] | null;

  @Field(() => [LeadStatus], { nullable: true, description: 'Only leads in one of these statuses.' })
  @ArrayMaxSize(maxFilterValues)
  statuses?: LeadStatus[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only leads owned by this staff member (global StaffMember id).',
  })
  ownerId?: string | null;

  @Field(() => LeadSource, { nullable: true, description: 'Only leads from this source.' })
  source?: LeadSource | null;

  @Field(() => Date, { nullable: true, description: 'Only leads captured at or after this time.' })
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only leads captured before this time.' })
  createdBefore?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only leads already moved into a CRM; false: only those never exported.',
  })
  exported?: boolean | null;
}

/** What a list of leads can be sorted by. */
export const LeadOrderField = {
  CREATED_AT: 'CREATED_AT',
  UPDATED_AT: 'UPDATED_AT',
} as const;
export type LeadOrderField = (typeof LeadOrderField)[keyof typeof LeadOrderField];

registerEnumType(LeadOrderField, {
  name: 'LeadOrderField',
  description: 'What leads can be sorted by; ties are broken by id.',
  valuesConfig: {
    CREATED_AT: { description: 'When the lead was captured.' },
    UPDATED_AT: { description: 'When the lead last changed (status, owner, note, export).' },
  },
});

@InputType({ description: 'How to sort leads.' })
export class LeadOrder {
  @Field(() => LeadOrderField, { description: 'The field to sort by.' })
  field!: LeadOrderField;

  @Field(() => OrderDirection, { description: 'The direction to sort in.' })
  direction!: OrderDirection;
}

@ArgsType()
export class LeadsArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Leads whose name, email or company contains this text, ignoring case (no wildcards: "%" and "_" match ' +
      `themselves). At most ${maxSearchLength} characters. Needs the personal-data:read permission; each search is audited.`,
  })
  search?: string | null;

  @Field(() => LeadFilter, { nullable: true, description: 'Conditions every returned lead meets.' })
  @ValidateNested()
  filter?: LeadFilter | null;

  @Field(() => LeadOrder, { nullable: true, description: 'Sort order; by default the newest lead first.' })
  orderBy?: LeadOrder | null;
}

@InputType({ description: "Changes to one lead's triage. Give at least one of status, ownerId or note." })
export class UpdateLeadInput {
  @Field(() => ID, { description: 'Global id of the lead.' })
  id!: string;

  @Field(() => LeadStatus, {
    nullable: true,
    description:
      'New status; any status may follow any other. Entering ENGAGED stamps `engagedAt`; leaving it stamps ' +
      "`engagementEndedAt` and keeps the lead at least for the site's legally required period.",
  })
  status?: LeadStatus | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the new owner, an active staff member with the SALES role; null to unassign; omit to keep.',
  })
  ownerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `A note to add to the lead (at most ${maxNoteLength} characters), written as the caller.`,
  })
  note?: string | null;
}

@ObjectType({ description: 'The result of updateLead.' })
export class UpdateLeadPayload {
  @Field(() => Lead, {
    nullable: true,
    description: 'The lead after the change; null when userErrors refused it.',
  })
  lead!: Lead | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({
  description:
    `One change applied to many leads at once, all or nothing: select up to ${maxBulkLeads} leads by ids or by ` +
    'a filter (exactly one of them), and give at least one of status, ownerId or note.',
})
export class BulkUpdateLeadsInput {
  @Field(() => [ID], {
    nullable: true,
    description: `Global ids of the leads (at most ${maxBulkLeads}).`,
  })
  ids?: string[] | null;

  @Field(() => LeadFilter, {
    nullable: true,
    description: `Every lead this filter matches; refused when it matches more than ${maxBulkLeads}.`,
  })
  @ValidateNested()
  filter?: LeadFilter | null;

  @Field(() => LeadStatus, {
    nullable: true,
    description: 'New status for every selected lead, with the same engagement rules as updateLead.',
  })
  status?: LeadStatus | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the new owner (active, with the SALES role); null to unassign; omit to keep.',
  })
  ownerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `A note to add to every selected lead (at most ${maxNoteLength} characters).`,
  })
  note?: string | null;
}

@ObjectType({ description: 'The result of bulkUpdateLeads.' })
export class BulkUpdateLeadsPayload {
  @Field(() => Int, {
    description: 'How many leads changed; leads already in the asked state are not counted. 0 when refused.',
  })
  updatedCount!: number;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
