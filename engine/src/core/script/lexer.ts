/**
 * The lexer of Chorus Script (docs/script/language.md, "Lexical elements"). It never throws:
 * a malformed token becomes an `invalid` token carrying its message, so the parser reports it
 * with a range and the editor can still highlight the rest.
 */

export type TokenKind =
  /** Text outside the `<trans>` tags (ignored), or the whole source when it has no tags. */
  | 'text'
  | 'open'
  | 'close'
  | 'comment'
  | 'number'
  | 'string'
  | 'bool'
  | 'name'
  | 'global'
  /** A source reference of a mapping formula: `_Root$Header$Value`, `root$item#.id`. */
  | 'source'
  | 'operator'
  | 'punctuation'
  | 'invalid';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  start: number;
  end: number;
  /** number: its value; string: escapes resolved; bool; global: the name without `$`. */
  value?: number | string | boolean;
  /** Why an `invalid` token is invalid. */
  message?: string;
}

const OPEN = '<trans>';
const CLOSE = '</trans>';

const OPERATORS = ['+=', '-=', '++', '--', '&&', '||', '==', '!=', '<=', '>=', '=', '+', '-', '*', '/', '^', '!', '<', '>', '&', '|'];
const PUNCTUATION = '(){}[],;';
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isNameChar = (c: string) => isLetter(c) || isDigit(c) || c === '_';
const isGlobalChar = (c: string) => isNameChar(c) || '.:#@%?~`'.includes(c);
const isPathChar = (c: string) => isNameChar(c) || c === '$' || c === '.' || c === '#';
/** Characters that make a number an "unknown token" when they follow it directly. */
const isNumberSuffix = (c: string) => c !== '' && (isLetter(c) || '`~@#$%_:?('.includes(c));
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let inScript = false;
  const push = (kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}) => {
    tokens.push({ kind, text: source.slice(start, end), start, end, ...extra });
    pos = end;
  };

  while (pos < source.length) {
    if (!inScript) {
      const tag = nextTag(source, pos);
      if (!tag) {
        push('text', pos, source.length);
        break;
      }
      if (tag.at > pos) push('text', pos, tag.at);
      push(tag.open ? 'open' : 'close', tag.at, tag.at + (tag.open ? OPEN.length : CLOSE.length));
      inScript = tag.open;
      continue;
    }
    const c = source[pos];
    if (isSpace(c)) {
      pos++;
    } else if (source.startsWith(OPEN, pos)) {
      push('open', pos, pos + OPEN.length);
    } else if (source.startsWith(CLOSE, pos)) {
      push('close', pos, pos + CLOSE.length);
      inScript = false;
    } else if (source.startsWith('//', pos)) {
      push('comment', pos, lineCommentEnd(source, pos));
    } else if (source.startsWith('/*', pos)) {
      const close = source.indexOf('*/', pos + 2);
      push('comment', pos, close === -1 ? source.length : close + 2);
    } else if (isDigit(c) || (c === '.' && isDigit(source[pos + 1] ?? ''))) {
      lexNumber(source, pos, push);
    } else if (isLetter(c) || c === '_') {
      lexName(source, pos, push);
    } else if (c === '$') {
      let end = pos + 1;
      while (end < source.length && isGlobalChar(source[end])) end++;
      push('global', pos, end, { value: source.slice(pos + 1, end) });
    } else if (c === '"' || c === "'") {
      lexString(source, pos, push);
    } else if (PUNCTUATION.includes(c)) {
      push('punctuation', pos, pos + 1);
    } else if ((c === '*' || c === '/') && source[pos + 1] === '=') {
      push('invalid', pos, pos + 2, { message: `${c}= does not exist: write x = x ${c} y` });
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, pos));
      if (op) push('operator', pos, pos + op.length);
      else push('invalid', pos, pos + 1, { message: `unexpected character "${c}"` });
    }
  }
  return tokens;
}

function nextTag(source: string, from: number): { at: number; open: boolean } | undefined {
  const open = source.indexOf(OPEN, from);
  const close = source.indexOf(CLOSE, from);
  if (open === -1 && close === -1) return undefined;
  if (close === -1 || (open !== -1 && open < close)) return { at: open, open: true };
  return { at: close, open: false };
}

/** A `//` comment ends at the line break, or before `</trans>` so one-line formulas can end with a comment. */
function lineCommentEnd(source: string, from: number): number {
  const newline = source.indexOf('\n', from);
  const close = source.indexOf(CLOSE, from);
  const end = newline === -1 ? source.length : newline;
  return close !== -1 && close < end ? close : end;
}

type Push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) => void;

function lexNumber(source: string, start: number, push: Push): void {
  let end = start;
  while (isDigit(source[end] ?? '')) end++;
  if (source[end] === '.') {
    end++;
    while (isDigit(source[end] ?? '')) end++;
  }
  const next = source[end] ?? '';
  if (next === '.') {
    while (isDigit(source[end] ?? '') || source[end] === '.') end++;
    push('invalid', start, end, { message: `undefined token "${source.slice(start, end)}"` });
  } else if (isNumberSuffix(next)) {
    end++;
    while (end < source.length && (isNameChar(source[end]) || '`~@#$%:?'.includes(source[end]))) end++;
    push('invalid', start, end, { message: `unknown token "${source.slice(start, end)}": a number cannot be followed by "${next}"` });
  } else {
    push('number', start, end, { value: Number(source.slice(start, end)) });
  }
}

function lexName(source: string, start: number, push: Push): void {
  let end = start + 1;
  while (isNameChar(source[end] ?? '')) end++;
  const next = source[end];
  if (next === '$' || next === '.' || next === '#') {
    while (isPathChar(source[end] ?? '')) end++;
    push('source', start, end);
    return;
  }
  const text = source.slice(start, end);
  if (text === 'true' || text === 'false') push('bool', start, end, { value: text === 'true' });
  else push('name', start, end);
}

function lexString(source: string, start: number, push: Push): void {
  const quote = source[start];
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === quote) {
      push('string', start, i + 1, { value });
      return;
    }
    if (c === '\\' && i + 1 < source.length) {
      const escaped = ESCAPES[source[i + 1]];
      value += escaped ?? source.slice(i, i + 2);
      i += 2;
      continue;
    }
    // Single-quoted literals drop raw line breaks and turn a raw CR into a space (quirk).
    if (quote !== "'" || (c !== '\n' && c !== '\r')) value += c;
    else if (c === '\r') value += ' ';
    i++;
  }
  push('invalid', start, source.length, { message: `the string starting here is not closed: add ${quote}` });
}
