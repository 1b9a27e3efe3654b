import { ConsentPurpose, CrmExportItemStatus, CrmExportStatus, CrmKind } from '@confide/db';
import { ArrayMaxSize, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { LeadFilter } from '../leads/lead.inputs.ts';
import { ConnectionArgs } from '../shared/pagination.ts';
import { UserError } from '../shared/user-error.ts';
import type { CrmCredentials, CrmSettings } from './crm-connection-config.ts';
import { CrmConnection, CrmExport } from './crm.types.ts';
import { maxExportLeadIds, maxExportLeads } from './export-selection.ts';

const maxSecretLength = 4000;
const maxNameLength = 200;
const maxUrlLength = 2000;

@InputType({
  description:
    'Secrets of a connection; give the one its kind needs: accessToken (HubSpot private app, Salesforce OAuth), ' +
    'apiToken (Pipedrive) or signingSecret (webhook, at least 16 characters). Stored encrypted, never returned.',
})
export class CrmCredentialsInput implements CrmCredentials {
  @Field(() => String, {
    nullable: true,
    description: 'HubSpot private-app token or Salesforce access token.',
  })
  @MaxLength(maxSecretLength)
  accessToken?: string | null;

  @Field(() => String, { nullable: true, description: 'Pipedrive API token.' })
  @MaxLength(maxSecretLength)
  apiToken?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Secret the webhook receiver verifies X-Signature with.',
  })
  @MaxLength(maxSecretLength)
  signingSecret?: string | null;
}

@InputType({ description: 'Adapter settings; omitted or empty values are not stored.' })
export class CrmSettingsInput implements CrmSettings {
  @Field(() => String, { nullable: true, description: 'HubSpot account id, for links to contacts.' })
  portalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Salesforce REST API version, e.g. "62.0".' })
  apiVersion?: string | null;

  @Field(() => String, { nullable: true, description: 'Salesforce Company for leads that gave none.' })
  placeholderCompany?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Pipedrive person custom field key for the job title.',
  })
  jobTitleField?: string | null;

  @Field(() => String, { nullable: true, description: 'Pipedrive person custom field key for the company.' })
  companyField?: string | null;

  @Field(() => String, { nullable: true, description: 'Pipedrive subdomain, for links to persons.' })
  companyDomain?: string | null;
}

@InputType({ description: 'A new CRM connection for a site.' })
export class CreateCrmConnectionInput {
  @Field(() => ID, { description: 'Global id of the site whose leads go through the connection.' })
  siteId!: string;

  @Field(() => CrmKind, { description: 'Which CRM.' })
  kind!: CrmKind;

  @Field(() => String, { description: 'Name shown to staff.' })
  @MaxLength(maxNameLength)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Overrides the CRM's public API address; required for Salesforce (instance URL) and webhooks.",
  })
  @MaxLength(maxUrlLength)
  baseUrl?: string | null;

  @Field(() => CrmCredentialsInput, { description: 'The secret the kind needs.' })
  @ValidateNested()
  credentials!: CrmCredentialsInput;

  @Field(() => ConsentPurpose, {
    nullable: true,
    description: 'The consent purpose exports need (default CRM_TRANSFER).',
  })
  purpose?: ConsentPurpose | null;

  @Field(() => CrmSettingsInput, { nullable: true, description: 'Adapter settings.' })
  @ValidateNested()
  settings?: CrmSettingsInput | null;
}

@InputType({ description: 'Changes to a CRM connection; omitted fields keep their value.' })
export class UpdateCrmConnectionInput {
  @Field(() => ID, { description: 'Global id of the connection.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @MaxLength(maxNameLength)
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New base URL; an empty string returns to the default.',
  })
  @MaxLength(maxUrlLength)
  baseUrl?: string | null;

  @Field(() => CrmCredentialsInput, { nullable: true, description: 'Replaces the stored secret.' })
  @ValidateNested()
  credentials?: CrmCredentialsInput | null;

  @Field(() => ConsentPurpose, { nullable: true, description: 'New consent purpose exports need.' })
  purpose?: ConsentPurpose | null;

  @Field(() => CrmSettingsInput, { nullable: true, description: 'Replaces the adapter settings.' })
  @ValidateNested()
  settings?: CrmSettingsInput | null;

  @Field(() => Boolean, { nullable: true, description: 'true switches exports off; false on again.' })
  disabled?: boolean | null;
}

@InputType({ description: 'Names one CRM connection.' })
export class CrmConnectionIdInput {
  @Field(() => ID, { description: 'Global id of the connection.' })
  id!: string;
}

@ObjectType({ description: 'The result of a change to a CRM connection.' })
export class CrmConnectionPayload {
  @Field(() => CrmConnection, {
    nullable: true,
    description: 'The connection after the change; null when refused.',
  })
  crmConnection!: CrmConnection | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleteCrmConnection.' })
export class DeleteCrmConnectionPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted connection; null when refused.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'Why the deletion was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of testCrmConnection.' })
export class TestCrmConnectionPayload {
  @Field(() => CrmConnection, {
    nullable: true,
    description: 'The connection with its test result recorded.',
  })
  crmConnection!: CrmConnection | null;

  @Field(() => Boolean, { description: 'Whether the CRM accepted the address and credentials.' })
  ok!: boolean;

  @Field(() => String, { nullable: true, description: "The CRM's answer when the test failed." })
  message!: string | null;

  @Field(() => [UserError], { description: 'Why the test could not run; empty otherwise.' })
  userErrors!: UserError[];
}

@ArgsType()
export class CrmConnectionsArgs {
  @Field(() => ID, { nullable: true, description: 'Only the connections of this site (global Site id).' })
  siteId?: string | null;
}

@InputType({
  description:
    `Leads to push to a CRM connection: up to ${maxExportLeadIds} ids, or every lead of the connection's site ` +
    `matching a filter (at most ${maxExportLeads}); exactly one of them.`,
})
export class ExportLeadsInput {
  @Field(() => ID, { description: 'Global id of the CRM connection.' })
  connectionId!: string;

  @Field(() => [ID], {
    nullable: true,
    description: `Global ids of the leads (at most ${maxExportLeadIds}).`,
  })
  @ArrayMaxSize(maxExportLeadIds)
  leadIds?: string[] | null;

  @Field(() => LeadFilter, {
    nullable: true,
    description: "Every lead of the connection's site this matches.",
  })
  @ValidateNested()
  filter?: LeadFilter | null;
}

@ObjectType({ description: 'The result of exportLeads.' })
export class ExportLeadsPayload {
  @Field(() => CrmExport, {
    nullable: true,
    description: 'The export, queued; follow it with crmExport(id). Null when refused.',
  })
  crmExport!: CrmExport | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Names one CRM export.' })
export class CancelCrmExportInput {
  @Field(() => ID, { description: 'Global id of the export.' })
  id!: string;
}

@ObjectType({ description: 'The result of cancelCrmExport.' })
export class CancelCrmExportPayload {
  @Field(() => CrmExport, { nullable: true, description: 'The export after cancelling; null when refused.' })
  crmExport!: CrmExport | null;

  @Field(() => [UserError], { description: 'Why it could not be cancelled; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Narrows a list of CRM exports.' })
export class CrmExportFilter {
  @Field(() => ID, { nullable: true, description: 'Only exports through this connection.' })
  connectionId?: string | null;

  @Field(() => [CrmExportStatus], { nullable: true, description: 'Only exports in one of these statuses.' })
  @ArrayMaxSize(10)
  statuses?: CrmExportStatus[] | null;
}

@ArgsType()
export class CrmExportsArgs extends ConnectionArgs {
  @Field(() => CrmExportFilter, { nullable: true, description: 'Conditions every export returned meets.' })
  @ValidateNested()
  filter?: CrmExportFilter | null;
}

@ArgsType()
export class CrmExportItemsArgs extends ConnectionArgs {
  @Field(() => [CrmExportItemStatus], {
    nullable: true,
    description: 'Only items with one of these outcomes.',
  })
  @ArrayMaxSize(10)
  statuses?: CrmExportItemStatus[] | null;
}
