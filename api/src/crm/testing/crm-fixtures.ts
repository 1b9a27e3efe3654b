import { randomUUID } from 'node:crypto';
import type { CrmKind, LegalBasis, Prisma, PrismaClient, SubjectFlagKind } from '@confide/db';
import { sealCredentials, type CrmCredentials, type CrmSettings } from '../crm-connection-config.ts';

// Rows for CRM tests and benchmarks, written directly: a site, leads with the consent ledger and
// flags that gating reads, and connections with sealed credentials.

export async function createTestSite(prisma: PrismaClient): Promise<string> {
  const tag = randomUUID();
  const site = await prisma.site.create({
    data: {
      name: `CRM test ${tag.slice(0, 8)}`,
      domain: `${tag}.example`,
      widgetKeyHash: tag,
      widgetKeyPrefix: tag.slice(0, 8),
      erasureReplyTemplate: 'Erased {{count}} records from {{site}} on {{date}}.',
    },
  });
  return site.id;
}

export interface TestLeadOptions {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  jobTitle?: string | null;
  /** The current CRM_TRANSFER grant's basis; null: no grant at all. */
  crmTransfer?: LegalBasis | null;
  /** Grant, then withdraw, CRM_TRANSFER. */
  withdrawn?: boolean;
  flag?: SubjectFlagKind;
  createdAt?: Date;
}

/** Leads with the consent entries and flags each asks for, in a few bulk inserts. */
export async function createTestLeads(
  prisma: PrismaClient,
  siteId: string,
  leads: readonly TestLeadOptions[],
): Promise<string[]> {
  const rows: Prisma.LeadCreateManyInput[] = leads.map((lead, index) => {
    const email = lead.email === undefined ? `lead-${randomUUID()}@example.com` : lead.email;
    return {
      id: randomUUID(),
      siteId,
      source: 'CONTACT_FORM',
      name: lead.name === undefined ? `Test Person ${index}` : lead.name,
      email,
      emailNormalized: email?.trim().toLowerCase() ?? null,
      phone: lead.phone === undefined ? '+442071234567' : lead.phone,
      company: lead.company === undefined ? 'Example Ltd' : lead.company,
      jobTitle: lead.jobTitle === undefined ? 'Buyer' : lead.jobTitle,
      createdAt: lead.createdAt ?? new Date(),
    };
  });
  await prisma.lead.createMany({ data: rows });
  const occurredAt = new Date(Date.now() - 60_000);
  const consents: Prisma.ConsentCreateManyInput[] = [];
  const flags: Prisma.SubjectFlagCreateManyInput[] = [];
  leads.forEach((lead, index) => {
    const row = rows[index]!;
    const subject = row.emailNormalized;
    if (!subject) return;
    const entry = (action: 'GRANTED' | 'WITHDRAWN', basis: LegalBasis, at: Date) =>
      consents.push({
        siteId,
        subjectEmailNormalized: subject,
        leadId: row.id!,
        purpose: 'CRM_TRANSFER',
        legalBasis: basis,
        action,
        source: 'FORM',
        policyVersion: '1',
        occurredAt: at,
      });
    if (lead.crmTransfer !== null) entry('GRANTED', lead.crmTransfer ?? 'CONSENT', occurredAt);
    if (lead.withdrawn)
      entry('WITHDRAWN', lead.crmTransfer ?? 'CONSENT', new Date(occurredAt.getTime() + 1000));
    if (lead.flag) flags.push({ siteId, subjectEmailNormalized: subject, kind: lead.flag });
  });
  if (consents.length > 0) await prisma.consent.createMany({ data: consents });
  if (flags.length > 0) await prisma.subjectFlag.createMany({ data: flags });
  return rows.map((row) => row.id!);
}

export async function createTestConnection(
  prisma: PrismaClient,
  encryptionKey: string,
  {
    siteId,
    kind,
    baseUrl,
    credentials,
    settings = {},
  }: { siteId: string; kind: CrmKind; baseUrl: string; credentials: CrmCredentials; settings?: CrmSettings },
): Promise<string> {
  const connection = await prisma.crmConnection.create({
    data: {
      siteId,
      kind,
      name: `${kind} test`,
      baseUrl,
      credentialsEncrypted: sealCredentials(credentials, encryptionKey),
      settings: settings as Prisma.InputJsonObject,
    },
  });
  return connection.id;
}
