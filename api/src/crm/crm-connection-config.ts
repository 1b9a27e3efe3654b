import type { CrmKind, Prisma } from '@confide/db';
import { decryptText, encryptText } from '../shared/encryption.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import type { CrmAdapter } from './adapters/adapter.ts';
import { hubspotAdapter, hubspotDefaultBaseUrl } from './adapters/hubspot.ts';
import { pipedriveAdapter, pipedriveDefaultBaseUrl } from './adapters/pipedrive.ts';
import {
  salesforceAdapter,
  salesforceDefaultApiVersion,
  salesforceDefaultPlaceholderCompany,
} from './adapters/salesforce.ts';
import { webhookAdapter } from './adapters/webhook.ts';

/** Secrets of a connection; which one a kind needs is in `requiredCredential`. Stored sealed. */
export interface CrmCredentials {
  /** HubSpot private-app token, or a Salesforce OAuth access token. */
  accessToken?: string | null;
  /** Pipedrive API token. */
  apiToken?: string | null;
  /** The secret a webhook receiver verifies `X-Signature` with. */
  signingSecret?: string | null;
}

/** Adapter settings (not secret), kept in `CrmConnection.settings`. */
export interface CrmSettings {
  /** HubSpot account id, for links to contacts. */
  portalId?: string | null;
  /** Salesforce REST API version, e.g. "62.0". */
  apiVersion?: string | null;
  /** Salesforce Company for leads that gave none. */
  placeholderCompany?: string | null;
  /** Pipedrive person custom field (key) for the job title. */
  jobTitleField?: string | null;
  /** Pipedrive person custom field (key) for the company name. */
  companyField?: string | null;
  /** Pipedrive subdomain, for links to persons. */
  companyDomain?: string | null;
}

export const requiredCredential: Record<CrmKind, keyof CrmCredentials> = {
  HUBSPOT: 'accessToken',
  SALESFORCE: 'accessToken',
  PIPEDRIVE: 'apiToken',
  WEBHOOK: 'signingSecret',
};

/** Kinds with no public API address of their own: the base URL must be given. */
const baseUrlRequired: ReadonlySet<CrmKind> = new Set(['SALESFORCE', 'WEBHOOK']);
const minimumSigningSecretLength = 16;
const maxSettingLength = 200;

export function sealCredentials(credentials: CrmCredentials, key: string): Uint8Array<ArrayBuffer> {
  return encryptText(JSON.stringify(credentials), key);
}

export function openCredentials(sealed: Uint8Array, key: string): CrmCredentials {
  return JSON.parse(decryptText(sealed, key)) as CrmCredentials;
}

/** Only the settings that are set, trimmed, as stored. */
export function cleanSettings(settings: CrmSettings | null | undefined): Prisma.InputJsonObject {
  return Object.fromEntries(
    Object.entries(settings ?? {}).flatMap(([name, value]) =>
      typeof value === 'string' && value.trim() !== '' ? [[name, value.trim()]] : [],
    ),
  );
}

/** Problems with a connection's address, credentials and settings, as userErrors under `input`. */
export function validateConnectionConfig(
  kind: CrmKind,
  {
    baseUrl,
    credentials,
    settings,
  }: { baseUrl: string | null; credentials: CrmCredentials; settings: CrmSettings },
): UserErrorData[] {
  const errors: UserErrorData[] = [];
  if (baseUrl === null) {
    if (baseUrlRequired.has(kind)) {
      errors.push({
        field: ['input', 'baseUrl'],
        code: 'REQUIRED',
        message:
          kind === 'WEBHOOK'
            ? 'A webhook needs the URL to post to'
            : 'Salesforce needs the org’s instance URL',
      });
    }
  } else if (!isHttpUrl(baseUrl)) {
    errors.push({
      field: ['input', 'baseUrl'],
      code: 'INVALID',
      message: 'The base URL must be an http(s) URL',
    });
  }
  const credential = requiredCredential[kind];
  const secret = credentials[credential]?.trim();
  if (!secret) {
    errors.push({
      field: ['input', 'credentials', credential],
      code: 'REQUIRED',
      message: `A ${kind} connection needs ${credential}`,
    });
  } else if (kind === 'WEBHOOK' && secret.length < minimumSigningSecretLength) {
    errors.push({
      field: ['input', 'credentials', credential],
      code: 'TOO_SHORT',
      message: `The signing secret must be at least ${minimumSigningSecretLength} characters`,
    });
  }
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value === 'string' && value.length > maxSettingLength) {
      errors.push({
        field: ['input', 'settings', name],
        code: 'TOO_LONG',
        message: `At most ${maxSettingLength} characters`,
      });
    }
  }
  if (settings.apiVersion && !/^\d{2,3}\.\d$/.test(settings.apiVersion.trim())) {
    errors.push({
      field: ['input', 'settings', 'apiVersion'],
      code: 'INVALID',
      message: 'An API version looks like 62.0',
    });
  }
  return errors;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}

export interface ConnectionRow {
  kind: CrmKind;
  baseUrl: string | null;
  credentialsEncrypted: Uint8Array;
  settings: Prisma.JsonValue;
}

/** The adapter of a stored connection, its credentials unsealed for this use only. */
export function adapterFor(connection: ConnectionRow, encryptionKey: string, now?: () => Date): CrmAdapter {
  const credentials = openCredentials(connection.credentialsEncrypted, encryptionKey);
  const settings = (connection.settings ?? {}) as CrmSettings;
  const secret = credentials[requiredCredential[connection.kind]] ?? '';
  switch (connection.kind) {
    case 'HUBSPOT':
      return hubspotAdapter({
        baseUrl: connection.baseUrl ?? hubspotDefaultBaseUrl,
        accessToken: secret,
        portalId: settings.portalId ?? undefined,
      });
    case 'SALESFORCE':
      return salesforceAdapter({
        baseUrl: connection.baseUrl ?? '',
        accessToken: secret,
        apiVersion: settings.apiVersion ?? salesforceDefaultApiVersion,
        placeholderCompany: settings.placeholderCompany ?? salesforceDefaultPlaceholderCompany,
      });
    case 'PIPEDRIVE':
      return pipedriveAdapter({
        baseUrl: connection.baseUrl ?? pipedriveDefaultBaseUrl,
        apiToken: secret,
        jobTitleField: settings.jobTitleField ?? undefined,
        companyField: settings.companyField ?? undefined,
        companyDomain: settings.companyDomain ?? undefined,
      });
    case 'WEBHOOK':
      return webhookAdapter({ url: connection.baseUrl ?? '', signingSecret: secret, ...(now && { now }) });
  }
}
