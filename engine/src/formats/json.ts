import type { Readable, Writable } from 'node:stream';
import type { ParsedElementInfo } from '@streamparser/json';
import type { JsonFormat } from '../core/model/format.ts';
import type { DataRecord, RecordBatch } from '../core/record.ts';
import type { ReadOptions, RecordWriter, WriteOptions } from './types.ts';
import type { TextParser } from './read.ts';
import { TokenParser, Tokenizer } from '@streamparser/json';
import { ChorusError } from '../core/errors.ts';
import { Batcher, parseStream } from './read.ts';
import { TextSink } from './text.ts';

export function readJson(input: Readable, format: JsonFormat, options: ReadOptions): AsyncGenerator<RecordBatch> {
  const { sourceName } = options;
  const parser = format.mode === 'lines' ? new JsonLinesParser(sourceName) : new JsonTreeParser(format, sourceName);
  return parseStream(input, format.encoding, options, parser);
}

function isRecord(value: unknown): value is DataRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A record that is not an object keeps its value under "value". */
function asRecord(value: unknown): DataRecord {
  return isRecord(value) ? value : { value };
}

/**
 * Document and array modes: a streaming tokenizer. In array mode only the current element
 * is held in memory: the parser emits each element of the array at `records`, which we
 * then remove from the array it is building, and finally the (emptied) array itself, which
 * proves the path exists.
 */
class JsonTreeParser implements TextParser {
  readonly records = new Batcher();
  private readonly tokenizer = new Tokenizer();
  private readonly tokens: TokenParser;
  private readonly positions = new TextPositions();
  private readonly path: string[];
  /** Byte offset of the last token, where a token parser error lies. */
  private tokenOffset = 0;
  private found = false;
  private sawToken = false;

  constructor(
    private readonly format: Pick<JsonFormat, 'mode' | 'records'>,
    private readonly file: string,
  ) {
    this.path = format.mode === 'array' && format.records !== '' ? format.records.split('.') : [];
    const selector = ['$', ...this.path].join('.');
    const paths = format.mode === 'array' ? [`${selector}.*`, selector] : ['$'];
    this.tokens = new TokenParser({ paths, keepStack: false });
    this.tokens.onValue = (info) => this.onValue(info);
    this.tokenizer.onToken = (token) => {
      this.tokenOffset = token.offset;
      this.sawToken = true;
      this.tokens.write(token);
    };
  }

  write(text: string): void {
    this.positions.next(text, this.tokenOffset);
    try {
      this.tokenizer.write(text);
    } catch (err) {
      throw this.syntaxError(err);
    }
  }

  end(): void {
    try {
      this.tokenizer.end();
      if (!this.tokens.isEnded) this.tokens.end();
    } catch (err) {
      throw this.syntaxError(err);
    }
    // An empty file holds no record (the writer writes one for zero records).
    if (this.found || !this.sawToken) return;
    const where = this.path.length ? `no value at "${this.format.records}"` : 'no value';
    throw this.malformed(`${where} in the document; set "records" to the dotted path of the list of records`);
  }

  private onValue({ value, parent, stack }: ParsedElementInfo): void {
    if (this.format.mode === 'document') {
      this.found = true;
      if (!isRecord(value)) {
        const hint = Array.isArray(value) ? ': use mode "array"' : '; a record must be an object';
        throw this.malformed(`the document is ${kindOf(value)}${hint}`);
      }
      this.records.push(value);
    } else if (stack.length === this.path.length) {
      this.found = true; // the array itself, emptied as its elements were emitted
      if (!Array.isArray(value)) throw this.notAList(value);
    } else {
      if (!Array.isArray(parent)) throw this.notAList(parent);
      parent.length = 0;
      this.records.push(asRecord(value));
    }
  }

  private notAList(value: unknown): ChorusError {
    const where = this.path.length ? `the value at "${this.format.records}"` : 'the document';
    return this.malformed(`${where} is ${kindOf(value)}, not a list; set "records" to the path of the list of records`);
  }

  private malformed(message: string): ChorusError {
    return new ChorusError('DATA_JSON_MALFORMED', message, { file: this.file, record: this.records.count });
  }

  private syntaxError(err: unknown): ChorusError {
    if (err instanceof ChorusError) return err;
    const message = err instanceof Error ? err.message : String(err);
    // The tokenizer names the byte offset in its message; the token parser fails on the last token.
    const offset = /absolute position "(\d+)"/.exec(message)?.[1];
    const ended = /ended in (the middle of a token|mid-parsing)/.test(message);
    const where = ended ? this.positions.atEnd() : this.positions.at(offset ? Number(offset) : this.tokenOffset);
    return new ChorusError(
      'DATA_JSON_MALFORMED',
      `invalid JSON: ${describeSyntaxError(message)}`,
      { file: this.file, ...where, record: this.records.count },
      false,
      { cause: err },
    );
  }
}

function describeSyntaxError(message: string): string {
  const character = /^Unexpected "(.*)" at chunk position/s.exec(message);
  if (character) return `unexpected character ${JSON.stringify(character[1])}`;
  const token = /^Unexpected \w+ \((.*)\) in state/s.exec(message);
  if (token) return `unexpected ${token[1]}`;
  if (/ended in (the middle of a token|mid-parsing)/.test(message)) {
    return 'the text ends before every string, list and object is closed';
  }
  return message;
}

/**
 * Maps the tokenizer's UTF-8 byte offsets to lines and columns. It keeps the text from the
 * last token on (an error lies in the token being read or the next), so a token split
 * across chunks still gets its exact position.
 */
class TextPositions {
  private text = '';
  private byteStart = 0;
  /** Line and 1-based column where `text` starts. */
  private line = 1;
  private column = 1;

  /** Adds the next chunk, forgetting the text before byte offset `keepFrom`. */
  next(text: string, keepFrom: number): void {
    const drop = this.charsBefore(keepFrom);
    const dropped = this.text.slice(0, drop);
    this.byteStart += Buffer.byteLength(dropped);
    const lastBreak = dropped.lastIndexOf('\n');
    if (lastBreak === -1) {
      this.column += dropped.length;
    } else {
      this.line += countBreaks(dropped);
      this.column = dropped.length - lastBreak;
    }
    this.text = this.text.slice(drop) + text;
  }

  at(offset: number): { line: number; column: number } {
    const before = this.text.slice(0, this.charsBefore(offset));
    const lastBreak = before.lastIndexOf('\n');
    const line = this.line + countBreaks(before);
    return { line, column: lastBreak === -1 ? this.column + before.length : before.length - lastBreak };
  }

  atEnd(): { line: number } {
    return { line: this.line + countBreaks(this.text) };
  }

  /** How many characters of `text` the bytes before `offset` hold. */
  private charsBefore(offset: number): number {
    const bytes = offset - this.byteStart;
    if (bytes <= 0) return 0;
    const encoded = Buffer.from(this.text);
    return encoded.length === this.text.length ? bytes : encoded.subarray(0, bytes).toString().length;
  }
}

function countBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** A line this long is almost surely not JSON Lines (a whole file on one line, or binary data). */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * JSON Lines: JSON.parse per line (fast); the streaming tokenizer only locates an error.
 * Only the new text is searched for line breaks, and the start of a line whose end has not
 * arrived is joined once, when it does, so a huge line costs linear time (like the CSV reader).
 */
export class JsonLinesParser implements TextParser {
  readonly records = new Batcher();
  /** The start of a line whose end has not arrived: kept as chunks, joined once the line is complete. */
  private pending: string[] = [];
  private pendingLength = 0;
  private line = 1;

  constructor(
    private readonly file: string,
    private readonly maxLineChars = MAX_LINE_CHARS,
  ) {}

  write(text: string): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.parseLine(this.takePending(text.slice(start, nl)));
      start = nl + 1;
    }
    if (start < text.length) {
      this.pending.push(start === 0 ? text : text.slice(start));
      this.pendingLength += text.length - start;
      if (this.pendingLength > this.maxLineChars) throw this.tooLong();
    }
  }

  end(): void {
    this.parseLine(this.takePending(''));
  }

  /** The pending start of the line followed by `rest`, its end. */
  private takePending(rest: string): string {
    if (this.pending.length === 0) return rest;
    this.pending.push(rest);
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return text;
  }

  private tooLong(): ChorusError {
    const limit = this.maxLineChars / (1024 * 1024);
    return new ChorusError('DATA_JSON_MALFORMED', `this line is longer than ${limit} MB`, { file: this.file, line: this.line, record: this.records.count });
  }

  private parseLine(text: string): void {
    if (text.length > this.maxLineChars) throw this.tooLong();
    const line = this.line++;
    if (text.length === 0 || text === '\r') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      if (text.trim() === '') return;
      throw this.lineError(text, line, err);
    }
    this.records.push(asRecord(value));
  }

  /** Locates the error in the line with the streaming tokenizer, which knows the offset. */
  private lineError(text: string, line: number, err: unknown): ChorusError {
    let message = `invalid JSON: ${err instanceof Error ? err.message : String(err)}`;
    let column: number | undefined;
    try {
      const probe = new JsonTreeParser({ mode: 'document', records: '' }, this.file);
      probe.write(text);
      probe.end();
    } catch (probeErr) {
      if (probeErr instanceof ChorusError && probeErr.message.startsWith('invalid JSON')) {
        ({ message } = probeErr);
        ({ column } = probeErr.location);
      }
    }
    const location = { file: this.file, line, column, record: this.records.count };
    return new ChorusError('DATA_JSON_MALFORMED', message, location, false, { cause: err });
  }
}

export function createJsonWriter(output: Writable, format: JsonFormat, options: WriteOptions): RecordWriter {
  if (options.appending && format.mode !== 'lines') {
    throw new ChorusError(
      'DATA_NOT_SERIALIZABLE',
      `cannot append to JSON in ${format.mode} mode: appending works with CSV and JSON lines; write a new file or use mode "lines"`,
      { file: options.targetName },
    );
  }
  return new JsonWriter(output, format, options.targetName);
}

class JsonWriter implements RecordWriter {
  private readonly sink: TextSink;
  private count = 0;
  /** Array mode: the text around the array (the objects leading to `records`) and the line break before an element or before "]". */
  private readonly open: string;
  private readonly close: string;
  private readonly elementBreak: string;
  private readonly closeBreak: string;

  constructor(
    output: Writable,
    private readonly format: JsonFormat,
    private readonly targetName: string,
  ) {
    this.sink = new TextSink(output, format.encoding, targetName);
    const { indent } = format;
    const around = format.records === '' ? { open: '', close: '', pad: '' } : wrapper(format.records.split('.'), indent);
    this.open = around.open;
    this.close = around.close;
    this.elementBreak = indent ? `\n${around.pad}${' '.repeat(indent)}` : '';
    this.closeBreak = indent ? `\n${around.pad}` : '';
  }

  async write(batch: RecordBatch): Promise<void> {
    let text = '';
    for (const record of batch) {
      text += this.serialize(record);
      this.count++;
    }
    await this.sink.write(text);
  }

  async end(): Promise<void> {
    let text = '';
    if (this.format.mode === 'array') {
      text = this.count === 0 ? `${this.open}[]${this.close}\n` : `${this.closeBreak}]${this.close}\n`;
    }
    // Document mode with no record writes an empty file, which reads back as no record.
    await this.sink.end(text);
  }

  private serialize(record: DataRecord): string {
    const { mode, indent } = this.format;
    if (mode === 'lines') return `${this.stringify(record, 0)}\n`;
    if (mode === 'document') {
      if (this.count > 0) throw this.notSerializable('document mode writes one record; got more: use mode "array"');
      return `${this.stringify(record, indent)}\n`;
    }
    const element = this.stringify(record, indent);
    const start = this.count === 0 ? `${this.open}[` : ',';
    return start + this.elementBreak + (indent ? element.replaceAll('\n', this.elementBreak) : element);
  }

  private stringify(record: DataRecord, indent: number): string {
    try {
      return JSON.stringify(record, null, indent || undefined);
    } catch (err) {
      // BigInt values and cycles
      throw this.notSerializable(`record ${this.count} cannot be written as JSON: ${(err as Error).message}`);
    }
  }

  private notSerializable(message: string): ChorusError {
    return new ChorusError('DATA_NOT_SERIALIZABLE', message, { file: this.targetName, record: this.count });
  }
}

/** The text before and after the array at `path` ({"data": {"items": ...}}) and the indentation of its line. */
function wrapper(path: string[], indent: number): { open: string; close: string; pad: string } {
  const mark = JSON.stringify('\u0000records');
  let skeleton: unknown = '\u0000records';
  for (const key of path.toReversed()) skeleton = { [key]: skeleton };
  const text = JSON.stringify(skeleton, null, indent || undefined);
  const at = text.indexOf(mark);
  const open = text.slice(0, at);
  const lastLine = open.slice(open.lastIndexOf('\n') + 1);
  return { open, close: text.slice(at + mark.length), pad: lastLine.slice(0, lastLine.length - lastLine.trimStart().length) };
}
