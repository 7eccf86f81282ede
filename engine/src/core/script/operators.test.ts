import { describe, expect, it } from 'vitest';
import type { BinaryOp } from './ast.ts';
import { parseDate } from './convert.ts';
import { LIMITS } from './env.ts';
import { ScriptError } from './errors.ts';
import { binary, compareValues, equals, logicalTruth, looseEquals, negate, not, step } from './operators.ts';
import { ScriptDate, ScriptDict, toTyped, type ScriptValue } from './values.ts';

const date = (text: string): ScriptDate => parseDate(text) ?? expect.fail(`bad date ${text}`);
const y2k = date('2000-01-01 00:00:00');
const y2kSeconds = 946_684_800;
const bytes = (...values: number[]) => new Uint8Array(values);

function dict(entries: Record<string, ScriptValue> = {}): ScriptDict {
  const d = new ScriptDict();
  for (const [k, v] of Object.entries(entries)) d.set(k, v);
  return d;
}

/** The error code a call throws (tests match codes, not wording). */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ScriptError) return e.code;
    throw e;
  }
  return 'no error';
}

const typed = (op: BinaryOp, a: ScriptValue, b: ScriptValue) => toTyped(binary(op, a, b));

describe('binary: numbers', () => {
  it.each([
    ['+', 2, 3, 5],
    ['-', 2, 3, -1],
    ['*', 2, 3, 6],
    ['/', 6, 3, 2],
    ['/', 5, 2, 2.5],
    ['^', 2, 10, 1024],
    ['^', 4, 0.5, 2],
    ['^', 2, -1, 0.5],
    ['==', 2, 2, true],
    ['!=', 2, 2, false],
    ['<', 1.5, 2, true],
    ['>', 1.5, 2, false],
    ['<=', 2, 2, true],
    ['>=', 1, 2, false],
  ] as [BinaryOp, number, number, ScriptValue][])('%s %s %s = %s', (op, a, b, result) => {
    expect(binary(op, a, b)).toBe(result);
  });

  it('divides by zero as an error, also 0/0', () => {
    expect(codeOf(() => binary('/', 1, 0))).toBe('SCRIPT_DIVISION_BY_ZERO');
    expect(codeOf(() => binary('/', 0, 0))).toBe('SCRIPT_DIVISION_BY_ZERO');
  });

  it('never produces -0', () => {
    expect(Object.is(binary('*', 0, -5), 0)).toBe(true);
    expect(Object.is(binary('/', 0, -5), 0)).toBe(true);
  });
});

describe('binary: strings', () => {
  it('concatenates with +', () => {
    expect(binary('+', 'ab', 'cd')).toBe('abcd');
  });

  it('compares by code unit, case-sensitive', () => {
    expect(binary('<', 'B', 'a')).toBe(true);
    expect(binary('<', '10', '9')).toBe(true);
    expect(binary('==', 'a', 'A')).toBe(false);
    expect(binary('>=', 'b', 'b')).toBe(true);
  });

  it.each(['-', '*', '/', '^'] as BinaryOp[])('rejects %s', (op) => {
    expect(codeOf(() => binary(op, '6', '3'))).toBe('SCRIPT_TYPE');
  });

  it('stops a concatenation longer than the string limit', () => {
    const long = 'x'.repeat(LIMITS.stringLength);
    expect(codeOf(() => binary('+', long, 'y'))).toBe('SCRIPT_LIMIT');
    expect(codeOf(() => binary('+', long, 1))).toBe('SCRIPT_LIMIT');
    expect(binary('+', long, '')).toHaveLength(LIMITS.stringLength);
  });
});

describe('binary: string with number or bool', () => {
  it('concatenates the printed number or 1/0 in either order', () => {
    expect(binary('+', 'a', 1)).toBe('a1');
    expect(binary('+', 1, 'a')).toBe('1a');
    expect(binary('+', 'x', 0.5)).toBe('x0.5');
    expect(binary('+', 'x', true)).toBe('x1');
    expect(binary('+', false, 'x')).toBe('0x');
  });

  it('compares a number with the string numeric prefix', () => {
    expect(binary('==', 1234, '1234abc')).toBe(true);
    expect(binary('==', 0, 'abc')).toBe(true);
    expect(binary('!=', '5', 5)).toBe(false);
    expect(binary('<', '9', 10)).toBe(true);
    expect(binary('>=', 10, '9x')).toBe(true);
  });

  it('compares a string with a bool by truthiness for ==, numerically for ordering', () => {
    expect(binary('==', 'true', true)).toBe(true);
    expect(binary('==', 'T', true)).toBe(true);
    expect(binary('==', '0', false)).toBe(true);
    expect(binary('<', 'true', true)).toBe(true); // "true" is 0 numerically
    expect(binary('>', '2', true)).toBe(true);
  });

  it.each(['-', '*', '/', '^'] as BinaryOp[])('rejects %s', (op) => {
    expect(codeOf(() => binary(op, '6', 3))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => binary(op, 6, '3'))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => binary(op, '6', true))).toBe('SCRIPT_TYPE');
  });
});

describe('binary: bools', () => {
  it('compares two bools with == and != only', () => {
    expect(binary('==', true, true)).toBe(true);
    expect(binary('!=', true, false)).toBe(true);
    expect(codeOf(() => binary('<', true, false))).toBe('SCRIPT_TYPE');
    expect(() => binary('>=', false, false)).toThrow('a boolean can only be compared to another boolean using == or !=');
  });

  it('compares a bool with a number by truthiness for ==, as 1/0 for ordering', () => {
    expect(binary('==', 5, true)).toBe(true);
    expect(binary('==', false, 0)).toBe(true);
    expect(binary('<', true, 2)).toBe(true);
    expect(binary('>', 0.5, false)).toBe(true);
  });

  it.each(['+', '-', '*', '/', '^'] as BinaryOp[])('rejects %s with bools and numbers', (op) => {
    expect(codeOf(() => binary(op, true, true))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => binary(op, true, 1))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => binary(op, 1, false))).toBe('SCRIPT_TYPE');
  });

  it('names the operator and the types in the message', () => {
    expect(() => binary('+', true, 1)).toThrow('Illegal operation, ADD with incompatible data types: bool + int');
    expect(() => binary('/', 'a', 'b')).toThrow('Illegal operation, DIVISION with incompatible data types: string / string');
  });
});

describe('binary: null', () => {
  it('adds and subtracts as nothing', () => {
    expect(binary('+', null, null)).toBe(null);
    expect(binary('-', null, null)).toBe(null);
    expect(binary('+', 5, null)).toBe(5);
    expect(binary('+', null, 5)).toBe(5);
    expect(binary('-', 5, null)).toBe(5);
    expect(binary('-', null, 5)).toBe(-5);
    expect(binary('+', 'a', null)).toBe('a');
    expect(binary('+', null, 'a')).toBe('a');
    expect(binary('+', true, null)).toBe(true);
    expect(binary('+', null, false)).toBe(false);
    expect(binary('+', y2k, null)).toBe(y2k);
    expect(binary('-', y2k, null)).toBe(y2k);
    expect(binary('+', null, y2k)).toBe(y2k);
  });

  it('counts as 0 in * and /, but divides by zero', () => {
    expect(binary('*', 5, null)).toBe(0);
    expect(binary('*', null, 5)).toBe(0);
    expect(binary('/', null, 5)).toBe(0);
    expect(codeOf(() => binary('/', 5, null))).toBe('SCRIPT_DIVISION_BY_ZERO');
  });

  it.each([
    ['*', null, null],
    ['/', null, null],
    ['^', 2, null],
    ['^', null, 2],
    ['-', 'a', null],
    ['-', true, null],
    ['-', null, 'a'],
    ['-', null, y2k],
    ['*', 'a', null],
    ['+', null, bytes(1)],
    ['+', dict(), null],
  ] as [BinaryOp, ScriptValue, ScriptValue][])('rejects %s with %s and %s', (op, a, b) => {
    expect(codeOf(() => binary(op, a, b))).toBe('SCRIPT_TYPE');
  });

  it('never compares equal or ordered, not even to null', () => {
    for (const other of [null, 0, '', false, y2k, bytes(0), dict()]) {
      expect(binary('==', null, other)).toBe(false);
      expect(binary('!=', other, null)).toBe(true);
    }
    for (const op of ['<', '>', '<=', '>='] as BinaryOp[]) {
      expect(binary(op, null, null)).toBe(false);
      expect(binary(op, 1, null)).toBe(false);
      expect(binary(op, null, 'a')).toBe(false);
      expect(binary(op, dict(), null)).toBe(false);
    }
  });
});

describe('binary: dates', () => {
  it('shifts by whole seconds, fraction truncated toward zero, either order', () => {
    expect(binary('+', y2k, 60)).toEqual(date('2000-01-01 00:01:00'));
    expect(binary('+', 86_400, y2k)).toEqual(date('2000-01-02 00:00:00'));
    expect(binary('+', y2k, 1.9)).toEqual(date('2000-01-01 00:00:01'));
    expect(binary('-', y2k, 1.9)).toEqual(date('1999-12-31 23:59:59'));
    expect(binary('+', y2k, -0.5)).toEqual(y2k);
  });

  it('keeps milliseconds of a precise date', () => {
    const precise = date('2000-01-01 00:00:00.250');
    expect(toTyped(binary('+', precise, 1)).value).toBe('2000-01-01T00:00:01.250');
  });

  it('fails when the shift leaves the date range', () => {
    expect(codeOf(() => binary('+', y2k, 1e20))).toBe('SCRIPT_FAILED');
  });

  it('subtracts two dates to seconds, milliseconds dropped', () => {
    expect(binary('-', date('2000-01-02 00:00:00'), y2k)).toBe(86_400);
    expect(binary('-', y2k, date('2000-01-01 00:00:10'))).toBe(-10);
    expect(binary('-', date('2000-01-01 00:00:01.900'), y2k)).toBe(1);
  });

  it('concatenates with strings, milliseconds only when the date comes first', () => {
    const precise = date('2000-01-01 00:00:00.250');
    expect(binary('+', y2k, '!')).toBe('2000-01-01 00:00:00!');
    expect(binary('+', precise, '!')).toBe('2000-01-01 00:00:00.250!');
    expect(binary('+', 'x', precise)).toBe('x2000-01-01 00:00:00');
  });

  it('compares chronologically by the second', () => {
    const later = date('2000-01-01 00:00:01');
    expect(binary('<', y2k, later)).toBe(true);
    expect(binary('>=', y2k, later)).toBe(false);
    expect(binary('==', y2k, new ScriptDate(y2k.ms))).toBe(true);
    expect(binary('==', y2k, date('2000-01-01 00:00:00.500'))).toBe(true);
    expect(binary('!=', y2k, later)).toBe(true);
  });

  it('compares with numbers and strings by Unix seconds', () => {
    expect(binary('==', y2k, y2kSeconds)).toBe(true);
    expect(binary('<', y2kSeconds - 1, y2k)).toBe(true);
    expect(binary('==', y2k, `${y2kSeconds}`)).toBe(true);
    expect(binary('>', y2k, '2000-01-01')).toBe(true); // the string is 2000 numerically
  });

  it.each([
    ['+', y2k, y2k],
    ['*', y2k, 2],
    ['/', y2k, 2],
    ['^', y2k, 2],
    ['-', 5, y2k],
    ['-', y2k, 'a'],
    ['+', y2k, true],
    ['==', y2k, true],
    ['<', false, y2k],
  ] as [BinaryOp, ScriptValue, ScriptValue][])('rejects %s with %o and %o', (op, a, b) => {
    expect(codeOf(() => binary(op, a, b))).toBe('SCRIPT_TYPE');
  });
});

describe('binary: binaries', () => {
  it('compares bytes for equality', () => {
    expect(binary('==', bytes(0, 255), bytes(0, 255))).toBe(true);
    expect(binary('!=', bytes(0, 255), bytes(0))).toBe(true);
  });

  it.each([
    ['+', bytes(1), bytes(1)],
    ['<', bytes(1), bytes(2)],
    ['==', bytes(1), 1],
    ['==', 'a', bytes(1)],
    ['==', bytes(1), dict()],
    ['+', bytes(1), 'a'],
    ['<', bytes(1), null],
  ] as [BinaryOp, ScriptValue, ScriptValue][])('rejects %s with %o and %o', (op, a, b) => {
    expect(codeOf(() => binary(op, a, b))).toBe('SCRIPT_TYPE');
  });
});

describe('binary: dictionaries', () => {
  it('equals a dictionary with the same keys and values', () => {
    expect(binary('==', dict({ a: 1, b: 'x' }), dict({ b: 'x', a: 1 }))).toBe(true);
    expect(binary('==', dict({ a: 1 }), dict({ a: '1' }))).toBe(true);
    expect(binary('==', dict({ a: 1 }), dict({ a: 2 }))).toBe(false);
    expect(binary('==', dict({ a: 1 }), dict({ b: 1 }))).toBe(false);
    expect(binary('!=', dict({ a: 1 }), dict({ a: 1, b: 2 }))).toBe(true);
  });

  it('orders two dictionaries only as equal', () => {
    const a = dict({ a: 1 });
    expect(binary('<', a, dict({ a: 1 }))).toBe(false);
    expect(binary('>', a, dict({ a: 2 }))).toBe(false);
    expect(binary('<=', a, dict({ a: 1 }))).toBe(true);
    expect(binary('>=', a, dict({ a: 2 }))).toBe(false);
  });

  it('equals no scalar but false, and orders as 0', () => {
    expect(binary('==', dict({ a: 1 }), 0)).toBe(false);
    expect(binary('==', dict({ a: 1 }), false)).toBe(true);
    expect(binary('!=', true, dict())).toBe(true);
    expect(binary('<', dict(), 1)).toBe(true);
    expect(binary('>=', dict(), '0')).toBe(true);
    expect(binary('>', 'a', dict())).toBe(false);
  });

  it.each(['+', '-', '*', '/', '^'] as BinaryOp[])('rejects %s', (op) => {
    expect(codeOf(() => binary(op, dict(), dict()))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => binary(op, dict(), 1))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => binary(op, 'a', dict()))).toBe('SCRIPT_TYPE');
  });
});

describe('binary: arrays', () => {
  it('applies an operator with a scalar to each element, either side', () => {
    expect(binary('*', [1, 2, 3], 2)).toEqual([2, 4, 6]);
    expect(binary('+', 'x', [1, 2])).toEqual(['x1', 'x2']);
    expect(binary('==', [1, 2], 1)).toEqual([true, false]);
    expect(binary('-', 10, [1, 2])).toEqual([9, 8]);
  });

  it('recurses into nested arrays', () => {
    expect(binary('+', [[1, 2], [3]], 1)).toEqual([[2, 3], [4]]);
    expect(binary('*', [[1], 2], [[3], 4])).toEqual([[3], 8]);
  });

  it('pairs two arrays by index, same length required', () => {
    expect(binary('==', [1, 2], [1, 3])).toEqual([true, false]);
    expect(binary('+', ['a', 1], ['b', 2])).toEqual(['ab', 3]);
    expect(binary('+', [], [])).toEqual([]);
    expect(() => binary('+', [1, 2], [1])).toThrow('The operator + operating on two array data elements with inconsistent sizes');
    expect(codeOf(() => binary('==', [1], [1, 2]))).toBe('SCRIPT_TYPE');
  });

  it('returns a new array and leaves the operands alone', () => {
    const a = [1, 2];
    const result = binary('+', a, 1);
    expect(result).not.toBe(a);
    expect(a).toEqual([1, 2]);
  });

  it('raises the error of an element', () => {
    expect(codeOf(() => binary('/', [1, 2], 0))).toBe('SCRIPT_DIVISION_BY_ZERO');
    expect(codeOf(() => binary('+', [1, true], 1))).toBe('SCRIPT_TYPE');
  });

  it('types results as the values they hold', () => {
    expect(typed('+', [y2k], 1)).toEqual({ type: 'array', value: ['2000-01-01T00:00:01'] });
  });
});

describe('negate', () => {
  it.each([
    [5, -5],
    [-2.5, 2.5],
    ['12ab', '-12'],
    ['-5', '5'],
    ['abc', '0'],
    [true, true],
    [[1, '2', [3]], [-1, '-2', [-3]]],
  ] as [ScriptValue, ScriptValue][])('-%o is %o', (v, result) => {
    expect(negate(v)).toEqual(result);
  });

  it('never produces -0', () => {
    expect(Object.is(negate(0), 0)).toBe(true);
  });

  it.each([null, y2k, dict(), bytes(1)])('rejects %o', (v) => {
    expect(codeOf(() => negate(v))).toBe('SCRIPT_TYPE');
  });
});

describe('not', () => {
  it.each([
    [0, true],
    [2.5, false],
    ['0', true],
    ['12ab', false],
    ['', true],
    ['true', false],
    ['F', true],
    [true, false],
    [null, true],
    [[0, 1, [true]], [true, false, [false]]],
  ] as [ScriptValue, ScriptValue][])('!%o is %o', (v, result) => {
    expect(not(v)).toEqual(result);
  });

  it.each([y2k, dict(), bytes(1)])('rejects %o', (v) => {
    expect(codeOf(() => not(v))).toBe('SCRIPT_TYPE');
  });
});

describe('step', () => {
  it.each([
    [5, 1, 6],
    [5, -1, 4],
    [1.5, 1, 2.5],
    ['5', 1, '6'],
    ['5x', -1, '4'],
    ['abc', 1, '1'],
    [false, 1, true],
    [true, 1, true],
    [true, -1, false],
    [false, -1, true],
    [[1, '2', [false]], 1, [2, '3', [true]]],
  ] as [ScriptValue, 1 | -1, ScriptValue][])('%o stepped by %i is %o', (v, delta, result) => {
    expect(step(v, delta)).toEqual(result);
  });

  it.each([null, y2k, dict(), bytes(1)])('rejects %o', (v) => {
    expect(codeOf(() => step(v, 1))).toBe('SCRIPT_TYPE');
    expect(() => step(v, -1)).toThrow('Invalid argument to operator --');
  });
});

describe('logicalTruth', () => {
  it.each([
    [true, true],
    [1, true],
    [0, false],
    ['T', true],
    ['abc', false],
    [null, false],
    [y2k, false],
    [[1], false],
    [dict({ a: 1 }), false],
    [bytes(1), false],
  ] as [ScriptValue, boolean][])('%o counts as %s', (v, result) => {
    expect(logicalTruth(v)).toBe(result);
  });
});

describe('equals', () => {
  it('is == as one boolean', () => {
    expect(equals(1, 1)).toBe(true);
    expect(equals('1', 1)).toBe(true);
    expect(equals('a', 'b')).toBe(false);
    expect(equals(y2k, y2kSeconds)).toBe(true);
    expect(equals(dict({ a: 1 }), dict({ a: 1 }))).toBe(true);
  });

  it('is false where == is an error or null is involved', () => {
    expect(equals(bytes(1), 1)).toBe(false);
    expect(equals(true, y2k)).toBe(false);
    expect(equals(null, null)).toBe(false);
  });

  it('compares arrays element by element', () => {
    expect(equals([1, 2], [1, 2])).toBe(true);
    expect(equals([1, 2], [1])).toBe(false);
    expect(equals([1], 1)).toBe(false);
  });
});

describe('looseEquals', () => {
  it('promotes scalar types', () => {
    expect(looseEquals(1, '1')).toBe(true);
    expect(looseEquals(0, '')).toBe(true);
    expect(looseEquals(true, 'T')).toBe(true);
    expect(looseEquals('a', 'A')).toBe(false);
  });

  it('reads a string as a date against a date', () => {
    expect(looseEquals(y2k, '2000-01-01')).toBe(true);
    expect(looseEquals('2000-01-01 00:00:01', y2k)).toBe(false);
    expect(looseEquals(y2k, `${y2kSeconds}`)).toBe(true);
  });

  it('recurses into arrays; different sizes are unequal', () => {
    expect(looseEquals([1, [2, '3']], ['1', [2, 3]])).toBe(true);
    expect(looseEquals([1, 2], [1, 2, 3])).toBe(false);
    expect(looseEquals([1], 1)).toBe(false);
  });

  it('takes null as equal only to null', () => {
    expect(looseEquals(null, null)).toBe(true);
    expect(looseEquals([null], [null])).toBe(true);
    expect(looseEquals(null, '')).toBe(false);
    expect(looseEquals(0, null)).toBe(false);
  });

  it('is false where == is an error', () => {
    expect(looseEquals(bytes(1), 'a')).toBe(false);
    expect(looseEquals(bytes(1), bytes(1))).toBe(true);
  });
});

describe('compareValues', () => {
  const sorted = (values: ScriptValue[]) => [...values].sort(compareValues);

  it('orders numbers numerically and strings by code unit', () => {
    expect(sorted([10, 9, -1, 2.5])).toEqual([-1, 2.5, 9, 10]);
    expect(sorted(['b', 'B', '10', '9'])).toEqual(['10', '9', 'B', 'b']);
  });

  it('orders dates chronologically, to the millisecond', () => {
    const a = date('2000-01-01 00:00:00.100');
    expect(sorted([a, y2k])).toEqual([y2k, a]);
  });

  it('puts nulls first', () => {
    expect(sorted([2, null, 'a', null])).toEqual([null, null, 'a', 2]);
  });

  it('orders mixed scalars by numeric value', () => {
    expect(sorted(['10', 9, true, '2x'])).toEqual([true, '2x', 9, '10']);
    expect(compareValues(y2k, y2kSeconds + 1)).toBe(-1);
  });

  it('puts binaries, arrays and dictionaries after scalars, each ordered among its kind', () => {
    const d = dict({ a: 1 });
    expect(sorted([d, [2], bytes(1), 'z', [1, 5], bytes(0, 9)])).toEqual(['z', bytes(0, 9), bytes(1), [1, 5], [2], d]);
    expect(compareValues(dict({ a: 1 }), dict({ a: 2 }))).toBe(-1);
    expect(compareValues([1], [1, 0])).toBeLessThan(0);
  });

  it('is 0 for equal values', () => {
    expect(compareValues(2, '2')).toBe(0);
    expect(compareValues(NaN, 1)).toBe(0);
  });
});
