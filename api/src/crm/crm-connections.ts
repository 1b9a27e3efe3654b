import type { ConsentPurpose, CrmConnection as CrmConnectionRow, CrmKind, Prisma } from '@confide/db';
import { databaseIdOf } from '../leads/lead-changes.ts';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { CrmError } from './adapters/adapter.ts';
import {
  adapterFor,
  cleanSettings,
  openCredentials,
  sealCredentials,
  validateConnectionConfig,
  type CrmCredentials,
  type CrmSettings,
} from './crm-connection-config.ts';

// Admin-managed connections. Credentials go in sealed (AES-256-GCM under ENCRYPTION_KEY) and never
// come out: not in results, not in audit details, not in logs.

export interface ConnectionResult {
  connection: CrmConnectionRow | null;
  userErrors: UserErrorData[];
}

function encryptionKeyOf(context: RequestContext): string {
  // startServer fills it in (withInstanceSecrets); without it nothing could be sealed or opened.
  if (!context.config.encryptionKey) throw new Error('config.encryptionKey is not set');
  return context.config.encryptionKey;
}

const connectionNotFound: UserErrorData = {
  field: ['input', 'id'],
  code: 'NOT_FOUND',
  message: 'No CRM connection has this id',
};

async function findConnection(context: RequestContext, globalId: string): Promise<CrmConnectionRow | null> {
  const id = databaseIdOf(globalId, 'CrmConnection');
  return id ? context.prisma.crmConnection.findUnique({ where: { id } }) : null;
}

function blankToNull(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

function nameErrors(name: string | null | undefined): UserErrorData[] {
  return name != null && name.trim() === ''
    ? [{ field: ['input', 'name'], code: 'REQUIRED', message: 'The name is blank' }]
    : [];
}

export interface CreateCrmConnectionInput {
  siteId: string;
  kind: CrmKind;
  name: string;
  baseUrl?: string | null;
  credentials: CrmCredentials;
  purpose?: ConsentPurpose | null;
  settings?: CrmSettings | null;
}

/** Creates a site's CRM connection. Audited as "crm.connection.create" (kind, site; no secrets). */
export async function createCrmConnection(
  context: RequestContext,
  input: CreateCrmConnectionInput,
): Promise<ConnectionResult> {
  const siteId = databaseIdOf(input.siteId, 'Site');
  const site = siteId
    ? await context.prisma.site.findUnique({ where: { id: siteId }, select: { id: true } })
    : null;
  const baseUrl = blankToNull(input.baseUrl);
  const settings = cleanSettings(input.settings) as CrmSettings;
  const userErrors = [
    ...(site
      ? []
      : [{ field: ['input', 'siteId'], code: 'NOT_FOUND' as const, message: 'No site has this id' }]),
    ...nameErrors(input.name),
    ...validateConnectionConfig(input.kind, { baseUrl, credentials: input.credentials, settings }),
  ];
  if (!site || userErrors.length > 0) return { connection: null, userErrors };
  const connection = await context.prisma.crmConnection.create({
    data: {
      siteId: site.id,
      kind: input.kind,
      name: input.name.trim(),
      baseUrl,
      credentialsEncrypted: sealCredentials(input.credentials, encryptionKeyOf(context)),
      purpose: input.purpose ?? 'CRM_TRANSFER',
      settings: settings as Prisma.InputJsonObject,
    },
  });
  context.audit.record({
    action: 'crm.connection.create',
    targetType: 'CrmConnection',
    targetIds: [connection.id],
    details: { siteId: site.id, kind: connection.kind, purpose: connection.purpose },
  });
  return { connection, userErrors: [] };
}

export interface UpdateCrmConnectionInput {
  id: string;
  name?: string | null;
  baseUrl?: string | null;
  credentials?: CrmCredentials | null;
  purpose?: ConsentPurpose | null;
  settings?: CrmSettings | null;
  disabled?: boolean | null;
}

/**
 * Changes a connection; new credentials replace the stored ones whole. Audited as
 * "crm.connection.update" with the names of the changed fields.
 */
export async function updateCrmConnection(
  context: RequestContext,
  input: UpdateCrmConnectionInput,
): Promise<ConnectionResult> {
  const existing = await findConnection(context, input.id);
  if (!existing) return { connection: null, userErrors: [connectionNotFound] };
  const key = encryptionKeyOf(context);
  const baseUrl =
    input.baseUrl === undefined || input.baseUrl === null ? existing.baseUrl : blankToNull(input.baseUrl);
  const settings = input.settings
    ? (cleanSettings(input.settings) as CrmSettings)
    : (existing.settings as CrmSettings);
  const credentials = input.credentials ?? openCredentials(existing.credentialsEncrypted, key);
  const userErrors = [
    ...nameErrors(input.name),
    ...validateConnectionConfig(existing.kind, { baseUrl, credentials, settings }),
  ];
  if (userErrors.length > 0) return { connection: null, userErrors };
  const data: Prisma.CrmConnectionUpdateInput = {
    ...(input.name != null && { name: input.name.trim() }),
    ...(input.baseUrl != null && { baseUrl }),
    ...(input.credentials && { credentialsEncrypted: sealCredentials(input.credentials, key) }),
    ...(input.purpose && { purpose: input.purpose }),
    ...(input.settings && { settings: settings as Prisma.InputJsonObject }),
    ...(input.disabled != null && {
      disabledAt: input.disabled ? (existing.disabledAt ?? context.now()) : null,
    }),
    // A new address or secret makes the last test result meaningless.
    ...((input.credentials || input.baseUrl != null) && { lastTestedAt: null, lastTestOk: null }),
  };
  const fields = Object.keys(input).filter(
    (field) => field !== 'id' && input[field as keyof UpdateCrmConnectionInput] != null,
  );
  if (fields.length === 0) {
    return {
      connection: null,
      userErrors: [{ field: ['input'], code: 'REQUIRED', message: 'Give at least one field to change' }],
    };
  }
  const connection = await context.prisma.crmConnection.update({ where: { id: existing.id }, data });
  context.audit.record({
    action: 'crm.connection.update',
    targetType: 'CrmConnection',
    targetIds: [connection.id],
    details: { fields: fields.sort() },
  });
  return { connection, userErrors: [] };
}

/**
 * Deletes a connection with its exports and stored CRM ids. Refused while an export through it is
 * under way or a CRM erasure still waits to be sent: those would be lost with it (disable it instead).
 */
export async function deleteCrmConnection(
  context: RequestContext,
  input: { id: string },
): Promise<{ deletedId: string | null; userErrors: UserErrorData[] }> {
  const existing = await findConnection(context, input.id);
  if (!existing) return { deletedId: null, userErrors: [connectionNotFound] };
  const [activeExports, pendingErasures] = await Promise.all([
    context.prisma.crmExport.count({
      where: { connectionId: existing.id, status: { in: ['QUEUED', 'RUNNING'] } },
    }),
    context.prisma.crmErasure.count({ where: { connectionId: existing.id, status: 'PENDING' } }),
  ]);
  if (activeExports > 0 || pendingErasures > 0) {
    return {
      deletedId: null,
      userErrors: [
        {
          field: ['input', 'id'],
          code: 'INVALID',
          message:
            'An export through this connection is under way or a CRM erasure still waits to be sent; cancel the ' +
            'export or wait, or disable the connection instead',
        },
      ],
    };
  }
  await context.prisma.crmConnection.delete({ where: { id: existing.id } });
  context.audit.record({
    action: 'crm.connection.delete',
    targetType: 'CrmConnection',
    targetIds: [existing.id],
    details: { siteId: existing.siteId, kind: existing.kind },
  });
  return { deletedId: existing.id, userErrors: [] };
}

/** Calls the CRM with the stored address and credentials and records the result on the connection. */
export async function testCrmConnection(
  context: RequestContext,
  input: { id: string },
): Promise<{
  connection: CrmConnectionRow | null;
  ok: boolean;
  message: string | null;
  userErrors: UserErrorData[];
}> {
  const existing = await findConnection(context, input.id);
  if (!existing) return { connection: null, ok: false, message: null, userErrors: [connectionNotFound] };
  let message: string | null = null;
  try {
    await adapterFor(existing, encryptionKeyOf(context), context.now).test();
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    message = error.message;
  }
  const connection = await context.prisma.crmConnection.update({
    where: { id: existing.id },
    data: { lastTestedAt: context.now(), lastTestOk: message === null },
  });
  context.audit.record({
    action: 'crm.connection.test',
    targetType: 'CrmConnection',
    targetIds: [existing.id],
    details: { ok: message === null },
  });
  return { connection, ok: message === null, message, userErrors: [] };
}
