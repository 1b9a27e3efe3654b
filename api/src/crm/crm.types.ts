import {
  ConsentPurpose,
  CrmExportItemStatus,
  CrmExportStatus,
  CrmKind,
  type CrmConnection as CrmConnectionRow,
  type CrmExport as CrmExportRow,
  type CrmExportItem as CrmExportItemRow,
} from '@confide/db';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalField } from '../auth/personal-field.ts';
import { Node } from '../node/node.interface.ts';
import { Connection } from '../shared/pagination.ts';
import type { CrmSettings } from './crm-connection-config.ts';

registerEnumType(CrmKind, {
  name: 'CrmKind',
  description: 'Which CRM a connection talks to (docs/crm.md describes each mapping).',
  valuesConfig: {
    HUBSPOT: { description: 'HubSpot contacts, upserted by email (CRM v3 batch upsert).' },
    SALESFORCE: { description: 'Salesforce Leads (sObject Collections).' },
    PIPEDRIVE: { description: 'Pipedrive persons (API v2), found by email before creating.' },
    WEBHOOK: { description: 'A signed JSON POST per lead to an endpoint of your own.' },
  },
});

registerEnumType(CrmExportStatus, {
  name: 'CrmExportStatus',
  description: 'Where an export stands.',
  valuesConfig: {
    QUEUED: { description: 'Accepted; the worker has not resolved the selection yet.' },
    RUNNING: { description: 'Leads are being sent in batches.' },
    COMPLETED: { description: 'Every lead has an outcome (done, failed or skipped).' },
    FAILED: { description: 'The export as a whole could not run.' },
    CANCELLED: { description: 'Cancelled; leads not sent by then stay pending.' },
  },
});

registerEnumType(CrmExportItemStatus, {
  name: 'CrmExportItemStatus',
  description: 'The outcome of one lead within an export.',
  valuesConfig: {
    PENDING: { description: 'Not sent yet (or waiting for a retry).' },
    DONE: { description: 'The CRM holds the lead; its record id is known.' },
    FAILED: { description: 'The CRM refused the lead, or every retry failed; `message` says why.' },
    SKIPPED: { description: 'Not sent: restriction, objection, or no consent or basis for the purpose.' },
  },
});

@ObjectType({ description: 'Adapter settings of a CRM connection. None of them is secret.' })
export class CrmConnectionSettings implements CrmSettings {
  @Field(() => String, { nullable: true, description: 'HubSpot account id, used for links to contacts.' })
  portalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Salesforce REST API version (default 62.0).' })
  apiVersion?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Salesforce Company for leads that gave none (default "[not provided]").',
  })
  placeholderCompany?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Pipedrive person custom field key for the job title.',
  })
  jobTitleField?: string | null;

  @Field(() => String, { nullable: true, description: 'Pipedrive person custom field key for the company.' })
  companyField?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Pipedrive subdomain (acme for acme.pipedrive.com), for links to persons.',
  })
  companyDomain?: string | null;
}

@ObjectType({
  implements: [Node],
  description:
    "A site's connection to a CRM. Its credentials are stored encrypted and are never returned; an admin can " +
    'only replace them.',
})
export class CrmConnection extends Node {
  siteId!: string;

  @Field(() => CrmKind, { description: 'Which CRM this is.' })
  kind!: CrmKind;

  @Field(() => String, { description: 'Name shown to staff when they pick a connection.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "Address used instead of the CRM's public API (sandboxes, tests); a webhook's URL.",
  })
  baseUrl!: string | null;

  @Field(() => ConsentPurpose, {
    description:
      'The consent purpose an export through this connection needs: leads without a current grant for it (or, ' +
      'for marketing, without consent as the basis) are skipped.',
  })
  purpose!: ConsentPurpose;

  @Field(() => CrmConnectionSettings, { description: 'Adapter settings.' })
  settings!: CrmConnectionSettings;

  @Field(() => Date, { nullable: true, description: 'When the connection was last tested.' })
  lastTestedAt!: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the last test succeeded; null if never tested.',
  })
  lastTestOk!: boolean | null;

  @Field(() => Boolean, { description: 'Whether exports through this connection are switched off.' })
  disabled!: boolean;

  @Field(() => Date, { description: 'When the connection was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the connection last changed.' })
  updatedAt!: Date;

  static fromRow(row: CrmConnectionRow): CrmConnection {
    return Object.assign(new CrmConnection(), {
      id: row.id,
      siteId: row.siteId,
      kind: row.kind,
      name: row.name,
      baseUrl: row.baseUrl,
      purpose: row.purpose,
      settings: Object.assign(new CrmConnectionSettings(), row.settings as CrmSettings),
      lastTestedAt: row.lastTestedAt,
      lastTestOk: row.lastTestOk,
      disabled: row.disabledAt !== null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }
}

@ObjectType({
  implements: [Node],
  description: 'A push of selected leads to a CRM connection, worked through in the background.',
})
export class CrmExport extends Node {
  connectionId!: string;
  requestedById!: string | null;

  @Field(() => CrmExportStatus, { description: 'Where the export stands.' })
  status!: CrmExportStatus;

  @Field(() => Int, { description: 'Leads in the export (0 until the selection is resolved).' })
  total!: number;

  @Field(() => Int, { description: 'Leads the CRM now holds.' })
  done!: number;

  @Field(() => Int, { description: 'Leads the CRM refused, or that failed every retry.' })
  failed!: number;

  @Field(() => Int, { description: 'Leads not sent because of restriction, objection or missing consent.' })
  skipped!: number;

  @Field(() => Int, { description: 'Leads without an outcome yet.' })
  pending(): number {
    return Math.max(0, this.total - this.done - this.failed - this.skipped);
  }

  @Field(() => Boolean, { description: 'Whether the export was asked for through an API token.' })
  viaApiToken!: boolean;

  @Field(() => Date, { description: 'When the export was asked for.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When sending began.' })
  startedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When every lead had an outcome, or the export was cancelled.',
  })
  finishedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the export was cancelled.' })
  cancelledAt!: Date | null;

  static fromRow(row: CrmExportRow): CrmExport {
    return Object.assign(new CrmExport(), {
      id: row.id,
      connectionId: row.connectionId,
      requestedById: row.requestedById,
      status: row.status,
      total: row.total,
      done: row.done,
      failed: row.failed,
      skipped: row.skipped,
      viaApiToken: row.apiTokenId !== null,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      cancelledAt: row.cancelledAt,
    });
  }
}

@ObjectType({ description: 'A page of CRM exports.' })
export class CrmExportConnection extends Connection(CrmExport, 'a CRM export') {}

@ObjectType({ description: "One lead's outcome within a CRM export." })
export class CrmExportItem {
  /** Database id, for cursors and the personal-field audit. */
  id!: string;
  leadId!: string | null;

  @Field(() => CrmExportItemStatus, { description: 'The outcome.' })
  status!: CrmExportItemStatus;

  @Field(() => String, { nullable: true, description: "The CRM's id of the record, once sent." })
  crmRecordId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A link to the record in the CRM, where the CRM has one.',
  })
  crmRecordUrl!: string | null;

  @PersonalField(
    () => String,
    "Why the lead failed (the CRM's own message, which may quote the contact's details) or was skipped.",
  )
  message!: string | null;

  @Field(() => Int, { description: 'How many times the lead was sent or decided on.' })
  attempts!: number;

  @Field(() => Date, { description: 'When the outcome last changed.' })
  updatedAt!: Date;

  static fromRow(row: CrmExportItemRow): CrmExportItem {
    return Object.assign(new CrmExportItem(), row);
  }
}

@ObjectType({ description: 'A page of the leads of a CRM export.' })
export class CrmExportItemConnection extends Connection(CrmExportItem, 'an export item') {}
