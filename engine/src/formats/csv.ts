import type { Readable, Writable } from 'node:stream';
import type { CsvFormat } from '../core/model/format.ts';
import type { DataRecord, RecordBatch } from '../core/record.ts';
import type { ReadOptions, RecordWriter, WriteOptions } from './types.ts';
import type { TextParser } from './read.ts';
import { ChorusError } from '../core/errors.ts';
import { Batcher, parseStream } from './read.ts';
import { TextSink, scalarText } from './text.ts';

/*
 * The parser is our own rather than udsv's: udsv assumes well-formed input and silently
 * merges a short row into the next one, glues an extra field onto the last column, drops an
 * unterminated quoted field and reports no positions, whereas a malformed row must fail with
 * its line. It follows udsv's technique (indexOf over the text, one slice per field, no
 * per-character work outside quoted fields) to stay as fast.
 */

const CR = 13;
/** A record this long almost surely is a missing closing quote swallowing the rest of the file. */
const MAX_RECORD_CHARS = 64 * 1024 * 1024;

export function readCsv(input: Readable, format: CsvFormat, options: ReadOptions): AsyncGenerator<RecordBatch> {
  return parseStream(input, format.encoding, options, new CsvParser(format, options.sourceName));
}

type MakeRecord = (values: string[]) => DataRecord;

class CsvParser implements TextParser {
  readonly records = new Batcher();
  /** Text not parsed yet: the start of a record whose end has not arrived. */
  private pending = '';
  /** Re-scan an incomplete record only once the pending text doubled, so a huge record costs linear time. */
  private retryAt = 0;
  /** 1-based line where the pending text starts. */
  private line = 1;
  /** Lines end with a lone CR (decided at the first line ending; undefined until then). */
  private crLines: boolean | undefined;
  /** Fields of the current row, reused from row to row. */
  private readonly values: string[] = [];
  /** The value of the quoted field closingQuote() just read. */
  private quoted = '';
  private columns: string[] = [];
  private make: MakeRecord | undefined;
  private readonly columnsFrom: string;
  private readonly delimiter: string;
  private readonly quote: string;
  private readonly quoteCode: number;
  private readonly escape: string;
  private readonly escapeCode: number;

  constructor(
    private readonly format: CsvFormat,
    private readonly file: string,
  ) {
    this.delimiter = format.delimiter;
    this.quote = format.quote;
    this.quoteCode = format.quote.charCodeAt(0);
    this.escape = format.escape;
    this.escapeCode = format.escape.charCodeAt(0);
    this.columnsFrom = format.header ? 'the header has' : format.columns ? 'the format names' : 'the first row has';
    if (!format.header && format.columns) this.setColumns(format.columns);
  }

  write(text: string): void {
    this.pending += this.crLines ? text.replaceAll('\r', '\n') : text;
    if (this.crLines === undefined) this.detectLineEnding();
    if (this.pending.length >= this.retryAt) this.parse(false);
  }

  /**
   * Files from classic Mac software end lines with a lone CR. When the first line ending
   * outside quotes is one, every CR reads as a line break from then on; otherwise lines end
   * at LF (CRLF included).
   */
  private detectLineEnding(): void {
    const text = this.pending;
    let quoted = false;
    let fieldStart = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === this.escapeCode && this.escapeCode !== this.quoteCode) i++;
        else if (c === this.quoteCode) {
          if (i === text.length - 1) return; // a closing or a doubled quote: the next chunk tells
          if (text.charCodeAt(i + 1) === this.quoteCode) i++;
          else quoted = false;
        }
      } else if (c === 10) {
        this.crLines = false;
        return;
      } else if (c === CR) {
        if (i === text.length - 1) return; // CR or CRLF: the next chunk tells
        this.crLines = text.charCodeAt(i + 1) !== 10;
        if (this.crLines) this.pending = text.replaceAll('\r', '\n');
        return;
      } else if (fieldStart && c === this.quoteCode) {
        quoted = true;
        fieldStart = false;
      } else if (text.startsWith(this.delimiter, i)) {
        fieldStart = true;
        i += this.delimiter.length - 1;
      } else fieldStart = false;
    }
  }

  end(): void {
    this.parse(true);
  }

  private parse(final: boolean): void {
    const text = this.pending;
    const used = this.scan(text, final);
    this.pending = used >= text.length ? '' : text.slice(used);
    this.retryAt = this.pending.length * 2;
    if (this.pending.length > MAX_RECORD_CHARS) {
      throw this.malformed('this record is longer than 64 MB: is a closing quote missing?', this.line);
    }
  }

  /** Parses the complete rows of `s`; returns how much of it was used. */
  private scan(s: string, final: boolean): number {
    const len = s.length;
    const { delimiter, quoteCode, values } = this;
    const delimLen = delimiter.length;
    let pos = 0;
    let line = this.line;
    let delimAt = -1; // next delimiter at or after pos, found once and reused across fields
    rows: while (pos < len) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = len;
      }
      if (nl === pos || (nl === pos + 1 && s.charCodeAt(pos) === CR)) {
        pos = nl + 1; // blank line
        line++;
        continue;
      }
      const rowStart = pos;
      const rowLine = line;
      let n = 0;
      for (;;) {
        if (s.charCodeAt(pos) !== quoteCode) {
          if (delimAt < pos) {
            delimAt = s.indexOf(delimiter, pos);
            if (delimAt === -1) delimAt = len;
          }
          if (delimAt < nl) {
            values[n++] = s.slice(pos, delimAt);
            pos = delimAt + delimLen;
            continue;
          }
          values[n++] = s.slice(pos, nl > pos && s.charCodeAt(nl - 1) === CR ? nl - 1 : nl);
          pos = nl + 1;
          line++;
          break;
        }
        const close = this.closingQuote(s, pos + 1, final);
        if (close === -1) {
          if (!final) {
            pos = rowStart;
            line = rowLine;
            break rows;
          }
          throw this.malformed('a quoted field starts on this line and is never closed', line);
        }
        values[n++] = this.quoted;
        if (close > nl) {
          line += countLineBreaks(s, pos, close);
          nl = s.indexOf('\n', close);
          if (nl === -1) {
            if (!final) {
              pos = rowStart;
              line = rowLine;
              break rows;
            }
            nl = len;
          }
        }
        pos = close + 1;
        if (pos === nl || (pos + 1 === nl && s.charCodeAt(pos) === CR)) {
          pos = nl + 1;
          line++;
          break;
        }
        if (!s.startsWith(delimiter, pos)) {
          throw this.malformed(`a closing quote must be followed by "${delimiter}" or the end of the line`, line);
        }
        pos += delimLen;
      }
      this.row(n, rowLine);
    }
    this.line = line;
    return pos;
  }

  /**
   * Finds the quote closing a quoted field whose text starts at `from`, leaving the unescaped
   * value in `this.quoted`; -1 when the text ends first.
   */
  private closingQuote(s: string, from: number, final: boolean): number {
    const { quote, quoteCode } = this;
    let value = '';
    let start = from;
    let q = s.indexOf(quote, from);
    if (this.escapeCode === quoteCode) {
      for (;;) {
        // A quote ending the available text may be the first half of a doubled quote.
        if (q === -1 || (q + 1 === s.length && !final)) return -1;
        if (s.charCodeAt(q + 1) !== quoteCode) break;
        value += s.slice(start, q + 1);
        start = q + 2;
        q = s.indexOf(quote, start);
      }
    } else {
      // The escape character keeps a following quote or escape character literal; before
      // any other character it stays as written (so C:\temp survives a backslash escape).
      const { escape, escapeCode } = this;
      let e = s.indexOf(escape, from);
      for (;;) {
        if (q === -1) return -1;
        if (e === -1 || e > q) break;
        const next = s.charCodeAt(e + 1);
        if (next === quoteCode || next === escapeCode) {
          value += s.slice(start, e) + s[e + 1];
          start = e + 2;
          e = s.indexOf(escape, start);
          if (q < start) q = s.indexOf(quote, start);
        } else {
          e = s.indexOf(escape, e + 1);
        }
      }
    }
    this.quoted = start === from ? s.slice(from, q) : value + s.slice(start, q);
    return q;
  }

  private row(n: number, line: number): void {
    let make = this.make;
    if (make === undefined) {
      if (this.format.header) {
        this.setColumns(this.values.slice(0, n));
        return;
      }
      make = this.setColumns(Array.from({ length: n }, (_, i) => `col${i + 1}`));
    }
    if (n !== this.columns.length) {
      throw this.malformed(`row has ${fields(n)}, ${this.columnsFrom} ${this.columns.length}`, line);
    }
    this.records.push(make(this.values));
  }

  private setColumns(names: string[]): MakeRecord {
    this.columns = uniqueNames(names);
    this.make = recordFactory(this.columns);
    return this.make;
  }

  private malformed(message: string, line: number): ChorusError {
    const record = this.make ? this.records.count : undefined;
    return new ChorusError('DATA_CSV_MALFORMED', message, { file: this.file, line, record });
  }
}

function fields(n: number): string {
  return n === 1 ? '1 field' : `${n} fields`;
}

function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) count++;
  return count;
}

/** Empty header cells become colN; a repeated name gets _2, _3, ... so no column is lost. */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const base = raw === '' ? `col${i + 1}` : raw;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    return name;
  });
}

/**
 * Compiles `v => ({ "id": v[0], "name": v[1], ... })` once per file: an object literal with
 * constant keys gives every record the same shape and is far faster than assigning keys in
 * a loop. Keys are JSON string literals, so a header cannot inject code; "__proto__" is a
 * computed key so that it stays a plain field instead of setting the prototype.
 */
function recordFactory(columns: string[]): MakeRecord {
  const fields = columns.map((name, i) => {
    const key = JSON.stringify(name);
    return `${name === '__proto__' ? `[${key}]` : key}: v[${i}]`;
  });
  return new Function('v', `return { ${fields.join(', ')} };`) as MakeRecord;
}

export function createCsvWriter(output: Writable, format: CsvFormat, options: WriteOptions): RecordWriter {
  return new CsvWriter(output, format, options);
}

class CsvWriter implements RecordWriter {
  private readonly sink: TextSink;
  private columns: string[] | undefined;
  private headerPending: boolean;
  /** Index of the next record written. */
  private index = 0;
  private readonly needsQuotes: RegExp;

  constructor(
    output: Writable,
    private readonly format: CsvFormat,
    private readonly options: WriteOptions,
  ) {
    this.sink = new TextSink(output, format.encoding, options.targetName);
    this.columns = format.columns;
    this.headerPending = format.header && !options.appending;
    const special = [format.delimiter, format.quote, '\r', '\n'].map(escapeRegExp);
    this.needsQuotes = new RegExp(special.join('|'));
  }

  async write(batch: RecordBatch): Promise<void> {
    if (batch.length === 0) return;
    this.columns ??= Object.keys(batch[0]);
    let text = this.takeHeader();
    for (const record of batch) {
      text += this.line(record);
      this.index++;
    }
    await this.sink.write(text);
  }

  async end(): Promise<void> {
    // With no record but known columns, the file still gets its header.
    await this.sink.end(this.columns ? this.takeHeader() : '');
  }

  private takeHeader(): string {
    if (!this.headerPending) return '';
    this.headerPending = false;
    const { delimiter, lineEnding } = this.format;
    return this.columns!.map((name) => this.quoted(name)).join(delimiter) + lineEnding;
  }

  private line(record: DataRecord): string {
    const columns = this.columns!;
    const { delimiter, lineEnding } = this.format;
    let text = '';
    let present = 0;
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i];
      let value = record[name];
      // Own fields only: a column named "toString" must not read Object.prototype.
      if ((value !== undefined && typeof value !== 'function') || Object.hasOwn(record, name)) present++;
      else value = undefined;
      if (i > 0) text += delimiter;
      text += this.quoted(this.text(value, name));
    }
    if (present !== Object.keys(record).length) this.throwExtraField(record);
    // A lone empty field would be a blank line, which readers skip.
    if (text === '' && columns.length === 1) text = this.format.quote + this.format.quote;
    return text + lineEnding;
  }

  private text(value: unknown, field: string): string {
    if (value === undefined || value === null) return '';
    const scalar = scalarText(value);
    if ('text' in scalar) return scalar.text;
    throw this.notSerializable(
      `field "${field}" of record ${this.index} is ${scalar.what}; CSV holds only text values: flatten it in a transformation`,
    );
  }

  private quoted(text: string): string {
    if (!this.needsQuotes.test(text)) return text;
    const { quote, escape } = this.format;
    const escaped = escape === quote ? text : text.replaceAll(escape, escape + escape);
    return quote + escaped.replaceAll(quote, escape + quote) + quote;
  }

  private throwExtraField(record: DataRecord): never {
    const columns = new Set(this.columns);
    const extra = Object.keys(record).find((key) => !columns.has(key));
    throw this.notSerializable(
      `record ${this.index} has field "${extra}", which is not a column (${this.columns!.join(', ')}): ` +
        'every CSV row has the columns of the first record or of the format; add the column to the format or map the field away',
    );
  }

  private notSerializable(message: string): ChorusError {
    return new ChorusError('DATA_NOT_SERIALIZABLE', message, { file: this.options.targetName, record: this.index });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
