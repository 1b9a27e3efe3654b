import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { normalizeSubjectEmail } from '../consents/consent-rules.ts';

/**
 * Contact details a visitor gives: the widget's contact fields become the conversation's lead, and
 * emails or phone numbers typed in message text are kept as detected contacts, so a later erasure
 * request by email or phone finds the conversation.
 */

export interface WidgetContact {
  name?: string | undefined;
  role?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  company?: string | undefined;
}

/** The lead's columns from the widget's contact fields. */
export interface LeadDetails {
  name: string | null;
  jobTitle: string | null;
  /** As typed, trimmed. */
  email: string | null;
  /** Trimmed and lower-cased, for matching. */
  emailNormalized: string | null;
  /** E.164. */
  phone: string | null;
  company: string | null;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export interface DetectedContactValue {
  kind: 'EMAIL' | 'PHONE';
  value: string;
}

/** A country code libphonenumber knows, to read national numbers ("020 7946 0958") with. */
function phoneRegionOf(country: string | null): CountryCode | undefined {
  return country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : undefined;
}

/**
 * Runs libphonenumber without stack traces: it throws (and catches) an error for every candidate
 * that is not a number, such as a date or an order number, and capturing the stack was about a
 * third of the time it took over a message with digits in it.
 */
function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The phone number in E.164, or undefined when it is not a valid number. */
export function normalizePhone(phone: string, country: string | null): string | undefined {
  const parsed = withoutStackTraces(() => parsePhoneNumberFromString(phone.trim(), phoneRegionOf(country)));
  return parsed?.isValid() ? parsed.number : undefined;
}

const blankToNull = (value: string | undefined) => value?.trim() || null;

/**
 * The lead's details from the contact fields, or a problem per invalid field. `country` (from the
 * visitor's IP) is the region national phone numbers are read in.
 */
export function leadDetailsOf(
  contact: WidgetContact,
  country: string | null,
): { lead: LeadDetails | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const email = blankToNull(contact.email);
  const emailNormalized = email ? normalizeSubjectEmail(email) : undefined;
  if (email && !emailNormalized) problems.push({ path: 'contact.email', message: 'Not an email address' });
  const typedPhone = blankToNull(contact.phone);
  const phone = typedPhone ? normalizePhone(typedPhone, country) : undefined;
  if (typedPhone && !phone) {
    problems.push({
      path: 'contact.phone',
      message: 'Not a valid phone number (use the international format, e.g. +44 20 7946 0958)',
    });
  }
  const lead: LeadDetails = {
    name: blankToNull(contact.name),
    jobTitle: blankToNull(contact.role),
    email: emailNormalized ? email : null,
    emailNormalized: emailNormalized ?? null,
    phone: phone ?? null,
    company: blankToNull(contact.company),
  };
  const empty = Object.values(lead).every((value) => value === null);
  return { lead: problems.length > 0 || empty ? null : lead, problems };
}

const emailInText = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Six or more digits, however punctuated: the least any phone number has. */
const mayHoldPhone = /\d(?:[\s()./-]*\d){5}/;

/** Emails and phone numbers in message text, normalised and without repeats. */
export function detectContacts(text: string, country: string | null): DetectedContactValue[] {
  const found = new Map<string, DetectedContactValue>();
  for (const [candidate] of text.includes('@') ? text.matchAll(emailInText) : []) {
    const value = normalizeSubjectEmail(candidate);
    if (value) found.set(`EMAIL:${value}`, { kind: 'EMAIL', value });
  }
  // The phone number search costs about a millisecond per message; most messages hold no number.
  const phones = mayHoldPhone.test(text)
    ? withoutStackTraces(() => findPhoneNumbersInText(text, { defaultCountry: phoneRegionOf(country) }))
    : [];
  for (const match of phones) {
    const value = match.number.number;
    found.set(`PHONE:${value}`, { kind: 'PHONE', value });
  }
  return [...found.values()];
}
