/**
 * XML functions on XML text: XPath queries (SelectNodes...), building elements for XML "any"
 * nodes (CreateNode, Attribute) and reading nodes back (GetNodeName, GetNodeValue). A node is
 * passed around as its XML string. The parser never expands entities declared in a DTD nor
 * reads anything outside the text it is given, so XXE and entity bombs cannot happen.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import xpath from 'xpath';
import { toBool, toStr } from '../convert.ts';
import type { ScriptEnv } from '../env.ts';
import { failed } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { str } from './args.ts';
import type { FunctionSpec, Param } from './types.ts';

const NODE = { ELEMENT: 1, ATTRIBUTE: 2, TEXT: 3, CDATA: 4 } as const;

/** Parses XML text; a syntax error fails with the parser's line and column. */
function parseXml(text: string, what: string, argument?: number, htmlEntities = false): Document {
  let problem: { message: string; line?: number; column?: number } | undefined;
  const parser = new DOMParser({
    onError(level, message, context: { locator?: { lineNumber?: number; columnNumber?: number } }) {
      // xmldom's warnings are well-formedness errors (unquoted attribute values...), except a U+FFFD in the text.
      if (level === 'warning' && message.startsWith('Unicode replacement character')) return;
      problem ??= { message, line: context?.locator?.lineNumber, column: context?.locator?.columnNumber };
      throw new Error(message); // stops the parser
    },
  });
  try {
    return parser.parseFromString(htmlEntities ? numericHtmlEntities(text) : text, 'text/xml');
  } catch (err) {
    const where = problem?.line ? ` at line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}` : '';
    throw failed(`${what} is not well-formed XML${where}: ${problem?.message ?? (err as Error).message}`, argument);
  }
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const htmlEntityCache = new Map<string, string | undefined>();
/** HTML has about 2,200 entity names; the bound keeps made-up names from growing the cache. */
const HTML_ENTITY_CACHE_MAX = 4096;

/**
 * With `$jitterbit.decode.html.chars`, HTML named entities (`&eacute;`, `&nbsp;`) become
 * numeric character references the XML parser accepts. CDATA sections and comments are left
 * alone, since entities mean nothing there.
 */
function numericHtmlEntities(text: string): string {
  return text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&([A-Za-z][A-Za-z0-9]*);/g, (match, name: string | undefined) => {
    if (name === undefined || XML_ENTITIES.has(name)) return match;
    const decoded = htmlEntity(name);
    return decoded === undefined ? match : [...decoded].map((ch) => `&#${ch.codePointAt(0)};`).join('');
  });
}

/** The text an HTML named entity stands for, from the HTML entity table of the parser itself. */
function htmlEntity(name: string): string | undefined {
  if (htmlEntityCache.has(name)) return htmlEntityCache.get(name);
  let decoded: string | undefined;
  try {
    const parser = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } });
    decoded = parser.parseFromString(`<x>&${name};</x>`, 'text/html').documentElement?.textContent ?? undefined;
  } catch {
    decoded = undefined; // not an HTML entity either: the XML parser will report it
  }
  if (htmlEntityCache.size < HTML_ENTITY_CACHE_MAX) htmlEntityCache.set(name, decoded);
  return decoded;
}

const serializer = new XMLSerializer();

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * A matched node as a script value: elements (and documents) as XML text; text, CDATA and
 * attribute nodes as their value, XML-escaped unless `decode` ($jitterbit.decode.html.chars).
 */
function nodeValue(node: Node, decode: boolean): string {
  switch (node.nodeType) {
    case NODE.ATTRIBUTE:
    case NODE.TEXT:
    case NODE.CDATA:
      return decode ? (node.nodeValue ?? '') : escapeText(node.nodeValue ?? '');
    default:
      return serializer.serializeToString(node);
  }
}

/**
 * `"prefix=uri"` declarations, then the namespaces declared on the document's root element,
 * resolve the prefixes of an XPath expression.
 */
function namespaceResolver(decls: ScriptValue[], firstIndex: number, root: Element | null): { lookupNamespaceURI(prefix: string | null): string | null } {
  const explicit = new Map<string, string>();
  decls.forEach((_, i) => {
    const decl = str(decls, i);
    const at = decl.indexOf('=');
    if (at <= 0) throw failed(`namespace declaration "${decl}" must read prefix=uri`, firstIndex + i);
    explicit.set(decl.slice(0, at).trim(), decl.slice(at + 1).trim());
  });
  return { lookupNamespaceURI: (prefix) => explicit.get(prefix ?? '') ?? root?.lookupNamespaceURI(prefix) ?? null };
}

type XPathResult = string | number | boolean | Node[];

/** An XPath query from a call: the expression, its argument index, and the namespace declarations after it. */
interface Query {
  expression: string;
  argument: number;
  decls: ScriptValue[];
  /** Argument index of the first declaration. */
  declsFrom: number;
}

function evaluateXPath(doc: Document, query: Query): XPathResult {
  const resolver = namespaceResolver(query.decls, query.declsFrom, doc.documentElement);
  try {
    // xmldom's nodes implement what xpath needs; its published types name the browser DOM's.
    return xpath.selectWithResolver(query.expression, doc as unknown as Parameters<typeof xpath.selectWithResolver>[1], resolver) as unknown as XPathResult;
  } catch (err) {
    throw failed(`XPath "${query.expression}" cannot be evaluated: ${(err as Error).message}`, query.argument);
  }
}

function decodeSetting(env: ScriptEnv): boolean {
  return toBool(env.globals.get('jitterbit.decode.html.chars'));
}

/** Every match of the query, as script values; a scalar result (count(), string()) is one value. */
function select(doc: Document, query: Query, decode: boolean): ScriptValue[] {
  const result = evaluateXPath(doc, query);
  return Array.isArray(result) ? result.map((n) => nodeValue(n, decode)) : [result];
}

/** SelectNodes and SelectSingleNode: XML text, XPath, declarations. */
function selectInText(args: ScriptValue[], env: ScriptEnv): ScriptValue[] {
  const decode = decodeSetting(env);
  return select(parseXml(str(args, 0), 'the node', 0, decode), { expression: str(args, 1), argument: 1, decls: args.slice(2), declsFrom: 2 }, decode);
}

/** The nodes of an XML "any" element: an array of node strings, or one string holding one or more nodes. */
function anyNodes(value: ScriptValue, argument: number, decode: boolean): Element[] {
  const texts = Array.isArray(value) ? value : [value];
  return texts.flatMap((v) => {
    const text = toStr(v).replace(/^\s*<\?xml[\s\S]*?\?>/, '');
    if (text.trim() === '') return [];
    const wrapper = parseXml(`<any>${text}</any>`, 'the "any" nodes', argument, decode).documentElement;
    return wrapper ? childElements(wrapper) : [];
  });
}

function childElements(parent: Element): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === NODE.ELEMENT) out.push(n as Element);
  return out;
}

/** The root element of a node string, or undefined for text that is not markup. */
function elementOf(text: string, argument: number): Element | undefined {
  if (!text.trimStart().startsWith('<')) return undefined;
  return parseXml(text, 'the node', argument).documentElement ?? undefined;
}

const NAME = /^[\p{L}_][\p{L}\p{N}_.-]*(?::[\p{L}_][\p{L}\p{N}_.-]*)?$/u;

function checkName(name: string, argument: number): string {
  if (!NAME.test(name)) throw failed(`"${name}" is not an XML name`, argument);
  return name;
}

/** What Attribute() returns; CreateNode recognises it among its contents. */
const ATTRIBUTE = /^\s*[\p{L}_][\p{L}\p{N}_.:-]*="[^"<]*"\s*$/u;

/** One content argument of CreateNode: attributes, nested elements, or escaped text. */
function addContent(value: ScriptValue, parts: { attributes: string[]; children: string[] }): void {
  if (value === null) return;
  if (Array.isArray(value)) return value.forEach((v) => addContent(v, parts));
  const text = toStr(value);
  if (ATTRIBUTE.test(text)) parts.attributes.push(text.trim());
  else if (isElementText(text)) parts.children.push(text.trim());
  else parts.children.push(escapeText(text));
}

function isElementText(text: string): boolean {
  if (!text.trimStart().startsWith('<')) return false;
  try {
    return parseXml(text, 'content', 0).documentElement !== null;
  } catch {
    return false; // markup-looking text that is not XML is kept as text
  }
}

function createNode(args: ScriptValue[]): string {
  const namespace = str(args, 0);
  const name = checkName(str(args, 1), 1);
  const parts = { attributes: [] as string[], children: [] as string[] };
  for (const content of args.slice(2)) addContent(content, parts);
  if (namespace !== '') {
    const prefix = name.includes(':') ? `:${name.split(':')[0]}` : '';
    parts.attributes.unshift(`xmlns${prefix}="${escapeAttribute(namespace)}"`);
  }
  const start = [name, ...parts.attributes].join(' ');
  return parts.children.length === 0 ? `<${start}/>` : `<${start}>${parts.children.join('')}</${name}>`;
}

const nodeParam: Param = { name: 'node', type: 'type', description: 'XML text, e.g. a node returned by SelectSingleNode' };
const xpathParam: Param = { name: 'xPath', type: 'string' };
const declParam: Param = { name: 'prefixDecl', type: 'string', optional: true, rest: true, description: 'namespace prefix declarations "prefix=uri"' };

const ORDER = "'<order xmlns:o=\"urn:o\"><item sku=\"A1\">Pen &amp; ink</item><item sku=\"B2\">Pad</item><o:note>rush</o:note></order>'";

export const xmlFunctions: FunctionSpec[] = [
  {
    name: 'Attribute',
    category: 'xml',
    summary: 'An attribute for CreateNode, as name="value" with the value XML-escaped.',
    signatures: [{ params: [{ name: 'name', type: 'string' }, { name: 'value', type: 'string' }], returns: 'string' }],
    examples: [
      { code: 'Attribute("sku", "A1")', result: { type: 'string', value: 'sku="A1"' } },
      { code: 'Attribute("title", "Fish & \\"Chips\\"")', result: { type: 'string', value: 'title="Fish &amp; &quot;Chips&quot;"' } },
      { code: 'Attribute("1st", "x")', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => `${checkName(str(args, 0), 0)}="${escapeAttribute(str(args, 1))}"`,
  },
  {
    name: 'CreateNode',
    category: 'xml',
    summary:
      'Builds an element as XML text, for XML "any" nodes: the contents are Attribute() results, nested CreateNode() results (or other XML elements) and text (escaped), in order; arrays are spread. A namespace, when not empty, is declared on the element.',
    signatures: [
      {
        params: [{ name: 'namespace', type: 'string' }, { name: 'nodeName', type: 'string' }, { name: 'content', type: 'type', optional: true, rest: true }],
        returns: 'string',
      },
    ],
    examples: [
      { code: 'CreateNode("", "item", Attribute("sku", "A1"), "Pen & ink")', result: { type: 'string', value: '<item sku="A1">Pen &amp; ink</item>' } },
      {
        code: 'CreateNode("urn:o", "o:order", CreateNode("", "id", 7), CreateNode("", "rush"))',
        result: { type: 'string', value: '<o:order xmlns:o="urn:o"><id>7</id><rush/></o:order>' },
      },
      { code: 'CreateNode("urn:x", "note")', result: { type: 'string', value: '<note xmlns="urn:x"/>' } },
    ],
    impl: (args) => createNode(args),
  },
  {
    name: 'GetNodeName',
    category: 'xml',
    summary: 'The qualified name of a node given as XML text (e.g. a SelectSingleNode result).',
    signatures: [{ params: [nodeParam], returns: 'string' }],
    examples: [
      { code: `GetNodeName(SelectSingleNode(${ORDER}, "//o:note"))`, result: { type: 'string', value: 'o:note' } },
      { code: 'GetNodeName("<item sku=\'A1\'/>")', result: { type: 'string', value: 'item' } },
      { code: 'GetNodeName("plain text")', error: 'SCRIPT_FAILED' },
    ],
    impl(args) {
      const element = elementOf(str(args, 0), 0);
      if (!element) throw failed('the node is not XML (an element was expected)', 0);
      return element.nodeName;
    },
  },
  {
    name: 'GetNodeValue',
    category: 'xml',
    summary: 'The text of a node: the text content of an element given as XML text, or the decoded value of a text or attribute result.',
    signatures: [{ params: [nodeParam], returns: 'string' }],
    examples: [
      { code: `GetNodeValue(SelectSingleNode(${ORDER}, "/order/item"))`, result: { type: 'string', value: 'Pen & ink' } },
      { code: `GetNodeValue(SelectSingleNode(${ORDER}, "//item[2]/text()"))`, result: { type: 'string', value: 'Pad' } },
      { code: 'GetNodeValue("<a>1<b>2</b></a>")', result: { type: 'string', value: '12' } },
    ],
    impl(args) {
      const text = str(args, 0);
      const element = elementOf(text, 0);
      if (element) return element.textContent ?? '';
      return parseXml(`<v>${text}</v>`, 'the node', 0).documentElement?.textContent ?? '';
    },
  },
  {
    name: 'GetXMLString',
    category: 'xml',
    summary: 'In a mapping, the XML text of the source node at path (qualified keeps namespace prefixes).',
    signatures: [{ params: [{ name: 'path', type: 'string' }, { name: 'qualified', type: 'bool', optional: true, default: 'false' }], returns: 'string' }],
    examples: [{ code: 'GetXMLString("order$item")', error: 'SCRIPT_NEEDS_CAPABILITY', note: 'Only inside a transformation.' }],
    needs: 'a transformation context',
  },
  {
    name: 'IsNil',
    category: 'xml',
    summary: 'In a mapping, true when the source element at path has xsi:nil="true" (or "1").',
    signatures: [{ params: [{ name: 'path', type: 'string' }], returns: 'bool' }],
    examples: [{ code: 'IsNil("order$item.price")', error: 'SCRIPT_NEEDS_CAPABILITY', note: 'Only inside a transformation.' }],
    needs: 'a transformation context',
  },
  {
    name: 'RunXSLT',
    category: 'xml',
    summary: 'Applies an XSLT stylesheet to one or more XML inputs (XML text or file activity references) and returns the result documents as an array.',
    signatures: [
      {
        params: [{ name: 'xsltRef', type: 'string' }, { name: 'xml', type: 'string', rest: true }],
        returns: 'array',
      },
    ],
    examples: [{ code: 'RunXSLT("<TAG>activity:file/Styles/file_read/Invoice XSLT</TAG>", "<order/>")', error: 'SCRIPT_NEEDS_CAPABILITY' }],
    needs: 'an XSLT engine',
  },
  {
    name: 'SelectNodeFromXMLAny',
    category: 'xml',
    summary: 'The first node named nodeName (qualified or local name) among the nodes of an XML "any" element (an array of node strings or XML text), as XML text; null when none.',
    signatures: [{ params: [{ name: 'nodeName', type: 'string' }, { name: 'anyNodes', type: 'type' }], returns: 'type' }],
    examples: [
      { code: 'SelectNodeFromXMLAny("b", {"<a>1</a>", "<b>2</b>", "<b>3</b>"})', result: { type: 'string', value: '<b>2</b>' } },
      { code: 'SelectNodeFromXMLAny("c", "<a/><b/>")', result: { type: 'null', value: null } },
    ],
    impl(args, env) {
      const name = str(args, 0);
      const found = anyNodes(args[1] ?? null, 1, decodeSetting(env)).find((e) => e.nodeName === name || e.localName === name);
      return found ? serializer.serializeToString(found) : null;
    },
  },
  {
    name: 'SelectNodes',
    category: 'xml',
    summary:
      'Runs an XPath 1.0 query on XML text and returns the matches as an array: elements as XML text, text and attribute nodes as their values (XML-escaped unless $jitterbit.decode.html.chars is true, which also accepts HTML entities in the input).',
    signatures: [{ params: [nodeParam, xpathParam, declParam], returns: 'array' }],
    examples: [
      { code: `SelectNodes(${ORDER}, "/order/item/@sku")`, result: { type: 'array', value: ['A1', 'B2'] } },
      { code: `SelectNodes(${ORDER}, "//x:note", "x=urn:o")`, result: { type: 'array', value: ['<o:note xmlns:o="urn:o">rush</o:note>'] } },
      { code: `SelectNodes(${ORDER}, "//item/text()")`, result: { type: 'array', value: ['Pen &amp; ink', 'Pad'] } },
      { code: 'SelectNodes("<a><b></a>", "//b")', error: 'SCRIPT_FAILED' },
    ],
    impl: (args, env) => selectInText(args, env),
  },
  {
    name: 'SelectNodesFromXMLAny',
    category: 'xml',
    summary: 'Runs an XPath query on each node of an XML "any" element (an array of node strings or XML text) and returns all matches, as SelectNodes does.',
    signatures: [{ params: [xpathParam, { name: 'anyNodes', type: 'type' }, declParam], returns: 'array' }],
    examples: [
      { code: 'SelectNodesFromXMLAny("/item/@id", {"<item id=\'1\'/>", "<other/>", "<item id=\'2\'/>"})', result: { type: 'array', value: ['1', '2'] } },
      { code: 'SelectNodesFromXMLAny("//p:v", "<p:a xmlns:p=\'urn:p\'><p:v>x</p:v></p:a>", "p=urn:p")', result: { type: 'array', value: ['<p:v xmlns:p="urn:p">x</p:v>'] } },
    ],
    impl(args, env) {
      const decode = decodeSetting(env);
      const query = { expression: str(args, 0), argument: 0, decls: args.slice(2), declsFrom: 2 };
      // Each node is queried as a document of its own, so "/item" matches an <item> node.
      return anyNodes(args[1] ?? null, 1, decode).flatMap((element) => select(parseXml(serializer.serializeToString(element), 'the node', 1), query, decode));
    },
  },
  {
    name: 'SelectSingleNode',
    category: 'xml',
    summary: 'The first match of an XPath query on XML text, as SelectNodes returns matches; null when nothing matches.',
    signatures: [{ params: [nodeParam, xpathParam, declParam], returns: 'type' }],
    examples: [
      { code: `SelectSingleNode(${ORDER}, "/order/item")`, result: { type: 'string', value: '<item sku="A1">Pen &amp; ink</item>' } },
      { code: `SelectSingleNode(${ORDER}, "count(//item)")`, result: { type: 'int', value: 2 } },
      { code: `SelectSingleNode(${ORDER}, "/order/missing")`, result: { type: 'null', value: null } },
      { code: '$jitterbit.decode.html.chars = true; SelectSingleNode("<a>caf&eacute; &amp; bar</a>", "/a/text()")', result: { type: 'string', value: 'café & bar' } },
    ],
    impl: (args, env) => selectInText(args, env)[0] ?? null,
  },
];
