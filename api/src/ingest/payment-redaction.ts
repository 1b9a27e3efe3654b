/**
 * Removes payment data from message text before anything is written (SPEC: "we do not log credit
 * card or other payment data"): card numbers, the CVV/CVC and expiry date next to them, and IBANs
 * become labelled placeholders. Ordinary numbers (phone numbers, order ids, dates, amounts) are
 * left alone, which is why a card number must pass Luhn and start like one, and an IBAN must pass
 * its mod-97 check.
 */

export const redactionPlaceholders = {
  card: '[redacted card number]',
  cvv: '[redacted CVV]',
  expiry: '[redacted expiry date]',
  iban: '[redacted IBAN]',
} as const;

export interface RedactionResult {
  text: string;
  /** How many placeholders were put in. */
  redactionCount: number;
}

interface Span {
  start: number;
  end: number;
  placeholder: string;
}

/** Luhn checksum over a string of digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * 13–19 digits, Luhn-valid, issued by a card network (major industry identifiers 2–6). Only Visa
 * issued 13-digit numbers, so other 13-digit runs (millisecond timestamps) are not cards.
 */
function isCardNumber(digits: string): boolean {
  return (
    digits.length >= 13 &&
    digits.length <= 19 &&
    /^[2-6]/.test(digits) &&
    (digits.length > 13 || digits.startsWith('4')) &&
    passesLuhn(digits)
  );
}

/** IBAN length per country (SWIFT's IBAN registry). */
const ibanLengths: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/**
 * ISO 13616: the country's length, then the check digits (first four characters moved to the
 * end, letters to numbers, mod 97 = 1).
 */
export function passesIbanCheck(compact: string): boolean {
  if (compact.length !== ibanLengths[compact.slice(0, 2)] || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) {
    return false;
  }
  let remainder = 0;
  for (const character of compact.slice(4) + compact.slice(0, 4)) {
    const code = character.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : character;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

interface Group {
  start: number;
  end: number;
  text: string;
}

/**
 * Within a run of groups (digits or IBAN chunks split by single spaces or dashes), the longest
 * stretches of whole groups that `accept` takes, left to right. Sub-stretches matter: a phone
 * number written just before a card number joins one run, and so does an expiry month after it
 * ("4111 1111 1111 1111 12/27").
 */
function acceptedStretches(
  groups: Group[],
  accept: (joined: string, last: Group) => boolean,
): [number, number][] {
  const found: [number, number][] = [];
  let first = 0;
  while (first < groups.length) {
    let matchedLast: Group | undefined;
    let matchedIndex = first;
    let joined = '';
    for (let index = first; index < groups.length && joined.length <= 34; index += 1) {
      const group = groups[index] as Group;
      joined += group.text;
      if (accept(joined, group)) {
        matchedLast = group;
        matchedIndex = index;
      }
    }
    if (matchedLast) found.push([(groups[first] as Group).start, matchedLast.end]);
    first = matchedLast ? matchedIndex + 1 : first + 1;
  }
  return found;
}

function groupsOf(run: string, offset: number): Group[] {
  return [...run.matchAll(/[A-Za-z0-9]+/g)].map((match) => ({
    start: offset + match.index,
    end: offset + match.index + match[0].length,
    text: match[0].toUpperCase(),
  }));
}

// Digit groups joined by single spaces or dashes. A run glued to a letter or "+" ("ORD-1234…",
// "+44 …") is an identifier or an international phone number, not a card.
const digitRun = /(?<![\p{L}\d_+]|[\p{L}\d]-)\d+(?:[ -]\d+)*/gu;
const ibanRun = /(?<![\p{L}\d])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]+)+/gu;

const cvvLabel = String.raw`(?:cvv2?|cvc2?|csc|cvn|cid|security\s+code|card\s+verification(?:\s+code)?)`;
const expiryLabel = String.raw`(?:exp(?:iry|iration|ires)?\.?(?:\s+date)?)`;
/** A CVV named as such, anywhere in the text. */
const labelledCvv = new RegExp(String.raw`\b${cvvLabel}\s*(?:is|:|=|#|-)?\s*(\d{3,4})(?!\d)`, 'giu');
/** What may follow a card number: separators, an optional label, then an expiry date or a CVV. */
const afterCard = new RegExp(
  String.raw`^[\s,;:|/()-]{0,4}(?:(?:${expiryLabel}|${cvvLabel})\s*(?:is|:|=|#|-)?\s*)?` +
    String.raw`(?:(?<expiry>(?:0?[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2})|(?<cvv>\d{3,4}))(?!\d|\s?[/.-]\s?\d)`,
  'iu',
);

function cardSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(digitRun)) {
    const groups = groupsOf(match[0], match.index);
    // A group followed by "/12" is an expiry month, not the end of the card number.
    const cardEndsAt = (joined: string, last: Group) =>
      isCardNumber(joined) && !/^\s?[/.]\s?\d/.test(text.slice(last.end, last.end + 4));
    for (const [start, end] of acceptedStretches(groups, cardEndsAt)) {
      spans.push({ start, end, placeholder: redactionPlaceholders.card });
      // Up to two details right after the card: "4111… 12/27 123", "4111…, exp 12/27, cvv 123".
      let position = end;
      for (let detail = 0; detail < 2; detail += 1) {
        const next = afterCard.exec(text.slice(position));
        const value = next?.groups?.expiry ?? next?.groups?.cvv;
        if (!next || !value) break;
        const valueEnd = position + next[0].length;
        spans.push({
          start: valueEnd - value.length,
          end: valueEnd,
          placeholder: next.groups?.expiry ? redactionPlaceholders.expiry : redactionPlaceholders.cvv,
        });
        position = valueEnd;
      }
    }
  }
  return spans;
}

function ibanSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(ibanRun)) {
    const groups = groupsOf(match[0], match.index);
    for (const [start, end] of acceptedStretches(groups, passesIbanCheck)) {
      spans.push({ start, end, placeholder: redactionPlaceholders.iban });
    }
  }
  return spans;
}

function labelledCvvSpans(text: string): Span[] {
  return [...text.matchAll(labelledCvv)].map((match) => {
    const end = match.index + match[0].length;
    return { start: end - (match[1]?.length ?? 0), end, placeholder: redactionPlaceholders.cvv };
  });
}

/** The text with payment data replaced by placeholders, and how many were replaced. */
export function redactPaymentData(text: string): RedactionResult {
  const spans = [...cardSpans(text), ...ibanSpans(text), ...labelledCvvSpans(text)].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  let result = '';
  let cursor = 0;
  let redactionCount = 0;
  for (const span of spans) {
    // Overlaps (a labelled CVV already taken after a card) are replaced once.
    if (span.start < cursor) continue;
    result += text.slice(cursor, span.start) + span.placeholder;
    cursor = span.end;
    redactionCount += 1;
  }
  return { text: result + text.slice(cursor), redactionCount };
}
