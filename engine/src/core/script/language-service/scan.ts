/**
 * The lexer's tokens seen from the editor. Completion and signature help work on tokens,
 * not on the tree, because the script is half-typed when they are asked for (`Left(` with
 * no closing parenthesis, a string not closed yet); the lexer never throws and classifies
 * such text anyway.
 */
import { lex, type Token } from '../lexer.ts';

export type { Token };

export interface Scan {
  tokens: Token[];
  /** The first `<trans>` tag and the `</trans>` after it, when present. */
  open?: Token;
  close?: Token;
}

export function scan(source: string): Scan {
  const tokens = lex(source);
  const open = tokens.find((t) => t.kind === 'open');
  const close = open && tokens.find((t) => t.kind === 'close' && t.start >= open.end);
  return { tokens, open, close };
}

/** The token that contains `offset` or ends exactly at it (the word being typed). */
export function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  for (const t of tokens) {
    if (t.start < offset && offset <= t.end) return t;
    if (t.start >= offset) break;
  }
  return undefined;
}

/** A string whose closing quote is missing: the lexer makes it an `invalid` token. */
function isOpenString(t: Token): boolean {
  return t.kind === 'invalid' && (t.text.startsWith('"') || t.text.startsWith("'"));
}

/**
 * Whether a cursor at `offset` is inside a string or comment (not just after it). A line
 * comment and an unclosed string or block comment still hold a cursor at their end.
 */
export function insideLiteral(t: Token, offset: number): boolean {
  const isString = t.kind === 'string' || isOpenString(t);
  if (!isString && t.kind !== 'comment') return false;
  if (!(t.start < offset && offset <= t.end)) return false;
  if (offset < t.end) return true;
  if (isOpenString(t) || t.text.startsWith('//')) return true;
  return t.text.startsWith('/*') && !(t.text.length >= 4 && t.text.endsWith('*/'));
}

/** Whether `offset` is inside the script body: after `<trans>` and not after `</trans>`. */
export function inBody(s: Scan, offset: number): boolean {
  return s.open !== undefined && offset >= s.open.end && (s.close === undefined || offset <= s.close.start);
}
