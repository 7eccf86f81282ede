import type { Readable, Writable } from 'node:stream';
import type { XmlFormat } from '../core/model/format.ts';
import type { DataRecord, RecordBatch } from '../core/record.ts';
import type { ReadOptions, RecordWriter, WriteOptions } from './types.ts';
import type { TextParser } from './read.ts';
import { SaxesParser } from 'saxes';
import { ChorusError } from '../core/errors.ts';
import { Batcher, parseStream } from './read.ts';
import { TextSink, isUtf8, scalarText } from './text.ts';

/*
 * Element <-> record mapping, both ways: child elements are fields, a repeated child is a
 * list, attribute x is field "@x", text beside attributes or children is "#text", a
 * text-only element is a string and an empty one ''. Names stay as written (prefix:name).
 */

export function readXml(input: Readable, format: XmlFormat, options: ReadOptions): AsyncGenerator<RecordBatch> {
  return parseStream(input, format.encoding, options, new XmlParser(format.record, options.sourceName, options.onWarning));
}

interface OpenElement {
  fields: DataRecord;
  hasFields: boolean;
  hasChildren: boolean;
  text: string;
}

/**
 * Streams with saxes, holding only the record being read. saxes never reads a DTD, so
 * entities declared in a DOCTYPE (external ones included) are never fetched nor expanded:
 * a reference to one fails as an undefined entity.
 */
class XmlParser implements TextParser {
  readonly records = new Batcher();
  private readonly parser = new SaxesParser({ xmlns: false });
  /** Elements open in the current record, the record element first; empty between records. */
  private readonly open: OpenElement[] = [];
  private sawDoctype = false;
  /** Names of the elements seen (a few), to tell a designer whose record name matched nothing. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly recordName: string,
    private readonly file: string,
    private readonly onWarning?: ReadOptions['onWarning'],
  ) {
    const { parser, open } = this;
    parser.on('error', (err) => {
      throw this.malformed(err.message.replace(/^\d+:\d+: /, ''));
    });
    parser.on('doctype', () => {
      this.sawDoctype = true;
    });
    parser.on('opentag', (tag) => {
      if (this.seen.size < 6) this.seen.add(tag.name);
      if (open.length > 0 || tag.name === recordName) open.push(openElement(tag.attributes));
    });
    const onText = (text: string): void => {
      if (open.length > 0) open[open.length - 1].text += text;
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', (tag) => {
      const element = open.pop();
      if (element === undefined) return;
      const value = valueOf(element);
      const parent = open.at(-1);
      if (parent) addChild(parent, tag.name, value);
      else if (typeof value !== 'string') this.records.push(value);
      else this.records.push(value === '' ? {} : { '#text': value });
    });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.parser.close();
    // A root element alone is an empty document; other elements but no record is more likely a misspelt record name.
    if (this.records.count === 0 && this.seen.size > 1) {
      this.onWarning?.({
        code: 'DATA_XML_NO_RECORD',
        text: `no <${this.recordName}> element in ${this.file}, which has ${[...this.seen].map((n) => `<${n}>`).join(', ')}${this.seen.size > 5 ? '...' : ''}: is the record name right? (names are case-sensitive)`,
        file: this.file,
      });
    }
  }

  private malformed(message: string): ChorusError {
    const { line, column } = this.parser;
    const hint = this.sawDoctype && message.startsWith('undefined entity')
      ? ' (entities declared in a DOCTYPE are never expanded, and external ones never fetched)'
      : '';
    return new ChorusError('DATA_XML_MALFORMED', `invalid XML: ${message}${hint}`, {
      file: this.file,
      line,
      column: Math.max(column, 1),
      record: this.open.length > 0 ? this.records.count : undefined,
    });
  }
}

function openElement(attributes: Record<string, string>): OpenElement {
  const fields: DataRecord = {};
  let hasFields = false;
  for (const name in attributes) {
    fields[`@${name}`] = attributes[name];
    hasFields = true;
  }
  return { fields, hasFields, hasChildren: false, text: '' };
}

function valueOf(element: OpenElement): DataRecord | string {
  if (!element.hasFields) return element.text;
  // Between child elements, text is mostly indentation: trim it; beside attributes only, keep it exact.
  const text = element.hasChildren ? element.text.trim() : element.text;
  if (text.trim() !== '') element.fields['#text'] = text;
  return element.fields;
}

function addChild(parent: OpenElement, name: string, value: DataRecord | string): void {
  const { fields } = parent;
  parent.hasFields = parent.hasChildren = true;
  if (!Object.hasOwn(fields, name)) {
    // An element named __proto__ must become a field, not the prototype (assignment would set it).
    if (name === '__proto__') Object.defineProperty(fields, name, { value, writable: true, enumerable: true, configurable: true });
    else fields[name] = value;
    return;
  }
  const existing = fields[name];
  // Values read from XML are strings or records, so a list here is one we made for repeats.
  if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

export function createXmlWriter(output: Writable, format: XmlFormat, options: WriteOptions): RecordWriter {
  if (options.appending) {
    throw new ChorusError(
      'DATA_NOT_SERIALIZABLE',
      'cannot append to an XML document: appending works with CSV and JSON lines; write a new file instead',
      { file: options.targetName },
    );
  }
  return new XmlWriter(output, format, options.targetName);
}

// NameStartChar and NameChar of the XML 1.0 specification.
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
// eslint-disable-next-line no-misleading-character-class -- the spec's ranges include joiners and combining marks
const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_START}.\\-0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*$`, 'u');

// Characters XML 1.0 cannot hold at all, and those to escape in text and in attribute values
// (line breaks and tabs there too, which parsers would otherwise normalise to spaces).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPED = { text: /[&<>"'\r]/g, attribute: /[&<>"'\t\n\r]/g };
const ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

class XmlWriter implements RecordWriter {
  private readonly sink: TextSink;
  private started = false;
  /** Index of the record being written. */
  private index = 0;
  private readonly checkedNames = new Set<string>();
  private readonly declaration: string;

  constructor(
    output: Writable,
    private readonly format: XmlFormat,
    private readonly targetName: string,
  ) {
    this.sink = new TextSink(output, format.encoding, targetName);
    this.declaration = `<?xml version="1.0" encoding="${isUtf8(format.encoding) ? 'UTF-8' : format.encoding}"?>\n`;
    this.name(format.root, '');
    this.name(format.record, '');
  }

  async write(batch: RecordBatch): Promise<void> {
    let text = '';
    if (!this.started && batch.length > 0) {
      this.started = true;
      text = `${this.declaration}<${this.format.root}>`;
    }
    for (const record of batch) {
      text += this.element(this.format.record, record, 1, '');
      this.index++;
    }
    await this.sink.write(text);
  }

  async end(): Promise<void> {
    const { root } = this.format;
    await this.sink.end(this.started ? `${this.pad(0)}</${root}>\n` : `${this.declaration}<${root}/>\n`);
  }

  /** A line break and indentation before an element at `depth`; none inside mixed content (depth < 0). */
  private pad(depth: number): string {
    return this.format.indent > 0 && depth >= 0 ? `\n${' '.repeat(depth * this.format.indent)}` : '';
  }

  private element(name: string, value: unknown, depth: number, field: string): string {
    if (value === undefined) return '';
    if (value === null) return `${this.pad(depth)}<${name}/>`;
    if (Array.isArray(value)) {
      let text = '';
      for (const item of value) {
        if (Array.isArray(item)) throw this.notSerializable(field, 'holds a list inside a list, which XML cannot represent');
        text += this.element(name, item, depth, field);
      }
      return text;
    }
    if (typeof value === 'object' && !(value instanceof Date)) return this.complex(name, value as DataRecord, depth, field);
    return `${this.pad(depth)}<${name}>${this.escape(this.scalar(value, field), 'text', field)}</${name}>`;
  }

  private complex(name: string, record: DataRecord, depth: number, field: string): string {
    const textValue = record['#text'];
    const mixed = textValue !== undefined && textValue !== null && Object.hasOwn(record, '#text');
    const childDepth = mixed || depth < 0 ? -1 : depth + 1;
    let attributes = '';
    let children = '';
    for (const key of Object.keys(record)) {
      const value = record[key];
      const path = field ? `${field}.${key}` : key;
      if (key === '#text' || value === undefined) continue;
      if (key.startsWith('@')) {
        if (value === null) continue;
        const text = this.escape(this.scalar(value, path), 'attribute', path);
        attributes += ` ${this.name(key.slice(1), path)}="${text}"`;
      } else {
        children += this.element(this.name(key, path), value, childDepth, path);
      }
    }
    const start = `${this.pad(depth)}<${name}${attributes}`;
    const text = mixed ? this.escape(this.scalar(textValue, field ? `${field}.#text` : '#text'), 'text', field) : '';
    if (children === '' && !mixed) return `${start}/>`;
    return `${start}>${text}${children}${children === '' || mixed ? '' : this.pad(depth)}</${name}>`;
  }

  private scalar(value: unknown, field: string): string {
    const scalar = scalarText(value);
    if ('text' in scalar) return scalar.text;
    throw this.notSerializable(field, `is ${scalar.what}; an XML attribute or text holds only a text value`);
  }

  /** Checks a name is a valid XML name; `field` is the record field it comes from ('' for the format's names). */
  private name(name: string, field: string): string {
    if (this.checkedNames.has(name)) return name;
    if (!XML_NAME.test(name)) {
      const subject = field ? `field "${field}" of record ${this.index}` : 'the format';
      throw new ChorusError(
        'DATA_NOT_SERIALIZABLE',
        `${subject}: "${name}" is not a valid XML name; rename it (letters, digits, _ - . and : only, not starting with a digit)`,
        { file: this.targetName, record: field ? this.index : undefined },
      );
    }
    this.checkedNames.add(name);
    return name;
  }

  private escape(text: string, context: keyof typeof ESCAPED, field: string): string {
    const forbidden = FORBIDDEN.exec(text);
    if (forbidden) {
      const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      throw this.notSerializable(field, `holds the character U+${code}, which XML 1.0 cannot represent`);
    }
    return text.replace(ESCAPED[context], (c) => ENTITIES[c]);
  }

  private notSerializable(field: string, problem: string): ChorusError {
    const subject = field ? `field "${field}" of record ${this.index}` : `record ${this.index}`;
    return new ChorusError('DATA_NOT_SERIALIZABLE', `${subject} ${problem}`, { file: this.targetName, record: this.index });
  }
}
