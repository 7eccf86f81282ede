/**
 * The parser of Chorus Script: tokens to a syntax tree (ast.ts). It never throws for bad
 * input; it reports every error it finds with a range and carries on after the next `;` of
 * the script, so the editor can underline several mistakes at once.
 *
 * Precedence, lowest first (docs/script/language.md, "Operators"): assignment (right);
 * `&& & || |` (one shared left level); comparisons; `+ -`; `* /`; `!` (its operand is a whole
 * expression); `^` (left); unary `-`, `++`, `--`; indexing; calls, grouping and literals.
 */
import type { BinaryOp, Expr, Global, Index, Local, LogicalOp, Program } from './ast.ts';
import { LIMITS } from './env.ts';
import { lex, type Token } from './lexer.ts';

export interface ParseError {
  message: string;
  start: number;
  end: number;
}

export interface ParseResult {
  program: Program;
  errors: ParseError[];
}

/** Thrown inside the parser to abandon the current top-level expression. */
class Abandon {
  constructor(readonly error: ParseError) {}
}

const MISSING_OPERATOR = 'missing semicolon or operator between two operands';
const BAD_TARGET = 'the left hand side of the assignment operator must be a local or global data element';

const LOGICAL: Record<string, LogicalOp> = { '&&': '&&', '&': '&&', '||': '||', '|': '||' };
const COMPARISON = new Set(['==', '!=', '<', '>', '<=', '>=']);
const ADDITIVE = new Set(['+', '-']);
const MULTIPLICATIVE = new Set(['*', '/']);
const POWER = new Set(['^']);
const OPERAND_START = new Set(['number', 'string', 'bool', 'name', 'global', 'source']);

export function parseScript(source: string): ParseResult {
  const tokens = lex(source).filter((t) => t.kind !== 'comment');
  return new Parser(source, tokens).program();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly errors: ParseError[] = [];
  private readonly eof: Token;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {
    this.eof = { kind: 'text', text: '', start: source.length, end: source.length };
  }

  program(): ParseResult {
    const { source, tokens } = this;
    const program: Program = { kind: 'program', body: [], start: 0, end: source.length };
    const openAt = tokens.findIndex((t) => t.kind === 'open');
    if (source.trim() === '') this.report('the script is empty', 0, 0);
    if (openAt === -1) {
      program.literal = source;
      return { program, errors: this.errors };
    }
    for (const t of tokens.slice(0, openAt)) if (t.kind === 'close') this.report('</trans> comes before <trans>', t.start, t.end);
    this.pos = openAt + 1;
    program.body = this.statements();
    const close = this.peek();
    if (close.kind === 'close') {
      program.trans = { start: tokens[openAt].end, end: close.start };
      this.pos++;
    } else {
      this.report('missing closing tag </trans>', source.length, source.length);
    }
    for (const t of tokens.slice(this.pos)) {
      if (t.kind === 'open') this.report('a second <trans> tag: a script has one <trans> ... </trans> block', t.start, t.end);
      if (t.kind === 'close') this.report('a second </trans> tag: a script has one <trans> ... </trans> block', t.start, t.end);
    }
    return { program, errors: this.errors };
  }

  /** The `;`-separated expressions up to `</trans>`, recovering after each error. */
  private statements(): Expr[] {
    const body: Expr[] = [];
    while (!this.atEnd()) {
      if (this.isPunct(';')) {
        this.pos++;
        continue;
      }
      const first = this.pos;
      try {
        if (this.peek().kind === 'open') this.fail('a second <trans> tag: a script has one <trans> ... </trans> block', this.peek());
        const expr = this.expression();
        if (this.isPunct(';')) this.pos++;
        else if (!this.atEnd()) this.unexpectedAfterOperand('";" or the end of the script');
        body.push(expr);
      } catch (err) {
        if (!(err instanceof Abandon)) throw err;
        this.errors.push(err.error);
        this.recover(first);
      }
    }
    return body;
  }

  private atEnd(): boolean {
    const t = this.peek();
    return t === this.eof || t.kind === 'close';
  }

  /** Skips to just after the next `;` outside brackets at or after the error. */
  private recover(first: number): void {
    const errorAt = this.pos;
    let nesting = 0;
    for (let i = first; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind === 'close') {
        this.pos = i;
        break;
      }
      if (t.kind === 'punctuation') {
        if ('([{'.includes(t.text)) nesting++;
        else if (')]}'.includes(t.text)) nesting = Math.max(0, nesting - 1);
        else if (t.text === ';' && nesting === 0 && i >= errorAt) {
          this.pos = i + 1;
          break;
        }
      }
      this.pos = i + 1;
    }
    this.depth = 0;
  }

  // ---- expressions, lowest precedence first

  private expression(): Expr {
    this.enter();
    const left = this.binaryLevel(0);
    const t = this.peek();
    if (t.kind === 'operator' && (t.text === '=' || t.text === '+=' || t.text === '-=')) {
      const target = this.assignable(left);
      if (!target) this.fail(BAD_TARGET, left);
      this.pos++;
      const value = this.expression();
      this.depth--;
      return { kind: 'assign', op: t.text, target, value, start: left.start, end: value.end };
    }
    this.depth--;
    return left;
  }

  /** The left-associative binary levels: 0 logical, 1 comparison, 2 additive, 3 multiplicative (then powerLevel). */
  private binaryLevel(level: number): Expr {
    const operand = () => (level === 3 ? this.powerLevel() : this.binaryLevel(level + 1));
    const ops = [undefined, COMPARISON, ADDITIVE, MULTIPLICATIVE][level];
    let left = operand();
    let added = 0;
    for (let t = this.peek(); t.kind === 'operator' && (ops ? ops.has(t.text) : t.text in LOGICAL); t = this.peek()) {
      this.pos++;
      this.enter();
      added++;
      const right = operand();
      left = ops
        ? { kind: 'binary', op: t.text as BinaryOp, left, right, start: left.start, end: right.end }
        : { kind: 'logical', op: LOGICAL[t.text], left, right, start: left.start, end: right.end };
    }
    this.depth -= added;
    return left;
  }

  private powerLevel(): Expr {
    let left = this.unary();
    let added = 0;
    while (this.isOperator(POWER)) {
      this.pos++;
      this.enter();
      added++;
      const right = this.unary();
      left = { kind: 'binary', op: '^', left, right, start: left.start, end: right.end };
    }
    this.depth -= added;
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind !== 'operator' || !['!', '-', '++', '--'].includes(t.text)) return this.postfix();
    this.pos++;
    this.enter();
    let node: Expr;
    if (t.text === '!') {
      // Quirk of the reference product: the operand of ! is a whole expression.
      const operand = this.expression();
      node = { kind: 'unary', op: '!', operand, start: t.start, end: operand.end };
    } else if (t.text === '-') {
      const operand = this.unary();
      node = { kind: 'unary', op: '-', operand, start: t.start, end: operand.end };
    } else {
      const operand = this.unary();
      const target = this.assignable(operand);
      if (!target) this.fail(`Invalid argument to operator ${t.text}: it must be a variable or an array element`, operand);
      node = { kind: 'update', op: t.text as '++' | '--', prefix: true, target, start: t.start, end: operand.end };
    }
    this.depth--;
    return node;
  }

  private postfix(): Expr {
    let expr = this.primary();
    let added = 0;
    while (this.isPunct('[')) {
      this.pos++;
      this.enter();
      added++;
      const index = this.expression();
      const close = this.expect(']', 'expected "]" to close the index');
      expr = { kind: 'index', target: expr, index, start: expr.start, end: close.end };
    }
    this.depth -= added;
    const t = this.peek();
    if (t.kind === 'operator' && (t.text === '++' || t.text === '--')) {
      if (expr.kind !== 'local' && expr.kind !== 'global') this.fail(`Invalid argument to operator ${t.text}: it must be a variable (write ${t.text} before an array element)`, { start: expr.start, end: t.end });
      this.pos++;
      return { kind: 'update', op: t.text, prefix: false, target: expr, start: expr.start, end: t.end };
    }
    return expr;
  }

  private primary(): Expr {
    const t = this.peek();
    const range = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'number':
        this.pos++;
        return { kind: 'number', value: t.value as number, isDouble: t.text.includes('.'), ...range };
      case 'string':
        this.pos++;
        return { kind: 'string', value: t.value as string, ...range };
      case 'bool':
        this.pos++;
        return { kind: 'bool', value: t.value as boolean, ...range };
      case 'global':
        this.pos++;
        return { kind: 'global', name: t.value as string, ...range };
      case 'source':
        this.pos++;
        return { kind: 'source', path: t.text, ...range };
      case 'name':
        this.pos++;
        return this.isPunct('(') ? this.call(t) : { kind: 'local', name: t.text, ...range };
      case 'invalid':
        return this.fail(t.message ?? 'invalid token', t);
      case 'punctuation':
        if (t.text === '(') return this.group(t);
        if (t.text === '{') return this.array(t);
        break;
      case 'close':
        return this.fail('the script ends in the middle of an expression', t);
      case 'open':
        return this.fail('a second <trans> tag: a script has one <trans> ... </trans> block', t);
    }
    if (t === this.eof) return this.fail('the script ends in the middle of an expression', t);
    return this.fail(`expected an expression, found "${t.text}"`, t);
  }

  private group(open: Token): Expr {
    this.pos++;
    if (this.isPunct(')')) this.fail('empty parentheses: put an expression between ( and )', { start: open.start, end: this.peek().end });
    const inner = this.expression();
    this.expect(')', 'expected ")" to close the parenthesis');
    return inner;
  }

  private call(name: Token): Expr {
    this.pos++;
    const args = this.list(')', `expected ")" to close the call to ${name.text}`, 'argument');
    return { kind: 'call', name: name.text, nameRange: { start: name.start, end: name.end }, args, start: name.start, end: this.tokens[this.pos - 1].end };
  }

  private array(open: Token): Expr {
    this.pos++;
    const elements = this.list('}', 'expected "}" to close the array', 'array member');
    return { kind: 'array', elements, start: open.start, end: this.tokens[this.pos - 1].end };
  }

  /** Comma-separated members up to `closer` (consumed); each may be a `;` sequence. */
  private list(closer: string, unclosed: string, what: string): Expr[] {
    const items: Expr[] = [];
    if (this.isPunct(closer)) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.member(closer, what));
      if (this.isPunct(',')) {
        this.pos++;
        continue;
      }
      if (this.isPunct(closer)) {
        this.pos++;
        return items;
      }
      this.unexpectedAfterOperand(`"," or "${closer}"`, unclosed);
    }
  }

  private member(closer: string, what: string): Expr {
    const body: Expr[] = [];
    for (;;) {
      if (this.isPunct(';')) {
        this.pos++;
        continue;
      }
      if (this.isPunct(',') || this.isPunct(closer)) break;
      body.push(this.expression());
      if (!this.isPunct(';')) break;
    }
    if (body.length === 0) this.fail(`missing ${what}`, this.peek());
    if (body.length === 1) return body[0];
    return { kind: 'sequence', body, start: body[0].start, end: body[body.length - 1].end };
  }

  // ---- helpers

  /** The expression as an assignment target, or undefined when it cannot be one. */
  private assignable(e: Expr): Local | Global | Index | undefined {
    if (e.kind === 'local' || e.kind === 'global') return e;
    if (e.kind !== 'index') return undefined;
    let base: Expr = e;
    while (base.kind === 'index') base = base.target;
    return base.kind === 'local' || base.kind === 'global' ? e : undefined;
  }

  private enter(): void {
    if (++this.depth > LIMITS.expressionDepth) this.fail(`the expression is nested too deeply (more than ${LIMITS.expressionDepth} levels)`, this.peek());
  }

  private peek(): Token {
    return this.tokens[this.pos] ?? this.eof;
  }

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punctuation' && t.text === text;
  }

  private isOperator(ops: Set<string>): boolean {
    const t = this.peek();
    return t.kind === 'operator' && ops.has(t.text);
  }

  private expect(text: string, message: string): Token {
    const t = this.peek();
    if (t.kind === 'punctuation' && t.text === text) {
      this.pos++;
      return t;
    }
    return this.unexpectedAfterOperand(`"${text}"`, message);
  }

  /** After a complete operand: another operand means a missing `;` or operator. */
  private unexpectedAfterOperand(expected: string, message = `expected ${expected}`): never {
    const t = this.peek();
    if (startsOperand(t)) this.fail(MISSING_OPERATOR, t);
    if (t.kind === 'invalid') this.fail(t.message ?? 'invalid token', t);
    return this.fail(t === this.eof ? `${message}, but the script ends` : `${message}, found "${t.text}"`, t);
  }

  private fail(message: string, at: { start: number; end: number }): never {
    throw new Abandon({ message, start: at.start, end: at.end });
  }

  private report(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end });
  }
}

function startsOperand(t: Token): boolean {
  if (OPERAND_START.has(t.kind)) return true;
  if (t.kind === 'punctuation') return t.text === '(' || t.text === '{';
  return t.kind === 'operator' && t.text === '!';
}
