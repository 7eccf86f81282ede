import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.ts';
import { LIMITS } from './env.ts';
import { parseScript } from './parser.ts';

/** A compact prefix form of an expression, to assert precedence. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
    case 'bool':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'local':
      return e.name;
    case 'global':
      return `$${e.name}`;
    case 'source':
      return `@${e.path}`;
    case 'array':
      return `{${e.elements.map(show).join(' ')}}`;
    case 'sequence':
      return `(seq ${e.body.map(show).join(' ')})`;
    case 'index':
      return `${show(e.target)}[${show(e.index)}]`;
    case 'call':
      return `${e.name}(${e.args.map(show).join(' ')})`;
    case 'unary':
      return `(${e.op} ${show(e.operand)})`;
    case 'update':
      return e.prefix ? `(${e.op}pre ${show(e.target)})` : `(${e.op}post ${show(e.target)})`;
    case 'binary':
    case 'logical':
    case 'assign':
      return `(${e.op} ${show(e.kind === 'assign' ? e.target : e.left)} ${show(e.kind === 'assign' ? e.value : e.right)})`;
  }
}

function parse(body: string): string[] {
  const { program, errors } = parseScript(`<trans>${body}</trans>`);
  expect(errors).toEqual([]);
  return program.body.map(show);
}

/** Errors of a body, with ranges relative to the body. */
function errorsOf(body: string): { message: string; text: string }[] {
  const source = `<trans>${body}</trans>`;
  return parseScript(source).errors.map((e) => ({ message: e.message, text: source.slice(e.start, e.end) }));
}

describe('parseScript: program structure', () => {
  it('parses the expressions between the tags and records their range', () => {
    const { program, errors } = parseScript('x <trans> 1; 2; </trans> y');
    expect(errors).toEqual([]);
    expect(program.body.map(show)).toEqual(['1', '2']);
    expect(program.trans).toEqual({ start: 9, end: 16 });
    expect(program.literal).toBeUndefined();
  });

  it('allows empty statements and an empty body', () => {
    expect(parse(';;1;;')).toEqual(['1']);
    expect(parse('')).toEqual([]);
  });

  it('makes a source without <trans> a literal', () => {
    const { program, errors } = parseScript('Hello, world');
    expect(errors).toEqual([]);
    expect(program).toMatchObject({ literal: 'Hello, world', body: [] });
  });

  it('reports an empty source', () => {
    expect(parseScript('').errors).toEqual([{ message: 'the script is empty', start: 0, end: 0 }]);
  });

  it('reports a missing closing tag at the end of the source', () => {
    expect(parseScript('<trans>1').errors).toEqual([{ message: 'missing closing tag </trans>', start: 8, end: 8 }]);
  });

  it('reports second tags', () => {
    const source = '<trans>1</trans><trans>2</trans>';
    expect(parseScript(source).errors.map((e) => [e.message.split(':')[0], e.start])).toEqual([
      ['a second <trans> tag', 16],
      ['a second </trans> tag', 24],
    ]);
    expect(parseScript('<trans>1; <trans> 2</trans>').errors[0]).toMatchObject({ message: expect.stringMatching(/^a second <trans> tag/), start: 10, end: 17 });
  });

  it('reports a </trans> before <trans>', () => {
    expect(parseScript('</trans><trans>1</trans>').errors[0]).toMatchObject({ message: '</trans> comes before <trans>', start: 0, end: 8 });
  });

  it('ignores comments', () => {
    expect(parse('1 /* a */ + // b\n 2')).toEqual(['(+ 1 2)']);
  });
});

describe('parseScript: precedence', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
    ['a = b = 1', '(= a (= b 1))'],
    ['a += 1', '(+= a 1)'],
    ['$g -= 1', '(-= $g 1)'],
    ['a && b || c', '(|| (&& a b) c)'],
    ['a || b && c', '(&& (|| a b) c)'],
    ['a & b | c', '(|| (&& a b) c)'],
    ['a < b == c', '(== (< a b) c)'],
    ['a + 1 < b * 2', '(< (+ a 1) (* b 2))'],
    ['x = a == b', '(= x (== a b))'],
    ['!a == b', '(! (== a b))'],
    ['!x && y', '(! (&& x y))'],
    ['(!x) && y', '(&& (! x) y)'],
    ['1 + !x + 2', '(+ 1 (! (+ x 2)))'],
    ['2^3^2', '(^ (^ 2 3) 2)'],
    ['-2^2', '(^ (- 2) 2)'],
    ['2 * 3^2', '(* 2 (^ 3 2))'],
    ['- -x', '(- (- x))'],
    ['-a[1]', '(- a[1])'],
    ['a[1][2]', 'a[1][2]'],
    ['x++ + 1', '(+ (++post x) 1)'],
    ['++a[2]', '(++pre a[2])'],
    ['--$g', '(--pre $g)'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['f(1, a; b, {1, {2}})', 'f(1 (seq a b) {1 {2}})'],
    ['{a = 1; a}', '{(seq (= a 1) a)}'],
    ['While(i < 3, i++;)', 'While((< i 3) (++post i))'],
    ['Left(s, 1)[0]', 'Left(s 1)[0]'],
    ['_Root$a$b + 1', '(+ @_Root$a$b 1)'],
  ])('%s', (body, tree) => {
    expect(parse(body)).toEqual([tree]);
  });

  it('marks number literals written with a dot as doubles', () => {
    const { program } = parseScript('<trans>1; 1.; 1.5</trans>');
    expect(program.body.map((e) => e.kind === 'number' && e.isDouble)).toEqual([false, true, true]);
  });

  it('records node ranges and the name range of calls', () => {
    const { program } = parseScript('<trans> Left("abc", 2) + x</trans>');
    const sum = program.body[0];
    expect(sum).toMatchObject({ kind: 'binary', start: 8, end: 26 });
    expect(sum.kind === 'binary' && sum.left).toMatchObject({ kind: 'call', start: 8, end: 22, nameRange: { start: 8, end: 12 } });
  });
});

describe('parseScript: errors', () => {
  it.each([
    ['a b', 'missing semicolon or operator between two operands', 'b'],
    ['1 "x"', 'missing semicolon or operator between two operands', '"x"'],
    ['f() (1)', 'missing semicolon or operator between two operands', '('],
    ['f(a b)', 'missing semicolon or operator between two operands', 'b'],
    ['()', 'empty parentheses: put an expression between ( and )', '()'],
    ['a *= 2', '*= does not exist: write x = x * y', '*='],
    ['a /= 2', '/= does not exist: write x = x / y', '/='],
    ['1 + 2 = 3', 'the left hand side of the assignment operator must be a local or global data element', '1 + 2'],
    ['f() = 3', 'the left hand side of the assignment operator must be a local or global data element', 'f()'],
    ['f()[0] = 3', 'the left hand side of the assignment operator must be a local or global data element', 'f()[0]'],
    ['5++', 'Invalid argument to operator ++: it must be a variable (write ++ before an array element)', '5++'],
    ['a[2]++', 'Invalid argument to operator ++: it must be a variable (write ++ before an array element)', 'a[2]++'],
    ['--5', 'Invalid argument to operator --: it must be a variable or an array element', '5'],
    ['Left("a", 1', 'expected ")" to close the call to Left, found "</trans>"', '</trans>'],
    ['{1, 2', 'expected "}" to close the array, found "</trans>"', '</trans>'],
    ['a[1', 'expected "]" to close the index, found "</trans>"', '</trans>'],
    ['(1 + 2', 'expected ")" to close the parenthesis, found "</trans>"', '</trans>'],
    ['f(1,)', 'missing argument', ')'],
    ['{,1}', 'missing array member', ','],
    ['1 +', 'the script ends in the middle of an expression', '</trans>'],
    ['x = ;', 'expected an expression, found ";"', ';'],
    ['12abc', 'unknown token "12abc": a number cannot be followed by "a"', '12abc'],
    ['1.2.3', 'undefined token "1.2.3"', '1.2.3'],
    ['a : b', 'unexpected character ":"', ':'],
    ['a % b', 'unexpected character "%"', '%'],
  ])('%s', (body, message, text) => {
    expect(errorsOf(body)).toEqual([{ message, text }]);
  });

  it('recovers after the next ; and reports several errors', () => {
    const source = '<trans>\na b;\nok = 1;\nf(1, (2 3); c);\n)\n</trans>';
    const { program, errors } = parseScript(source);
    expect(errors.map((e) => [e.message, source.slice(e.start, e.end)])).toEqual([
      ['missing semicolon or operator between two operands', 'b'],
      ['missing semicolon or operator between two operands', '3'],
      ['expected an expression, found ")"', ')'],
    ]);
    expect(program.body.map(show)).toEqual(['(= ok 1)']);
  });

  it('reports an error in an unterminated string and the missing closing tag', () => {
    expect(parseScript('<trans>x = "abc</trans>').errors.map((e) => e.message)).toEqual([
      'the string starting here is not closed: add "',
      'missing closing tag </trans>',
    ]);
  });

  it('reports expressions nested deeper than the limit instead of overflowing the stack', () => {
    const deep = (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`;
    expect(parseScript(`<trans>${deep(LIMITS.expressionDepth - 5)}</trans>`).errors).toEqual([]);
    expect(parseScript(`<trans>${deep(LIMITS.expressionDepth + 5)}</trans>`).errors[0].message).toMatch(/nested too deeply/);
    expect(parseScript(`<trans>${'-'.repeat(5000)}1</trans>`).errors[0].message).toMatch(/nested too deeply/);
    expect(parseScript(`<trans>${'!'.repeat(5000)}1</trans>`).errors[0].message).toMatch(/nested too deeply/);
    expect(parseScript(`<trans>1${' + 1'.repeat(5000)}</trans>`).errors[0].message).toMatch(/nested too deeply/);
    expect(parseScript(`<trans>a${'[0]'.repeat(5000)}</trans>`).errors[0].message).toMatch(/nested too deeply/);
  });
});
