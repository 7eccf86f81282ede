/**
 * JSON: reading one value out of JSON text by a `/key/[index]/key` path. The path is
 * followed over the text itself rather than over `JSON.parse` output, so a number comes
 * back exactly as written (`12345678901234567890`, `10.50`), as the reference returns it.
 */
import { ScriptError, failed } from '../errors.ts';
import { toHost, ScriptDict, type ScriptValue } from '../values.ts';
import { opt, str } from './args.ts';
import type { FunctionSpec } from './types.ts';

const WHITESPACE = /\s/;

function skipSpace(text: string, i: number): number {
  while (i < text.length && WHITESPACE.test(text[i])) i++;
  return i;
}

/** Index just past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i + 1;
}

/** Index just past the value starting at `i` (the text is known to be valid JSON). */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') i = skipString(text, i) - 1;
      else if (ch === '{' || ch === '[') depth++;
      else if ((ch === '}' || ch === ']') && --depth === 0) return i + 1;
    }
  }
  while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  return i;
}

/** Start of the next member or element after the value at `i`, or of the closing bracket. */
function next(text: string, i: number): number {
  const after = skipSpace(text, skipValue(text, i));
  return text[after] === ',' ? skipSpace(text, after + 1) : after;
}

/** Start of the value of `key` in the object opening at `at`. */
function member(text: string, at: number, key: string): number | undefined {
  let i = skipSpace(text, at + 1);
  while (text[i] === '"') {
    const keyEnd = skipString(text, i);
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    if (JSON.parse(text.slice(i, keyEnd)) === key) return valueStart;
    i = next(text, valueStart);
  }
  return undefined;
}

/** Start of element `n` of the array opening at `at`. */
function element(text: string, at: number, n: number): number | undefined {
  let i = skipSpace(text, at + 1);
  for (let k = 0; text[i] !== ']'; k++) {
    if (k === n) return i;
    i = next(text, i);
  }
  return undefined;
}

/** The text without whitespace outside strings: `{"a": [1, 2]}` becomes `{"a":[1,2]}`. */
function compact(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    if (json[i] === '"') {
      const end = skipString(json, i);
      out += json.slice(i, end);
      i = end - 1;
    } else if (!WHITESPACE.test(json[i])) out += json[i];
  }
  return out;
}

/** Strings unquoted, numbers and booleans as written, objects and arrays compact, null as null. */
function render(text: string, start: number): ScriptValue {
  const raw = text.slice(start, skipValue(text, start));
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith('{') || raw.startsWith('[')) return compact(raw);
  return raw === 'null' ? null : raw;
}

function step(text: string, at: number, segment: string): number {
  const index = /^\[(\d+)\]$/.exec(segment);
  if (index && text[at] === '[') {
    const found = element(text, at, Number(index[1]));
    if (found === undefined) throw failed(`${index[1]} is out of range`, 1);
    return found;
  }
  const found = text[at] === '{' ? member(text, at, segment) : undefined;
  if (found === undefined) throw failed(`${segment} is not a valid path`, 1);
  return found;
}

/** JSON text from a string, or from a dictionary or array (a JSON source node in a formula). */
function jsonText(args: ScriptValue[]): string {
  const v = args[0] ?? null;
  return v instanceof ScriptDict || Array.isArray(v) ? JSON.stringify(toHost(v)) : str(args, 0);
}

function getJSONString(args: ScriptValue[]): ScriptValue {
  const text = jsonText(args);
  try {
    JSON.parse(text);
  } catch (err) {
    throw failed(`the text is not valid JSON (${(err as Error).message})`, 0);
  }
  let at = skipSpace(text, 0);
  for (const segment of str(args, 1).split('/')) {
    if (segment !== '') at = step(text, at, segment);
  }
  return render(text, at);
}

const json = { name: 'json', type: 'string' } as const;
const path = { name: 'path', type: 'string', description: 'Keys and [index] steps separated by "/", e.g. "/items/[0]/id".' } as const;

export const jsonFunctions: FunctionSpec[] = [
  {
    name: 'GetJSONString',
    category: 'json',
    summary: 'The value at a path (`/key/[index]/key`) of JSON text: strings unquoted, numbers as written, objects and arrays as compact JSON. A missing key or index is an error.',
    signatures: [{ params: [json, path], returns: 'string' }],
    examples: [
      { code: 'GetJSONString(\'{"company": [{"name": "Acme", "size": 10.50}]}\', "/company/[0]/name")', result: { type: 'string', value: 'Acme' } },
      { code: 'GetJSONString(\'{"a": {"b": [1, 2]}}\', "/a")', result: { type: 'string', value: '{"b":[1,2]}' } },
      { code: 'GetJSONString(\'{"a": 1}\', "/b")', error: 'SCRIPT_FAILED' },
      { code: 'GetJSONString(\'{"a": [1]}\', "/a/[3]")', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => getJSONString(args),
  },
  {
    name: 'GetJSONStringEx',
    category: 'json',
    summary: 'As GetJSONString, but when the path does not exist (or the text is not JSON) it returns `errorMessage` (default "") instead of failing.',
    signatures: [{ params: [json, path, { name: 'errorMessage', type: 'string', optional: true, default: '""' }], returns: 'string' }],
    examples: [
      { code: 'GetJSONStringEx(\'{"id": 12345678901234567890}\', "/id")', result: { type: 'string', value: '12345678901234567890' } },
      { code: 'GetJSONStringEx(\'{"a": 1}\', "/b", "n/a")', result: { type: 'string', value: 'n/a' } },
      { code: 'GetJSONStringEx(\'[1, 2]\', "/[5]")', result: { type: 'string', value: '' } },
    ],
    impl: (args) => {
      try {
        return getJSONString(args);
      } catch (err) {
        if (err instanceof ScriptError && err.code === 'SCRIPT_FAILED') return opt(args, 2, str, '');
        throw err;
      }
    },
  },
];
