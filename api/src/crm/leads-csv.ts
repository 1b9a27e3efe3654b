import type { Lead, PrismaClient } from '@confide/db';
import { stringify, type Stringifier } from 'csv-stringify';
import { currentConsentStates } from '../consents/consent-rules.ts';
import { consentsOfLeads } from '../consents/list-consents.ts';
import { splitName } from './lead-mapping.ts';

/**
 * HubSpot's contact import headers first (so the file imports into HubSpot as is), then what the
 * sales team needs to judge it: triage, consent and restriction columns.
 */
export const leadsCsvHeaders = [
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Company Name',
  'Job Title',
  'Lead Status',
  'Lead Source',
  'Created At',
  'Exported At',
  'CRM Transfer Consent',
  'Marketing Consent',
  'Restricted',
  'Objected',
] as const;

/** Leads read per query while streaming: memory stays flat however many rows the file has. */
export const csvPageSize = 1_000;

const formulaStarts = new Set(['=', '+', '-', '@', '\t', '\r']);
/** An E.164 phone number (how leads store phones): a spreadsheet reads it as a number, never a formula. */
const e164Phone = /^\+\d{4,15}$/;

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a cell a spreadsheet would
 * evaluate (starting with = + - @ tab or CR) gets a leading apostrophe, which makes it text. Phone
 * numbers in E.164 form stay as they are, so the file still imports into a CRM.
 */
export function neutraliseFormula(value: string): string {
  if (value.length === 0 || !formulaStarts.has(value[0]!) || e164Phone.test(value)) return value;
  return `'${value}`;
}

/** A CSV stringifier with the headers, a BOM (spreadsheets then read UTF-8) and formula neutralising. */
export function createLeadsCsvStringifier(): Stringifier {
  return stringify({
    header: true,
    columns: [...leadsCsvHeaders],
    bom: true,
    cast: { string: neutraliseFormula, date: (value) => value.toISOString() },
  });
}

type CsvLead = Pick<
  Lead,
  | 'id'
  | 'siteId'
  | 'name'
  | 'email'
  | 'emailNormalized'
  | 'phone'
  | 'company'
  | 'jobTitle'
  | 'status'
  | 'source'
  | 'createdAt'
  | 'exportedAt'
>;

function consentCell(
  state: { granted: boolean; legalBasis: string | null; latest: unknown } | undefined,
): string {
  if (!state?.latest) return 'none';
  return state.granted ? `granted (${state.legalBasis})` : 'withdrawn';
}

/**
 * The CSV rows of a page of leads, in order, with each subject's consent states and flags, read in
 * two queries for the whole page.
 */
export async function leadsCsvRows(prisma: PrismaClient, leads: readonly CsvLead[]): Promise<string[][]> {
  const emails = [...new Set(leads.flatMap((lead) => (lead.emailNormalized ? [lead.emailNormalized] : [])))];
  const [ledgers, flags] = await Promise.all([
    consentsOfLeads(prisma, leads),
    prisma.subjectFlag.findMany({
      where: { liftedAt: null, subjectEmailNormalized: { in: emails } },
      select: { siteId: true, subjectEmailNormalized: true, kind: true },
    }),
  ]);
  const flagged = new Set(flags.map((flag) => `${flag.siteId} ${flag.subjectEmailNormalized} ${flag.kind}`));
  return leads.map((lead, index) => {
    const states = currentConsentStates(ledgers[index]!);
    const subject = `${lead.siteId} ${lead.emailNormalized ?? ''}`;
    const { firstName, lastName } = splitName(lead.name);
    return [
      firstName ?? '',
      lastName ?? '',
      lead.email?.trim() ?? '',
      lead.phone ?? '',
      lead.company ?? '',
      lead.jobTitle ?? '',
      lead.status,
      lead.source,
      lead.createdAt.toISOString(),
      lead.exportedAt?.toISOString() ?? '',
      consentCell(states.find((state) => state.purpose === 'CRM_TRANSFER')),
      consentCell(states.find((state) => state.purpose === 'MARKETING_COMMUNICATIONS')),
      flagged.has(`${subject} RESTRICTION`) ? 'yes' : 'no',
      flagged.has(`${subject} OBJECTION`) ? 'yes' : 'no',
    ];
  });
}
