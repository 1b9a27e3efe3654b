import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type CopyValue = string | number | boolean | Date | null | undefined;

/** A table loaded with COPY: the columns sent, in order, read by name from each row object. */
export type CopyTable = { name: string; columns: readonly string[] };

const special = /[\\\t\n\r]/;

// Rows often carry the same Date twice (sentAt and createdAt); formatting it once is measurably cheaper.
let lastDate: Date | undefined;
let lastIso = '';

function encode(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) {
    if (value !== lastDate) {
      lastDate = value;
      lastIso = value.toISOString();
    }
    return lastIso;
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  // COPY's text format: backslash escapes for the separators and the escape character itself.
  return special.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/** One line of COPY text format for `row`. */
export function copyLine(table: CopyTable, row: object): string {
  const values = row as Record<string, CopyValue>;
  let line = '';
  for (const column of table.columns) line += (line ? '\t' : '') + encode(values[column]);
  return `${line}\n`;
}

/** Streams `lines` into `table` with COPY FROM STDIN; resolves to the number of rows copied. */
export async function copyLines(
  client: pg.ClientBase,
  table: CopyTable,
  lines: Iterable<string>,
): Promise<number> {
  const columns = table.columns.map((column) => `"${column}"`).join(', ');
  const stream = client.query(copyFrom(`COPY "${table.name}" (${columns}) FROM STDIN`));
  await pipeline(Readable.from(batches(lines)), stream);
  return stream.rowCount ?? 0;
}

// Writing each line separately costs a stream write per row; ~256 kB batches keep the socket busy.
function* batches(lines: Iterable<string>): Generator<string> {
  let batch = '';
  for (const line of lines) {
    batch += line;
    if (batch.length >= 256 * 1024) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}
