/**
 * String functions. Positions are 0-based and count UTF-16 code units, as `Length` does;
 * arguments are converted to strings and counts to integers (truncated).
 */
import { toStr, utf8Bytes } from '../convert.ts';
import { formatDate } from '../date-format.ts';
import type { ScriptEnv } from '../env.ts';
import { failed } from '../errors.ts';
import { ScriptDate, labelled, type ScriptValue } from '../values.ts';
import { checkLength, int, opt, str } from './args.ts';
import { printf } from './printf.ts';
import { compileRegex, groupCount } from './regex.ts';
import type { FunctionSpec, Param } from './types.ts';

const text = (name: string, extra: Partial<Param> = {}): Param => ({ name, type: 'string', ...extra });
const count = (name: string, extra: Partial<Param> = {}): Param => ({ name, type: 'int', ...extra });
const returns = (type: 'string' | 'int' | 'bool' | 'array', ...params: Param[]) => [{ params, returns: type }];

/** What LTrim, RTrim and Trim remove. */
const WHITESPACE = ' \t\n\r\v\f';

function trim(s: string, chars: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = s.length;
  if (start) while (from < to && chars.includes(s[from])) from++;
  if (end) while (to > from && chars.includes(s[to - 1])) to--;
  return s.slice(from, to);
}

/** ToUpper/ToLower change ASCII letters only; an all-ASCII string (the usual case) takes the native path. */
function asciiCase(s: string, upper: boolean): string {
  if (isAscii(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  return upper ? s.replace(/[a-z]+/g, (c) => c.toUpperCase()) : s.replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Pads `s` with `fill` to `n` characters, on the left or the right. A longer string is cut to
 * `n`: LPad keeps its first characters, RPad its last (the reference documents the cut, not
 * the end kept).
 */
function pad(s: string, fill: string, n: number, left: boolean): string {
  if (n <= 0) return '';
  if (s.length >= n) return left ? s.slice(0, n) : s.slice(s.length - n);
  checkLength(n);
  const padding = fill.repeat(n - s.length);
  return left ? padding + s : s + padding;
}

function padChar(args: ScriptValue[], left: boolean): string {
  const s = str(args, 0);
  const fill = str(args, 1);
  return fill === '' ? s : pad(s, fill[0], int(args, 2), left);
}

/** Start positions of `sub` in `s`, overlapping ones included ("aaaa" has "aa" at 0, 1, 2). */
function occurrences(s: string, sub: string): number[] {
  const found: number[] = [];
  if (sub === '') return found;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) found.push(i);
  return found;
}

function index(s: string, sub: string, n: number): number {
  if (sub === '') return n >= 0 ? 0 : s.length;
  const found = occurrences(s, sub);
  const pos = n >= 0 ? found[Math.max(n, 1) - 1] : found[found.length + n];
  return pos ?? -1;
}

function mid(s: string, start: number, n: number): string {
  const from = Math.max(start, 0);
  return n <= 0 ? '' : s.slice(from, from + n);
}

function split(s: string, delimiter: string): string[] {
  if (s === '') return [];
  if (delimiter === '') return [s];
  const parts = s.split(delimiter);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * One CSV line: fields separated by `delimiter`; a field starting with `qualifier` runs to the
 * closing qualifier, doubled qualifiers inside it standing for one. An unclosed field takes
 * the rest of the line.
 */
function splitCsv(line: string, delimiter: string, qualifier: string): string[] {
  if (line === '') return [];
  const fields: string[] = [];
  let field = '';
  let atStart = true;
  let quoted = false;
  for (let i = 0; i < line.length; ) {
    if (quoted && !line.startsWith(qualifier, i)) {
      field += line[i++];
    } else if (quoted) {
      // A doubled qualifier is one qualifier; a single one closes the field.
      quoted = line.startsWith(qualifier, i + qualifier.length);
      if (quoted) field += qualifier;
      i += quoted ? 2 * qualifier.length : qualifier.length;
    } else if (atStart && qualifier !== '' && line.startsWith(qualifier, i)) {
      quoted = true;
      atStart = false;
      i += qualifier.length;
    } else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      atStart = true;
      i += delimiter.length;
    } else {
      field += line[i++];
      atStart = false;
    }
  }
  fields.push(field);
  return fields;
}

function stringLengths(v: ScriptValue): ScriptValue {
  return Array.isArray(v) ? v.map(stringLengths) : toStr(v).length;
}

function replaceAll(s: string, old: string, replacement: string): string {
  if (old === '') return s;
  const parts = s.split(old);
  checkLength(s.length + (parts.length - 1) * (replacement.length - old.length));
  return parts.join(replacement);
}

const WORD = /(\p{L})(\p{L}*)/gu;

function toProper(s: string): string {
  return s.replace(WORD, (_w, first: string, rest: string) => first.toUpperCase() + rest.toLowerCase());
}

function truncate(s: string, first: number, last: number): string {
  const from = Math.max(first, 0);
  const to = s.length - Math.max(last, 0);
  return from >= to ? '' : s.slice(from, to);
}

/** Matches the whole string; capture groups go to the globals named by the arguments after the pattern. */
function regexMatch(args: ScriptValue[], env: ScriptEnv): number {
  const match = compileRegex(str(args, 1), { whole: true }, 1).exec(str(args, 0));
  if (!match) return -1;
  for (let i = 2; i < args.length && i - 1 < match.length; i++) {
    const name = str(args, i).replace(/^\$/, '');
    if (name !== '') env.globals.set(name, match[i - 1] ?? '');
  }
  return match.length - 1;
}

function regexReplace(s: string, pattern: string, format: string): string {
  const re = compileRegex(pattern, { global: true }, 1);
  const groups = groupCount(re);
  const out = s.replace(re, (...m: unknown[]) => {
    const offset = m[groups + 1] as number;
    const whole = m[0] as string;
    return expandFormat(format, m.slice(0, groups + 1) as (string | undefined)[], s.slice(0, offset), s.slice(offset + whole.length));
  });
  checkLength(out.length);
  return out;
}

const FORMAT_TOKEN = /\$(?:\{(\d+)\}|(\d+)|([$&`']))|\\(?:(\d)|([\s\S]))/g;
const FORMAT_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', e: '\x1b' };

/**
 * Boost's format syntax: `$n`, `${n}` and `\n` are group n (`$0`/`$&` the whole match), `$$` a
 * dollar, `` $` `` and `$'` the text before and after the match, `\t`-style escapes, and any
 * other escaped character itself. Conditionals (`?1x:y`) are not supported: literal text.
 */
function expandFormat(format: string, groups: (string | undefined)[], before: string, after: string): string {
  return format.replace(FORMAT_TOKEN, (_t, braced?: string, digits?: string, symbol?: string, escapedDigit?: string, escaped?: string) => {
    const group = braced ?? digits ?? escapedDigit;
    if (group !== undefined) return groups[Number(group)] ?? '';
    if (symbol === '$') return '$';
    if (symbol === '&') return groups[0] ?? '';
    if (symbol === '`') return before;
    if (symbol === "'") return after;
    return FORMAT_ESCAPES[escaped!] ?? escaped!;
  });
}

/**
 * Query parameters of a URL: the text after `?` (up to `#`), or the whole text when it has no
 * `?` and no `/` (a form body such as `a=1&b=2`). `+` is a space; %XX escapes are UTF-8.
 */
function queryParameters(url: string): { name: string; value: string }[] {
  const q = url.indexOf('?');
  if (q < 0 && url.includes('/')) return [];
  const query = url.slice(q + 1).split('#')[0];
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: decode(pair), value: '' } : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) };
    });
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    throw failed(`"${component}" is not valid URL encoding`, 0);
  }
}

function urlDecode(url: string, name: string): string {
  const wanted = name.toLowerCase();
  return queryParameters(url).find((p) => p.name.toLowerCase() === wanted)?.value ?? '';
}

const NEVER_ENCODED = /[A-Za-z0-9$\-_.+!*'(),]/;
const UNSAFE = ' "<>#%{}|\\^~[]`;';
const RESERVED = ';/?:@&=';

/** RFC 1738 encoding; option bit 1 keeps unsafe characters, bit 2 reserved ones. */
function urlEncode(s: string, option: number): string {
  if (option < 0 || option > 3) throw failed(`option ${option} is not 0, 1, 2 or 3`, 1);
  let out = '';
  for (const c of s) {
    const kept = NEVER_ENCODED.test(c) || ((option & 1) !== 0 && UNSAFE.includes(c)) || ((option & 2) !== 0 && RESERVED.includes(c));
    out += kept ? c : [...utf8Bytes(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

export const stringFunctions: FunctionSpec[] = [
  {
    name: 'CountSubString',
    category: 'string',
    summary: 'Counts the occurrences of a substring in a string, overlapping ones included; an empty substring counts 0.',
    signatures: returns('int', text('str'), text('subStr')),
    examples: [
      { code: 'CountSubString("Mississippi", "iss")', result: { type: 'int', value: 2 } },
      { code: 'CountSubString("aaaa", "aa")', result: { type: 'int', value: 3 } },
      { code: 'CountSubString("abc", "")', result: { type: 'int', value: 0 } },
    ],
    impl: (args) => occurrences(str(args, 0), str(args, 1)).length,
  },
  {
    name: 'DQuote',
    category: 'string',
    summary: 'Wraps a string in double quotes; quotes inside it are left as they are.',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'DQuote("abc")', result: { type: 'string', value: '"abc"' } },
      { code: "DQuote('say \"hi\"')", result: { type: 'string', value: '"say "hi""' } },
    ],
    impl: (args) => `"${str(args, 0)}"`,
  },
  {
    name: 'Format',
    category: 'string',
    summary:
      'Formats a value with a printf-style format (`%[flags][width][.precision]conv`), or a date value with a date format string. As the last call of a mapping formula it sets the output format of the target field.',
    signatures: returns('string', text('formatStr'), { name: 'de', type: 'type' }),
    examples: [
      { code: 'Format("%05.1f", 3.14159)', result: { type: 'string', value: '003.1' } },
      { code: 'Format("%-6d|", 42)', result: { type: 'string', value: '42    |' } },
      { code: 'Format("#%04X", 255)', result: { type: 'string', value: '#00FF' } },
      { code: 'Format("yyyy/mm/dd", Date("2024-03-05"))', result: { type: 'string', value: '2024/03/05' } },
    ],
    impl: (args) => {
      const value = args[1] ?? null;
      return value instanceof ScriptDate ? formatDate(value, str(args, 0)) : printf(str(args, 0), args, 1);
    },
  },
  {
    name: 'Index',
    category: 'string',
    summary:
      'Position of the n-th occurrence of a substring (0 acts as 1; a negative n counts from the end), or -1 when there are fewer occurrences.',
    signatures: returns('int', text('str'), text('subStr'), count('n', { optional: true, default: '1' })),
    examples: [
      { code: 'Index("Jitterbit", "t")', result: { type: 'int', value: 2 } },
      { code: 'Index("Jitterbit", "t", 3)', result: { type: 'int', value: 8 } },
      { code: 'Index("Jitterbit", "t", -1)', result: { type: 'int', value: 8 } },
      { code: 'Index("Jitterbit", "x")', result: { type: 'int', value: -1 } },
    ],
    impl: (args) => index(str(args, 0), str(args, 1), opt(args, 2, int, 1)),
  },
  {
    name: 'IsValidString',
    category: 'string',
    summary: 'True when every character is printable ASCII (32 to 126), a tab, a line feed or a carriage return.',
    signatures: returns('bool', text('str')),
    examples: [
      { code: 'IsValidString("Hello, world!\\n")', result: { type: 'bool', value: true } },
      { code: 'IsValidString("café")', result: { type: 'bool', value: false } },
      { code: 'IsValidString("")', result: { type: 'bool', value: true } },
    ],
    impl: (args) => /^[\t\n\r\x20-\x7e]*$/.test(str(args, 0)),
  },
  {
    name: 'Left',
    category: 'string',
    summary: 'The first n characters of a string; the whole string when it is shorter, "" when n ≤ 0.',
    signatures: returns('string', text('str'), count('n')),
    examples: [
      { code: 'Left("Jitterbit", 3)', result: { type: 'string', value: 'Jit' } },
      { code: 'Left("Jitterbit", 20)', result: { type: 'string', value: 'Jitterbit' } },
      { code: 'Left("Jitterbit", -1)', result: { type: 'string', value: '' } },
    ],
    impl: (args) => {
      const n = int(args, 1);
      return n <= 0 ? '' : str(args, 0).slice(0, n);
    },
  },
  {
    name: 'LPad',
    category: 'string',
    summary: 'Pads a string with spaces on the left to n characters; a longer string is cut to its first n characters.',
    signatures: returns('string', text('str'), count('n')),
    examples: [
      { code: 'LPad("abc", 6)', result: { type: 'string', value: '   abc' } },
      { code: 'LPad("abcdef", 3)', result: { type: 'string', value: 'abc' } },
    ],
    impl: (args) => pad(str(args, 0), ' ', int(args, 1), true),
  },
  {
    name: 'LPadChar',
    category: 'string',
    summary: 'Pads a string on the left with the first character of padChar to n characters; an empty padChar leaves the string as it is.',
    signatures: returns('string', text('str'), text('padChar'), count('n')),
    examples: [
      { code: 'LPadChar(42, "0", 5)', result: { type: 'string', value: '00042' } },
      { code: 'LPadChar("7", "xyz", 3)', result: { type: 'string', value: 'xx7' } },
      { code: 'LPadChar("7", "", 3)', result: { type: 'string', value: '7' } },
    ],
    impl: (args) => padChar(args, true),
  },
  {
    name: 'LTrim',
    category: 'string',
    summary: 'Removes leading white space (spaces, tabs, line breaks).',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'LTrim("  \\t abc  ")', result: { type: 'string', value: 'abc  ' } },
      { code: 'LTrim("abc")', result: { type: 'string', value: 'abc' } },
    ],
    impl: (args) => trim(str(args, 0), WHITESPACE, true, false),
  },
  {
    name: 'LTrimChars',
    category: 'string',
    summary: 'Removes leading characters that appear anywhere in trimChars.',
    signatures: returns('string', text('str'), text('trimChars')),
    examples: [
      { code: 'LTrimChars("::a:", ":")', result: { type: 'string', value: 'a:' } },
      { code: 'LTrimChars("0012300", "0")', result: { type: 'string', value: '12300' } },
    ],
    impl: (args) => trim(str(args, 0), str(args, 1), true, false),
  },
  {
    name: 'Mid',
    category: 'string',
    summary: 'Up to n characters starting at 0-based position m; "" when m is past the end or n ≤ 0.',
    signatures: returns('string', text('str'), count('m'), count('n')),
    examples: [
      { code: 'Mid("Jitterbit", 2, 3)', result: { type: 'string', value: 'tte' } },
      { code: 'Mid("Jitterbit", 6, 10)', result: { type: 'string', value: 'bit' } },
      { code: 'Mid("Jitterbit", 9, 1)', result: { type: 'string', value: '' } },
    ],
    impl: (args) => mid(str(args, 0), int(args, 1), int(args, 2)),
  },
  {
    name: 'ParseURL',
    category: 'string',
    summary:
      'The decoded values of the query parameters of a URL, in order; each element can also be read by its parameter name, case-insensitively (`a["id"]`).',
    signatures: returns('array', text('url')),
    examples: [
      { code: 'ParseURL("http://host/orders?id=12&name=A%20B")', result: { type: 'array', value: ['12', 'A B'] } },
      { code: 'a = ParseURL("http://host/?First=x&last=y"); a["first"]', result: { type: 'string', value: 'x' } },
      { code: 'ParseURL("http://host/path")', result: { type: 'array', value: [] } },
      { code: 'ParseURL("http://host/?q=%zz")', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => {
      const params = queryParameters(str(args, 0));
      return labelled(
        params.map((p) => p.value),
        params.map((p) => p.name),
      );
    },
  },
  {
    name: 'Quote',
    category: 'string',
    summary: 'Wraps a string in single quotes; quotes inside it are left as they are.',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'Quote("abc")', result: { type: 'string', value: "'abc'" } },
      { code: 'Quote("")', result: { type: 'string', value: "''" } },
    ],
    impl: (args) => `'${str(args, 0)}'`,
  },
  {
    name: 'RegExMatch',
    category: 'string',
    summary:
      'Matches a regular expression against the whole string. On a match, sets the globals named by the further arguments (without `$`) to the capture groups and returns the number of groups; otherwise returns -1.',
    signatures: returns('int', text('str'), text('regex'), text('var', { optional: true, rest: true, description: 'global names receiving groups 1, 2, …' })),
    examples: [
      { code: 'RegExMatch("[abc]", "(\\\\[)(.*)(\\\\])", "dummy", "value"); $value', result: { type: 'string', value: 'abc' } },
      { code: 'RegExMatch("[abc]", "(\\\\[)(.*)(\\\\])", "dummy", "value")', result: { type: 'int', value: 3 } },
      { code: 'RegExMatch("abc1", "[a-z]+")', result: { type: 'int', value: -1 } },
      { code: 'RegExMatch("x", "(")', error: 'SCRIPT_FAILED' },
    ],
    impl: (args, env) => regexMatch(args, env),
  },
  {
    name: 'RegExReplace',
    category: 'string',
    summary:
      'Replaces every match of a regular expression with a Boost format: `$1` or `\\1` for a group, `$&` for the match, `$$` for a dollar; an empty format deletes the matches.',
    signatures: returns('string', text('str'), text('regex'), text('format')),
    examples: [
      { code: 'RegExReplace("2024-03-05", "(\\\\d+)-(\\\\d+)-(\\\\d+)", "$3/$2/$1")', result: { type: 'string', value: '05/03/2024' } },
      { code: 'RegExReplace("a1b22c", "\\\\d+", "")', result: { type: 'string', value: 'abc' } },
      { code: 'RegExReplace("price 5", "\\\\d", "$$$&")', result: { type: 'string', value: 'price $5' } },
    ],
    impl: (args) => regexReplace(str(args, 0), str(args, 1), str(args, 2)),
  },
  {
    name: 'Replace',
    category: 'string',
    summary: 'Replaces every occurrence of a substring, left to right without overlaps; an empty substring changes nothing.',
    signatures: returns('string', text('str'), text('old'), text('new')),
    examples: [
      { code: 'Replace("a-b-c", "-", "+")', result: { type: 'string', value: 'a+b+c' } },
      { code: 'Replace("aaa", "aa", "b")', result: { type: 'string', value: 'ba' } },
      { code: 'Replace("abc", "", "x")', result: { type: 'string', value: 'abc' } },
    ],
    impl: (args) => replaceAll(str(args, 0), str(args, 1), str(args, 2)),
  },
  {
    name: 'Right',
    category: 'string',
    summary: 'The last n characters of a string; the whole string when it is shorter, "" when n ≤ 0.',
    signatures: returns('string', text('str'), count('n')),
    examples: [
      { code: 'Right("Jitterbit", 3)', result: { type: 'string', value: 'bit' } },
      { code: 'Right("Jitterbit", 20)', result: { type: 'string', value: 'Jitterbit' } },
      { code: 'Right("Jitterbit", 0)', result: { type: 'string', value: '' } },
    ],
    impl: (args) => {
      const s = str(args, 0);
      const n = int(args, 1);
      return n <= 0 ? '' : s.slice(Math.max(s.length - n, 0));
    },
  },
  {
    name: 'RPad',
    category: 'string',
    summary: 'Pads a string with spaces on the right to n characters; a longer string is cut to its last n characters.',
    signatures: returns('string', text('str'), count('n')),
    examples: [
      { code: 'RPad("abc", 6) + "|"', result: { type: 'string', value: 'abc   |' } },
      { code: 'RPad("abcdef", 3)', result: { type: 'string', value: 'def' } },
    ],
    impl: (args) => pad(str(args, 0), ' ', int(args, 1), false),
  },
  {
    name: 'RPadChar',
    category: 'string',
    summary: 'Pads a string on the right with the first character of padChar to n characters; an empty padChar leaves the string as it is.',
    signatures: returns('string', text('str'), text('padChar'), count('n')),
    examples: [
      { code: 'RPadChar("ab", ".", 5)', result: { type: 'string', value: 'ab...' } },
      { code: 'RPadChar("abc", "*", 2)', result: { type: 'string', value: 'bc' } },
    ],
    impl: (args) => padChar(args, false),
  },
  {
    name: 'RTrim',
    category: 'string',
    summary: 'Removes trailing white space (spaces, tabs, line breaks).',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'RTrim("  abc \\r\\n")', result: { type: 'string', value: '  abc' } },
      { code: 'RTrim("")', result: { type: 'string', value: '' } },
    ],
    impl: (args) => trim(str(args, 0), WHITESPACE, false, true),
  },
  {
    name: 'RTrimChars',
    category: 'string',
    summary: 'Removes trailing characters that appear anywhere in trimChars.',
    signatures: returns('string', text('str'), text('trimChars')),
    examples: [
      { code: 'RTrimChars("a:b::", ":")', result: { type: 'string', value: 'a:b' } },
      { code: 'RTrimChars("12.500", ".0")', result: { type: 'string', value: '12.5' } },
    ],
    impl: (args) => trim(str(args, 0), str(args, 1), false, true),
  },
  {
    name: 'Split',
    category: 'string',
    summary: 'Splits a string on every occurrence of a delimiter; a trailing delimiter adds no empty element and an empty string gives an empty array.',
    signatures: returns('array', text('str'), text('delimiter')),
    examples: [
      { code: 'Split("a,b,c", ",")', result: { type: 'array', value: ['a', 'b', 'c'] } },
      { code: 'Split("a,b,", ",")', result: { type: 'array', value: ['a', 'b'] } },
      { code: 'Split("a,,b", ",")', result: { type: 'array', value: ['a', '', 'b'] } },
      { code: 'Split("", ",")', result: { type: 'array', value: [] } },
    ],
    impl: (args) => split(str(args, 0), str(args, 1)),
  },
  {
    name: 'SplitCSV',
    category: 'string',
    summary: 'Splits one CSV line into fields, honouring the text qualifier (a doubled qualifier inside a qualified field stands for one).',
    signatures: returns('array', text('str'), text('delimiter', { optional: true, default: '","' }), text('qualifier', { optional: true, default: '"\\""' })),
    examples: [
      { code: 'SplitCSV("a,\\"b,c\\",d")', result: { type: 'array', value: ['a', 'b,c', 'd'] } },
      { code: 'SplitCSV("\\"say \\"\\"hi\\"\\"\\",x")', result: { type: 'array', value: ['say "hi"', 'x'] } },
      { code: "SplitCSV(\"1;'a;b';\", \";\", \"'\")", result: { type: 'array', value: ['1', 'a;b', ''] } },
    ],
    impl: (args) => {
      const delimiter = opt(args, 1, str, ',');
      if (delimiter === '') throw failed('the delimiter is empty', 1);
      return splitCsv(str(args, 0), delimiter, opt(args, 2, str, '"'));
    },
  },
  {
    name: 'StringLength',
    category: 'string',
    summary: 'The number of characters of a string; for an array, an array of the lengths of its elements (Length counts the elements instead).',
    signatures: [
      { params: [text('str')], returns: 'int' },
      { params: [{ name: 'arr', type: 'array' }], returns: 'array' },
    ],
    examples: [
      { code: 'StringLength("Jitterbit")', result: { type: 'int', value: 9 } },
      { code: 'StringLength({"a", "bcd", 12345})', result: { type: 'array', value: [1, 3, 5] } },
      { code: 'StringLength(Null())', result: { type: 'int', value: 0 } },
    ],
    impl: (args) => stringLengths(args[0] ?? null),
  },
  {
    name: 'ToLower',
    category: 'string',
    summary: 'Converts the ASCII letters A-Z to lower case; other characters are left as they are.',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'ToLower("Hello World")', result: { type: 'string', value: 'hello world' } },
      { code: 'ToLower("ÉCOLE")', result: { type: 'string', value: 'École' } },
    ],
    impl: (args) => asciiCase(str(args, 0), false),
  },
  {
    name: 'ToProper',
    category: 'string',
    summary: 'Capitalises the first letter of each word and lower-cases the others; anything that is not a letter separates words.',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'ToProper("hello WORLD")', result: { type: 'string', value: 'Hello World' } },
      { code: 'ToProper("mary-jane o\'neil")', result: { type: 'string', value: "Mary-Jane O'Neil" } },
    ],
    impl: (args) => toProper(str(args, 0)),
  },
  {
    name: 'ToUpper',
    category: 'string',
    summary: 'Converts the ASCII letters a-z to upper case; other characters are left as they are.',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'ToUpper("Hello World")', result: { type: 'string', value: 'HELLO WORLD' } },
      { code: 'ToUpper("école")', result: { type: 'string', value: 'éCOLE' } },
    ],
    impl: (args) => asciiCase(str(args, 0), true),
  },
  {
    name: 'Trim',
    category: 'string',
    summary: 'Removes leading and trailing white space (spaces, tabs, line breaks).',
    signatures: returns('string', text('str')),
    examples: [
      { code: 'Trim("  a b  ")', result: { type: 'string', value: 'a b' } },
      { code: 'Trim("\\t\\n")', result: { type: 'string', value: '' } },
    ],
    impl: (args) => trim(str(args, 0), WHITESPACE, true, true),
  },
  {
    name: 'TrimChars',
    category: 'string',
    summary: 'Removes leading and trailing characters that appear anywhere in trimChars.',
    signatures: returns('string', text('str'), text('trimChars')),
    examples: [
      { code: 'TrimChars("**a*b**", "*")', result: { type: 'string', value: 'a*b' } },
      { code: 'TrimChars("[x]", "[]")', result: { type: 'string', value: 'x' } },
    ],
    impl: (args) => trim(str(args, 0), str(args, 1), true, true),
  },
  {
    name: 'Truncate',
    category: 'string',
    summary: 'Removes firstChars characters from the start and lastChars from the end; "" when that removes everything.',
    signatures: returns('string', text('str'), count('firstChars'), count('lastChars')),
    examples: [
      { code: 'Truncate("Jitterbit", 2, 3)', result: { type: 'string', value: 'tter' } },
      { code: 'Truncate("abc", 2, 2)', result: { type: 'string', value: '' } },
    ],
    impl: (args) => truncate(str(args, 0), int(args, 1), int(args, 2)),
  },
  {
    name: 'URLDecode',
    category: 'string',
    summary: 'The decoded value of the named query parameter of a URL (name matched case-insensitively); "" when it is absent.',
    signatures: returns('string', text('url'), text('paramName')),
    examples: [
      { code: 'URLDecode("http://host/a?Name=Jo+Smith&x=1", "name")', result: { type: 'string', value: 'Jo Smith' } },
      { code: 'URLDecode("http://host/a?q=caf%C3%A9", "q")', result: { type: 'string', value: 'café' } },
      { code: 'URLDecode("http://host/a?x=1", "y")', result: { type: 'string', value: '' } },
    ],
    impl: (args) => urlDecode(str(args, 0), str(args, 1)),
  },
  {
    name: 'URLEncode',
    category: 'string',
    summary:
      'Percent-encodes a string as RFC 1738 says (space is %20). Option 0 encodes control, non-ASCII, reserved and unsafe characters; 1 keeps unsafe ones, 2 keeps reserved ones (; / ? : @ & =), 3 keeps both.',
    signatures: returns('string', text('str'), count('option', { optional: true, default: '0' })),
    examples: [
      { code: 'URLEncode("a b&c=d/é")', result: { type: 'string', value: 'a%20b%26c%3Dd%2F%C3%A9' } },
      { code: 'URLEncode("a b&c=d/é", 1)', result: { type: 'string', value: 'a b%26c%3Dd%2F%C3%A9' } },
      { code: 'URLEncode("a b&c=d/é", 2)', result: { type: 'string', value: 'a%20b&c=d/%C3%A9' } },
      { code: 'URLEncode("x", 4)', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => urlEncode(str(args, 0), opt(args, 1, int, 0)),
  },
];
