import { DomainError } from '../shared/errors.ts';

export const maxSearchLength = 200;

/** A search as the queries use it: the cleaned text, and an ILIKE pattern for contact fields. */
export interface NormalizedSearch {
  /** What `websearch_to_tsquery('simple', …)` receives. */
  text: string;
  /** `%text%` with LIKE's wildcards and escape character escaped, for ILIKE on contact fields. */
  containsPattern: string;
}

// Control characters (NUL above all) are refused by PostgreSQL, and lone UTF-16 surrogates cannot be
// encoded for it; in a `u` regular expression the surrogate range matches only lone ones.
const unencodable = /[\p{Cc}\uD800-\uDFFF]/gu;

/**
 * Cleans a search string from the API: at most `maxSearchLength` characters (else BAD_USER_INPUT),
 * control characters and broken surrogates replaced by spaces, whitespace collapsed. An empty
 * result means "no search". The text is only ever a query parameter, never SQL.
 */
export function normalizeSearch(raw: string | null | undefined): NormalizedSearch | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (raw.length > maxSearchLength) {
    throw new DomainError('BAD_USER_INPUT', `search must be at most ${maxSearchLength} characters`, {
      argument: 'search',
    });
  }
  const text = raw.replace(unencodable, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return { text, containsPattern: `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%` };
}
