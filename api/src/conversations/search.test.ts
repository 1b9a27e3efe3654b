import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { referrerWithoutQuery } from './conversation.type.ts';
import { containedRanges, parseHeadline } from './search-matches.ts';
import { maxSearchLength, normalizeSearch } from './search-text.ts';

describe('normalizeSearch', () => {
  it('collapses whitespace and replaces control characters and lone surrogates', () => {
    expect(normalizeSearch('  тариф\u0000\tціна\n\u001b[31m \ud800x ')).toEqual({
      text: 'тариф ціна [31m x',
      containsPattern: '%тариф ціна [31m x%',
    });
  });

  it('escapes LIKE wildcards and the escape character in the contains pattern', () => {
    expect(normalizeSearch('50%_off\\')?.containsPattern).toBe('%50\\%\\_off\\\\%');
  });

  it('treats missing, empty and blank searches as no search', () => {
    expect(normalizeSearch(undefined)).toBeUndefined();
    expect(normalizeSearch(null)).toBeUndefined();
    expect(normalizeSearch(' \u0000 \n')).toBeUndefined();
  });

  it('refuses more than the maximum length with BAD_USER_INPUT, without echoing the text', () => {
    expect(normalizeSearch('x'.repeat(maxSearchLength))?.text).toHaveLength(maxSearchLength);
    expect(() => normalizeSearch('secret@example.com'.repeat(20))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.not.stringContaining('secret') }),
    );
  });
});

describe('parseHeadline', () => {
  it('turns ts_headline markers into plain text and ranges', () => {
    expect(parseHeadline('Скільки \u0002коштує\u0003 <b>тариф</b> \u0002Бізнес\u0003?')).toEqual({
      snippet: 'Скільки коштує <b>тариф</b> Бізнес?',
      highlights: [
        { start: 8, end: 14 },
        { start: 28, end: 34 },
      ],
    });
  });

  it('ignores unbalanced or empty markers', () => {
    expect(parseHeadline('a\u0003b\u0002\u0003c\u0002d')).toEqual({ snippet: 'abcd', highlights: [] });
  });
});

describe('containedRanges', () => {
  it('finds every case-insensitive occurrence, taking the text literally', () => {
    expect(containedRanges('Olena.Kovalenko@Example.com', 'olena.kovalenko@example.com')).toEqual([
      { start: 0, end: 27 },
    ]);
    expect(containedRanges('a.b a+b A.B', 'a.b')).toEqual([
      { start: 0, end: 3 },
      { start: 8, end: 11 },
    ]);
  });
});

describe('referrerWithoutQuery', () => {
  it('drops the query string and fragment, which can carry personal data', () => {
    expect(referrerWithoutQuery('https://mail.example/?to=olena%40example.com#inbox')).toBe(
      'https://mail.example/',
    );
    expect(referrerWithoutQuery('https://news.example/a#b')).toBe('https://news.example/a');
    expect(referrerWithoutQuery(null)).toBeNull();
    expect(referrerWithoutQuery(`https://x.example/${'p'.repeat(1000)}`)).toHaveLength(512);
  });
});
