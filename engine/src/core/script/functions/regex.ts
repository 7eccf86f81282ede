/**
 * Regular expressions as the reference product writes them (Boost, Perl syntax), run on the
 * JavaScript engine. Boost's defaults differ from JavaScript's: `.` also matches line breaks
 * and `^`/`$` match at every line, so patterns get the `s` and `m` flags. A few Boost-only
 * forms are translated: a leading `(?i)`/`(?s)`/`(?m)` modifier group, `\A`, `\z`, `\Z` and
 * POSIX classes such as `[[:digit:]]`.
 */
import { failed } from '../errors.ts';

export interface RegexOptions {
  ignoreCase?: boolean;
  /** Every match (RegExReplace). */
  global?: boolean;
  /** The match must cover the whole text (RegExMatch, Validate); run it with `exec` once. */
  whole?: boolean;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

/** Anchors that Boost has and JavaScript (with the `m` flag) has not. */
const ANCHORS: Record<string, string> = {
  A: '(?<![\\s\\S])',
  z: '(?![\\s\\S])',
  Z: '(?=\\n?(?![\\s\\S]))',
};

const LEADING_MODIFIERS = /^\(\?([ims]+)\)/;

/** Compiles a Boost-style pattern; an invalid one fails with SCRIPT_FAILED naming `argument`. */
export function compileRegex(pattern: string, options: RegexOptions = {}, argument?: number): RegExp {
  let flags = new Set(['s', 'm']);
  let source = pattern;
  const modifiers = LEADING_MODIFIERS.exec(source);
  if (modifiers) {
    flags = new Set([...flags, ...modifiers[1]]);
    source = source.slice(modifiers[0].length);
  }
  if (options.ignoreCase) flags.add('i');
  if (options.global) flags.add('g');
  source = translate(source);
  if (options.whole) {
    flags.add('y');
    source = `(?:${source})(?![\\s\\S])`;
  }
  try {
    return new RegExp(source, [...flags].join(''));
  } catch (err) {
    throw failed(`invalid regular expression "${pattern}": ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, argument);
  }
}

/** The number of capture groups of a compiled pattern. */
export function groupCount(re: RegExp): number {
  return new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, '')).exec('')!.length - 1;
}

/**
 * Rewrites Boost-only anchors and POSIX classes, and a `]` first in a class (a literal in
 * Boost, an empty class in JavaScript); escapes and everything else are left alone.
 */
function translate(pattern: string): string {
  let out = '';
  let classStart = -1; // offset in `out` where the current class's members begin
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const inClass = classStart >= 0;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      out += !inClass && ANCHORS[next] ? ANCHORS[next] : c + next;
      i++;
    } else if (!inClass) {
      out += c;
      if (c === '[') {
        if (pattern[i + 1] === '^') out += pattern[++i];
        classStart = out.length;
      }
    } else if (c === ']' && out.length === classStart) {
      out += '\\]';
    } else if (c === ']') {
      out += c;
      classStart = -1;
    } else if (c === '[') {
      const posix = /^\[:(\w+):\]/.exec(pattern.slice(i));
      const range = posix ? POSIX_CLASSES[posix[1]] : undefined;
      out += range ?? '\\[';
      if (range !== undefined) i += posix![0].length - 1;
    } else {
      out += c;
    }
  }
  return out;
}
