import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse/sync';
import type { CsvFormatDoc } from '../core/model/format.ts';
import type { DataRecord } from '../core/record.ts';
import { chorusError, readAll } from './testing.ts';

/*
 * Differential test: random CSV documents go through our reader (in several chunkings) and
 * through csv-parse, a well-kept reference parser, and both must give the same records, or
 * reject the same malformed documents at the same place.
 *
 * The generator stays inside the behaviour both parsers share, and leaves out on purpose:
 * - empty or repeated header names: we rename them (col3, a_2) so that no column is lost,
 *   csv-parse keys a column by "" and lets the last of two equal names win;
 * - a line ending other than the document's own (a bare CR, or CRLF in an LF document,
 *   outside quotes): csv-parse takes the first line ending it meets as the only record
 *   delimiter, we end records at LF and drop a CR before it, so that mixed files read.
 *   (A file whose first line ending is a bare CR, as old Mac software wrote, reads with CR as
 *   its line break: see csv.test.ts.)
 * - a backslash escape: csv-parse drops a backslash before any character, we keep it
 *   unless it escapes a quote or itself (so C:\temp survives).
 * An unquoted field with a quote after its first character (5'11") is literal for us, as
 * for Excel and Python's csv; csv-parse rejects it unless relax_quotes is on, so the
 * documents that have such fields are compared with relax_quotes.
 */

/** mulberry32: a small seeded PRNG, so every run checks the same documents. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Field values are made of these: every delimiter, quotes, line breaks, multi-byte text. */
const PIECES = ['a', 'b', 'Z', '0', '7', 'abc', ' ', '  ', ',', ';', '\t', '|', '"', '""', "'", '\\', '\r', '\n', '\r\n', 'é', 'ß', '∑', '😀'];
const PLAIN = ['x', 'y', 'Q', '9', ' ', 'é', '😀'];

function randomValue(rnd: Random, pieces: readonly string[] = PIECES): string {
  if (rnd.chance(0.2)) return '';
  let value = '';
  for (let n = rnd.int(1, 5); n > 0; n--) value += rnd.pick(pieces);
  return value;
}

/** Distinct, non-empty names (see above). */
function randomHeader(rnd: Random, columns: number): string[] {
  const names = new Set<string>();
  while (names.size < columns) {
    const name = randomValue(rnd);
    if (name !== '') names.add(name);
  }
  return [...names];
}

function countOf(text: string, char: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf(char, from); i !== -1 && i < to; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/** Writes a CSV document, remembering what the line-number checks need. */
class DocBuilder {
  text = '';
  /** Positions of the CRs inside quoted fields (csv-parse counts them as line breaks). */
  readonly quotedCRs: number[] = [];
  /** Data rows written that are records (not blank lines). */
  records = 0;
  private rows = 0;

  constructor(
    readonly rnd: Random,
    readonly delimiter: string,
    readonly eol: '\n' | '\r\n',
    /** Leave fields with a quote after their first character unquoted (compared with relax_quotes). */
    readonly lenient: boolean,
  ) {}

  /** Appends a field, quoted when it must be and sometimes when it need not. */
  field(value: string, forceQuote = false): void {
    const needsQuotes =
      value.includes(this.delimiter) ||
      value.includes('\r') ||
      value.includes('\n') ||
      value.startsWith('"') ||
      (!this.lenient && value.includes('"'));
    if (needsQuotes || forceQuote || this.rnd.chance(0.15)) this.quoted(value.replaceAll('"', '""') + '"');
    else this.text += value;
  }

  /** Appends a quote and `rest`, a quoted field's text with its closing quote if any. */
  quoted(rest: string): void {
    this.text += '"';
    for (let i = rest.indexOf('\r'); i !== -1; i = rest.indexOf('\r', i + 1)) this.quotedCRs.push(this.text.length + i);
    this.text += rest;
  }

  /** Appends a row (without its line ending); returns where it starts. */
  row(values: string[]): number {
    const start = this.text.length;
    values.forEach((value, i) => {
      if (i > 0) this.text += this.delimiter;
      this.field(value);
    });
    // A lone empty field must be quoted to be a record rather than a blank line.
    if (this.text.length === start && this.rows > 0 && this.rnd.chance(0.5)) this.field('', true);
    this.endRow(start);
    return start;
  }

  /** Counts a row that was written piece by piece. */
  endRow(start: number): void {
    if (this.rows++ > 0 && this.text.length > start) this.records++;
  }

  newline(): void {
    this.text += this.eol;
  }

  maybeBlankLines(): void {
    if (this.rnd.chance(0.1)) this.text += this.eol.repeat(this.rnd.int(1, 2));
  }

  get isHeaderNext(): boolean {
    return this.rows === 0;
  }
}

function newBuilder(rnd: Random, lenient: boolean): DocBuilder {
  const b = new DocBuilder(rnd, rnd.pick(DELIMITERS), rnd.chance(0.5) ? '\n' : '\r\n', lenient);
  if (rnd.chance(0.1)) b.text += '\uFEFF';
  b.maybeBlankLines();
  return b;
}

/** A well-formed document. */
function validDoc(rnd: Random): DocBuilder {
  const b = newBuilder(rnd, rnd.chance(0.25));
  const columns = rnd.int(1, 8);
  b.row(randomHeader(rnd, columns));
  for (let r = rnd.int(0, 10); r > 0; r--) {
    b.newline();
    b.maybeBlankLines();
    b.row(Array.from({ length: columns }, () => randomValue(rnd)));
  }
  if (rnd.chance(0.7)) {
    b.newline();
    b.maybeBlankLines();
  }
  return b;
}

type Kind = 'wrong field count' | 'unclosed quote' | 'text after closing quote';

interface Malformed {
  doc: DocBuilder;
  kind: Kind;
  /** Where our reader points: the start of the bad record, or the offending quote. */
  reportedAt: number;
  /** Where csv-parse notices the problem (see lineCsvParseReports). */
  detectedAt: number;
  /** Index of the bad record among the records, undefined for the header. */
  record: number | undefined;
}

const CSV_PARSE_CODE: Record<Kind, string> = {
  'wrong field count': 'CSV_RECORD_INCONSISTENT_COLUMNS',
  'unclosed quote': 'CSV_QUOTE_NOT_CLOSED',
  'text after closing quote': 'CSV_INVALID_CLOSING_QUOTE',
};

function malformedDoc(rnd: Random, kind: Kind): Malformed {
  const b = newBuilder(rnd, false);
  const columns = rnd.int(1, 8);
  const values = () => Array.from({ length: columns }, () => randomValue(rnd));
  // The bad row is a data row, or for a quote error sometimes the header.
  const inHeader = kind !== 'wrong field count' && rnd.chance(0.2);
  if (!inHeader) {
    b.row(randomHeader(rnd, columns));
    for (let r = rnd.int(0, 5); r > 0; r--) {
      b.newline();
      b.maybeBlankLines();
      b.row(values());
    }
    b.newline();
    b.maybeBlankLines();
  }
  const record = b.isHeaderNext ? undefined : b.records;
  const start = b.text.length;
  let reportedAt = start;
  let detectedAt: number;
  if (kind === 'wrong field count') {
    const count = columns === 1 || rnd.chance(0.5) ? columns + 1 : columns - 1;
    for (let i = 0; i < count; i++) {
      if (i > 0) b.text += b.delimiter;
      b.field(randomValue(rnd));
    }
    if (b.text.length === start) b.field('', true); // a blank line is no record
    detectedAt = b.text.length;
  } else {
    const fields = inHeader ? randomHeader(rnd, columns) : values();
    const bad = rnd.int(0, columns - 1);
    for (let i = 0; i < bad; i++) {
      b.field(fields[i]);
      b.text += b.delimiter;
    }
    reportedAt = b.text.length;
    if (kind === 'unclosed quote') {
      // The quote swallows the rest of the document, whatever it holds but a lone quote.
      let rest = '';
      for (let n = rnd.int(0, 12); n > 0; n--) rest += rnd.pick([...PIECES.filter((p) => p !== '"'), b.eol, b.delimiter]);
      b.quoted(rest);
      detectedAt = Math.max(b.text.length - 1, 0);
      return { doc: b, kind, reportedAt, detectedAt, record };
    }
    b.quoted(fields[bad].replaceAll('"', '""') + '"');
    reportedAt = detectedAt = b.text.length - 1; // the closing quote
    for (let n = rnd.int(1, 3); n > 0; n--) b.text += rnd.pick(PLAIN);
    for (let i = bad + 1; i < columns; i++) {
      b.text += b.delimiter;
      b.field(fields[i]);
    }
  }
  b.endRow(start);
  for (let r = rnd.int(0, 3); r > 0; r--) {
    b.newline();
    b.row(values());
  }
  if (rnd.chance(0.5)) b.newline();
  return { doc: b, kind, reportedAt, detectedAt, record };
}

/** Splits the document's bytes (or, for 'text', its code points) into the chunks a stream delivers. */
function chunkings(text: string, rnd: Random): Array<[string, Array<Buffer | string>]> {
  const bytes = Buffer.from(text);
  const split = (size: () => number) => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; ) {
      const n = size();
      chunks.push(bytes.subarray(i, i + n));
      i += n;
    }
    return chunks;
  };
  const result: Array<[string, Array<Buffer | string>]> = [
    ['whole', [bytes]],
    ['random byte chunks', split(() => rnd.int(1, 24))],
    ['random byte chunks', split(() => rnd.int(1, 6))],
  ];
  if (bytes.length <= 300) result.push(['1-byte chunks', split(() => 1)]);
  const chars = Array.from(text);
  const strings: string[] = [];
  for (let i = 0; i < chars.length; ) {
    const n = rnd.int(1, 8);
    strings.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  result.push(['text chunks', strings]);
  return result;
}

function formatOf(doc: DocBuilder): CsvFormatDoc {
  return { type: 'csv', delimiter: doc.delimiter };
}

function csvParse(doc: DocBuilder): Array<Record<string, string>> {
  return parse<Record<string, string>>(Buffer.from(doc.text), {
    columns: true,
    delimiter: doc.delimiter,
    relax_column_count: false,
    relax_quotes: doc.lenient,
    skip_empty_lines: true,
    bom: true,
  });
}

function csvParseError(doc: DocBuilder): CsvError {
  try {
    csvParse(doc);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error('csv-parse accepted a malformed document');
}

describe('CSV reader against csv-parse', () => {
  it('reads random well-formed documents to the same records in every chunking', async () => {
    const rnd = new Random(20240501);
    let records = 0;
    for (let n = 0; n < 300; n++) {
      const doc = validDoc(rnd);
      const what = `document ${n}: ${JSON.stringify(doc.text)} (delimiter ${JSON.stringify(doc.delimiter)})`;
      const expected = csvParse(doc);
      records += expected.length;
      for (const [how, chunks] of chunkings(doc.text, rnd)) {
        const actual: DataRecord[] = await readAll(Readable.from(chunks), formatOf(doc));
        expect(actual, `${what}, ${how}`).toEqual(expected);
        expect(actual.map((r) => Object.keys(r)), `${what}, ${how}: column order`).toEqual(expected.map((r) => Object.keys(r)));
      }
    }
    expect(records).toBeGreaterThan(1000); // the generator does make records
  });

  /*
   * Line numbers. Ours is the 1-based physical line, counting LFs, where the bad record
   * starts (for a quote error: where the offending quote is), so that it points at the row a
   * designer must fix. csv-parse reports the line it has reached when it notices the problem:
   * the end of the record for a wrong field count, the end of the input for an unclosed quote,
   * the closing quote for text after it. Its count also differs inside quoted fields: it
   * counts every CR as a line break, so a quoted CRLF counts two lines and a quoted bare CR
   * one, where we count LFs alone (as wc -l, grep -n and editors do for CRLF, and as our
   * reader splits records). Hence, exactly:
   *   csv-parse's line = our line + LFs between where we point and where csv-parse noticed
   *                      + CRs inside quoted fields before where csv-parse noticed.
   */
  it('rejects random malformed documents at the same record, with related line numbers', async () => {
    const rnd = new Random(7);
    const kinds: Kind[] = ['wrong field count', 'unclosed quote', 'text after closing quote'];
    for (let n = 0; n < 240; n++) {
      const bad = malformedDoc(rnd, kinds[n % kinds.length]);
      const { doc } = bad;
      const what = `${bad.kind}, document ${n}: ${JSON.stringify(doc.text)} (delimiter ${JSON.stringify(doc.delimiter)})`;
      const line = 1 + countOf(doc.text, '\n', 0, bad.reportedAt);

      const reference = csvParseError(doc);
      expect(reference.code, what).toBe(CSV_PARSE_CODE[bad.kind]);
      const quotedCRs = doc.quotedCRs.filter((at) => at < bad.detectedAt).length;
      expect(reference.lines, what).toBe(line + countOf(doc.text, '\n', bad.reportedAt, bad.detectedAt) + quotedCRs);
      expect(reference.records, `${what}: records before`).toBe(bad.record ?? 0);

      for (const [how, chunks] of chunkings(doc.text, rnd)) {
        const err = await chorusError(readAll(Readable.from(chunks), formatOf(doc)));
        expect(err.code, `${what}, ${how}`).toBe('DATA_CSV_MALFORMED');
        expect(err.location, `${what}, ${how}`).toEqual({ file: 'in/data', line, record: bad.record });
      }
    }
  });
});
