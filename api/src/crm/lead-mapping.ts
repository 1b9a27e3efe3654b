import type { Lead } from '@confide/db';
import type { CrmLead } from './adapters/adapter.ts';

/**
 * Splits a full name for CRMs that store first and last names apart: the last word is the last
 * name unless a lowercase particle ("van der Berg", "de la Cruz") starts it; a single word is a
 * last name, which is the field CRMs require.
 */
export function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: null, lastName: null };
  if (words.length === 1) return { firstName: null, lastName: words[0]! };
  let start = words.length - 1;
  while (start > 1 && /^\p{Ll}/u.test(words[start - 1]!)) start -= 1;
  return { firstName: words.slice(0, start).join(' '), lastName: words.slice(start).join(' ') };
}

/** A lead with an email address as the adapters take it. */
export function toCrmLead(
  lead: Pick<
    Lead,
    'id' | 'name' | 'emailNormalized' | 'phone' | 'company' | 'jobTitle' | 'status' | 'source' | 'createdAt'
  > & {
    emailNormalized: string;
  },
  existingRecordId: string | null,
): CrmLead {
  return {
    leadId: lead.id,
    existingRecordId,
    ...splitName(lead.name),
    email: lead.emailNormalized,
    phone: lead.phone,
    company: lead.company?.trim() || null,
    jobTitle: lead.jobTitle?.trim() || null,
    status: lead.status,
    source: lead.source,
    createdAt: lead.createdAt,
  };
}
