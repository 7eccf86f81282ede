/**
 * Completion by context: nothing inside strings and comments; globals after `$`; child
 * fields after a source path's separator; otherwise functions, earlier locals, `true` and
 * `false` (and top-level source fields in a formula). Works on tokens, since the script is
 * half-typed whenever completion is asked for.
 */
import { JITTERBIT_DEFAULTS, JITTERBIT_INFORMATIONAL } from '../env.ts';
import type { FunctionTable } from '../functions/registry.ts';
import { isFormula, type LanguageServiceOptions } from './context.ts';
import { callSnippet, functionMarkdown, signatureLabel } from './format.ts';
import { inBody, insideLiteral, scan, tokenAt, type Scan, type Token } from './scan.ts';
import { childFields, describeField, pathSegments } from './source-fields.ts';
import type { CompletionItem } from './types.ts';

type Range = CompletionItem['range'];

/** Sort groups: what the script itself defines comes before the library. */
const GROUP = { local: '0', field: '1', function: '2', keyword: '3', global: '1', project: '2', jitterbit: '3' } as const;

const startsWithIgnoringCase = (name: string, prefix: string) => name.toLowerCase().startsWith(prefix.toLowerCase());

export function complete(source: string, offset: number, functions: FunctionTable, options: LanguageServiceOptions): CompletionItem[] {
  const s = scan(source);
  if (!inBody(s, offset)) return s.open ? [] : transSnippet(source, offset);
  const token = tokenAt(s.tokens, offset);
  if (token && insideLiteral(token, offset)) return [];
  switch (token?.kind) {
    case 'global':
      return globals(s, token, offset, options);
    case 'source':
      return options.sourceSchema ? sourceFields(token, offset, options) : [];
    case 'name':
    case 'bool':
      return identifiers(s, source, token.start, offset, functions, options);
    case 'number':
    case 'string':
      return []; // right after a literal, nothing can follow without an operator
    default:
      return identifiers(s, source, offset, offset, functions, options);
  }
}

/** In an empty source, or while typing the tag itself (`<tr`), offer the script skeleton. */
function transSnippet(source: string, offset: number): CompletionItem[] {
  const before = source.slice(0, offset);
  const typed = ['<trans>', '<trans', '<tran', '<tra', '<tr', '<t', '<'].find((p) => before.endsWith(p));
  if (source.trim() !== '' && typed === undefined) return [];
  return [
    {
      label: '<trans>',
      kind: 'snippet',
      detail: 'script body',
      documentation: 'The executable part of a script sits between `<trans>` and `</trans>`.',
      insertText: '<trans>\n$0\n</trans>',
      snippet: true,
      sortText: '0',
      range: { start: offset - (typed?.length ?? 0), end: offset },
    },
  ];
}

function globals(s: Scan, token: Token, offset: number, options: LanguageServiceOptions): CompletionItem[] {
  const prefix = token.text.slice(1, offset - token.start);
  const range = { start: token.start, end: offset };
  const items = new Map<string, CompletionItem>();
  const add = (name: string, group: string, detail: string) => {
    const key = name.toLowerCase(); // globals are case-insensitive: one entry per name
    if (items.has(key) || !startsWithIgnoringCase(name, prefix) || name === '') return;
    items.set(key, { label: `$${name}`, kind: 'global', detail, insertText: `$${name}`, sortText: group + key, range });
  };
  for (const t of s.tokens) if (t.kind === 'global' && t !== token) add(t.text.slice(1), GROUP.global, 'global variable');
  for (const name of options.projectVariables ?? []) add(name, GROUP.project, 'project variable');
  for (const [name, value] of Object.entries(JITTERBIT_DEFAULTS)) add(name, GROUP.jitterbit, `Jitterbit setting, default ${String(value)}`);
  for (const [name, meaning] of Object.entries(JITTERBIT_INFORMATIONAL)) add(name, GROUP.jitterbit, `Jitterbit variable: ${meaning}`);
  return [...items.values()];
}

function sourceFields(token: Token, offset: number, options: LanguageServiceOptions): CompletionItem[] {
  const typed = token.text.slice(0, offset - token.start);
  const lastSeparator = Math.max(typed.lastIndexOf('$'), typed.lastIndexOf('.'), typed.lastIndexOf('#'));
  const parent = typed.slice(0, lastSeparator + 1);
  const prefix = typed.slice(lastSeparator + 1);
  const range = { start: token.start + lastSeparator + 1, end: offset };
  return childFields(options.sourceSchema!, pathSegments(parent))
    .filter((f) => startsWithIgnoringCase(f.name, prefix))
    .map((f) => ({
      label: f.name,
      kind: 'field',
      detail: `${parent}${f.name} (${describeField(f)})`,
      insertText: f.name,
      sortText: GROUP.field + f.name.toLowerCase(),
      range,
    }));
}

function identifiers(
  s: Scan,
  source: string,
  start: number,
  offset: number,
  functions: FunctionTable,
  options: LanguageServiceOptions,
): CompletionItem[] {
  const prefix = source.slice(start, offset);
  const range: Range = { start, end: offset };
  const items: CompletionItem[] = [];
  for (const name of localsBefore(s.tokens, start)) {
    if (startsWithIgnoringCase(name, prefix)) {
      items.push({ label: name, kind: 'variable', detail: 'local variable', insertText: name, sortText: GROUP.local + name, range });
    }
  }
  if (options.sourceSchema && isFormula(options)) {
    for (const f of options.sourceSchema.fields) {
      if (!startsWithIgnoringCase(f.name, prefix)) continue;
      // A bare name is a local: the separator makes it a source reference (`orderId$`).
      const insertText = `${f.name}$`;
      const detail = `${insertText} (${describeField(f)})`;
      items.push({ label: f.name, kind: 'field', detail, insertText, sortText: GROUP.field + f.name.toLowerCase(), range });
    }
  }
  // Before an existing `(` insert the bare name, not a second pair of parentheses.
  const callFollows = /^\s*\(/.test(source.slice(offset));
  for (const name of functions.names()) {
    const spec = functions.get(name);
    if (!spec || !startsWithIgnoringCase(name, prefix)) continue;
    items.push({
      label: name,
      kind: 'function',
      detail: spec.signatures[0] ? signatureLabel(name, spec.signatures[0]).label : undefined,
      documentation: functionMarkdown(spec, { signatures: spec.signatures.length > 1 }),
      insertText: callFollows ? name : callSnippet(name, spec),
      snippet: !callFollows,
      sortText: GROUP.function + name.toLowerCase(),
      range,
    });
  }
  for (const word of ['true', 'false']) {
    if (startsWithIgnoringCase(word, prefix)) items.push({ label: word, kind: 'keyword', insertText: word, sortText: GROUP.keyword + word, range });
  }
  return items;
}

/**
 * Locals assigned before `offset` (`name =`, `name +=`, `name -=`) and those named by
 * `ArgumentList(a, b)`, in order of first appearance. Locals are case-sensitive.
 */
function localsBefore(tokens: readonly Token[], offset: number): string[] {
  const names = new Set<string>();
  let inArgumentList = false;
  tokens.forEach((t, i) => {
    if (t.end > offset) return;
    const next = tokens[i + 1];
    if (t.kind === 'name' && t.text.toLowerCase() === 'argumentlist' && next?.text === '(') inArgumentList = true;
    else if (inArgumentList && t.text === ')') inArgumentList = false;
    else if (t.kind === 'name' && (inArgumentList || ['=', '+=', '-='].includes(next?.text ?? ''))) names.add(t.text);
  });
  return [...names];
}
