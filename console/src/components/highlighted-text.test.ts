import { describe, expect, it } from 'vitest';

import { highlightSegments } from './highlighted-text.tsx';

describe('highlightSegments', () => {
  it('marks each range and keeps the text between them', () => {
    expect(
      highlightSegments('pricing for 25 seats and pricing tiers', [
        { start: 0, end: 7 },
        { start: 25, end: 32 },
      ]),
    ).toEqual([
      { text: 'pricing', highlighted: true },
      { text: ' for 25 seats and ', highlighted: false },
      { text: 'pricing', highlighted: true },
      { text: ' tiers', highlighted: false },
    ]);
  });

  it('returns the whole text unmarked without ranges', () => {
    expect(highlightSegments('hello', [])).toEqual([{ text: 'hello', highlighted: false }]);
  });

  it('clips overlapping, unsorted and out-of-range ranges', () => {
    expect(
      highlightSegments('abcdef', [
        { start: 4, end: 99 },
        { start: 1, end: 3 },
        { start: 2, end: 4 },
      ]),
    ).toEqual([
      { text: 'a', highlighted: false },
      { text: 'bc', highlighted: true },
      { text: 'd', highlighted: true },
      { text: 'ef', highlighted: true },
    ]);
  });

  it('counts in UTF-16 code units, as the API does', () => {
    expect(highlightSegments('😀 ok', [{ start: 3, end: 5 }])).toEqual([
      { text: '😀 ', highlighted: false },
      { text: 'ok', highlighted: true },
    ]);
  });
});
