import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { ChorusError } from '../core/errors.ts';
import type { Format } from '../core/model/format.ts';
import type { DataRecord } from '../core/record.ts';
import { readRecords } from '../formats/index.ts';
import type { PathSegment } from './compare.ts';

/**
 * Turns output bytes into what tests compare: a JSON document as parsed (JSON Lines as a list
 * of values), CSV as its list of rows, XML as a canonical tree. `name` names the bytes in errors.
 */
export async function documentOf(bytes: Uint8Array, format: Format, name: string): Promise<unknown> {
  switch (format.type) {
    case 'csv':
      return recordsOf(bytes, format, name);
    case 'json': {
      const text = decode(bytes, format.encoding);
      try {
        if (format.mode === 'lines') return text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
        return JSON.parse(text) as unknown;
      } catch (err) {
        throw new ChorusError('DATA_JSON_MALFORMED', `${name} is not valid JSON: ${(err as Error).message}`, { file: name });
      }
    }
    case 'xml':
      return canonicalXml(decode(bytes, format.encoding), name);
  }
}

/** Where the records sit in a document of the format: the list an unordered comparison treats as a multiset. */
export function recordsPath(format: Format): PathSegment[] {
  if (format.type === 'xml') return [format.root, format.record];
  if (format.type === 'json' && format.mode === 'array') return format.records.split('.').filter((s) => s !== '');
  return [];
}

/** The records the format's reader finds in the bytes, as a run would read them. */
export async function recordsOf(bytes: Uint8Array, format: Format, name: string): Promise<DataRecord[]> {
  const records: DataRecord[] = [];
  for await (const batch of readRecords(Readable.from([Buffer.from(bytes)]), format, { sourceName: name })) records.push(...batch);
  return records;
}

function decode(bytes: Uint8Array, encoding: string): string {
  if (!iconv.encodingExists(encoding)) throw new ChorusError('DATA_ENCODING_UNKNOWN', `unknown encoding "${encoding}"`);
  return iconv.decode(Buffer.from(bytes), encoding).replace(/^\uFEFF/, '');
}

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/**
 * XML as a canonical tree: `{root: {...}}`, attributes as `@name` (their order does not
 * matter), child elements by name (one value, or a list when repeated), text trimmed (as
 * `#text` beside attributes or children), whitespace between elements, comments and
 * processing instructions left out, CDATA and entities as the text they stand for. The
 * relative order of differently named siblings is not compared.
 */
export function canonicalXml(text: string, name: string): unknown {
  const parser = new SaxesParser({ xmlns: false });
  const open: Element[] = [];
  let root: Element | undefined;
  parser.on('error', (err) => {
    throw new ChorusError('DATA_XML_MALFORMED', `${name} is not well-formed XML: ${err.message}`, { file: name });
  });
  parser.on('opentag', (tag) => open.push({ name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' }));
  const onText = (t: string) => {
    const top = open.at(-1);
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const element = open.pop()!;
    const parent = open.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
  });
  parser.write(text).close();
  if (!root) throw new ChorusError('DATA_XML_MALFORMED', `${name} has no root element`, { file: name });
  return { [root.name]: valueOf(root) };
}

function valueOf(element: Element): unknown {
  const text = element.text.trim();
  const attributes = Object.keys(element.attributes).sort();
  if (attributes.length === 0 && element.children.length === 0) return text;
  const value: Record<string, unknown> = {};
  for (const key of attributes) value[`@${key}`] = element.attributes[key];
  const byName = new Map<string, unknown[]>();
  for (const child of element.children) {
    const list = byName.get(child.name);
    if (list) list.push(valueOf(child));
    else byName.set(child.name, [valueOf(child)]);
  }
  for (const [childName, values] of byName) value[childName] = values.length === 1 ? values[0] : values;
  if (text !== '') value['#text'] = text;
  return value;
}
