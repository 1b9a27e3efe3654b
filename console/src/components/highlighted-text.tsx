import { Fragment } from 'react';

export interface TextRange {
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  highlighted: boolean;
}

/** Splits plain text at the API's match ranges; overlapping or out-of-range ranges are clipped. */
export function highlightSegments(text: string, ranges: readonly TextRange[]): Segment[] {
  const segments: Segment[] = [];
  let position = 0;
  for (const range of [...ranges].sort((left, right) => left.start - right.start)) {
    const start = Math.max(range.start, position);
    const end = Math.min(range.end, text.length);
    if (end <= start) continue;
    if (start > position) segments.push({ text: text.slice(position, start), highlighted: false });
    segments.push({ text: text.slice(start, end), highlighted: true });
    position = end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), highlighted: false });
  return segments;
}

/** A search snippet with its matches marked; the text is rendered as text, never as HTML. */
export function HighlightedText({ text, ranges }: { text: string; ranges: readonly TextRange[] }) {
  return (
    <>
      {highlightSegments(text, ranges).map((segment, index) =>
        segment.highlighted ? (
          <mark key={index}>{segment.text}</mark>
        ) : (
          <Fragment key={index}>{segment.text}</Fragment>
        ),
      )}
    </>
  );
}
