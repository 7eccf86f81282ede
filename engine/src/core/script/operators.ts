/**
 * Operators per operand type (docs/script/language.md, "Operators"; decisions where the
 * reference is silent are in docs/script/operators.md).
 *
 * `binary` runs once per record in mapping formulas, so it tests `typeof` first: two numbers
 * or two strings cost a couple of comparisons. Every other pair goes through one rule
 * function per operator group (add, subtract, multiply, divide, equality, ordering), which
 * reads like the spec's mixed-type table.
 */
import type { BinaryOp } from './ast.ts';
import { formatNumber, isTrue, numericPrefix, parseDate, toBool, toNum, describeType } from './convert.ts';
import { LIMITS } from './env.ts';
import { failed, scriptError, typeError } from './errors.ts';
import { ScriptDate, ScriptDict, typeOf, type ScriptValue } from './values.ts';

/** Operator names as the reference product's messages spell them. */
const OP_NAMES: Record<BinaryOp, string> = {
  '+': 'ADD',
  '-': 'SUBTRACT',
  '*': 'MULTIPLICATION',
  '/': 'DIVISION',
  '^': 'POW',
  '==': 'EQUAL',
  '!=': 'NOT EQUAL',
  '<': 'LESS THAN',
  '>': 'GREATER THAN',
  '<=': 'LESS THAN OR EQUAL',
  '>=': 'GREATER THAN OR EQUAL',
};

/** `a op b` for every binary operator but && and ||, arrays element-wise. */
export function binary(op: BinaryOp, a: ScriptValue, b: ScriptValue): ScriptValue {
  const type = typeof a;
  if (type === typeof b) {
    if (type === 'number') return numbers(op, a as number, b as number);
    if (type === 'string') return strings(op, a as string, b as string);
  }
  if (Array.isArray(a) || Array.isArray(b)) return elementWise(op, a, b);
  return mixed(op, a, b);
}

function numbers(op: BinaryOp, a: number, b: number): ScriptValue {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return noNegativeZero(a * b);
    case '/':
      if (b === 0) throw divisionByZero();
      return noNegativeZero(a / b);
    case '^':
      return a ** b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}

/** Strings compare by UTF-16 code unit, case-sensitive, as JavaScript's `<` does. */
function strings(op: BinaryOp, a: string, b: string): ScriptValue {
  switch (op) {
    case '+':
      return concat(a, b);
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      throw illegal(op, a, b);
  }
}

/** Array with scalar applies to each element; two arrays pair elements by index. */
function elementWise(op: BinaryOp, a: ScriptValue, b: ScriptValue): ScriptValue[] {
  if (!Array.isArray(a)) return (b as ScriptValue[]).map((y) => binary(op, a, y));
  if (!Array.isArray(b)) return a.map((x) => binary(op, x, b));
  if (a.length !== b.length) throw typeError(`The operator ${op} operating on two array data elements with inconsistent sizes (${a.length} and ${b.length})`);
  return a.map((x, i) => binary(op, x, b[i]));
}

/** Any scalar pair that is not two numbers or two strings. */
function mixed(op: BinaryOp, a: ScriptValue, b: ScriptValue): ScriptValue {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      return subtract(a, b);
    case '*':
      return multiply(a, b);
    case '/':
      return divide(a, b);
    case '^':
      throw illegal(op, a, b);
    case '==':
    case '!=': {
      const equal = equality(a, b);
      if (equal === undefined) throw illegal(op, a, b);
      return op === '==' ? equal : !equal;
    }
    default:
      return ordered(op, order(op, a, b));
  }
}

/** Null adds nothing; a string concatenates anything printable; a number shifts a date. */
function add(a: ScriptValue, b: ScriptValue): ScriptValue {
  if (typeof a === 'string') {
    const text = concatText(b, false);
    if (text !== undefined) return concat(a, text);
  } else if (typeof b === 'string') {
    const text = concatText(a, true);
    if (text !== undefined) return concat(text, b);
  } else if (a === null) {
    if (b === null || isAddend(b)) return b;
  } else if (b === null) {
    if (isAddend(a)) return a;
  } else if (a instanceof ScriptDate && typeof b === 'number') {
    return shift(a, b);
  } else if (typeof a === 'number' && b instanceof ScriptDate) {
    return shift(b, a);
  }
  throw illegal('+', a, b);
}

function isAddend(v: ScriptValue): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof ScriptDate;
}

/**
 * What a value contributes to a concatenation, undefined when it cannot take part. A date
 * keeps its milliseconds only on the left of the string (`date + "x"`), as the reference does.
 */
function concatText(v: ScriptValue, dateFirst: boolean): string | undefined {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v === null) return '';
  if (v instanceof ScriptDate) return dateFirst ? v.toString() : new ScriptDate(v.ms).toString();
  return undefined;
}

/** Null counts as 0 (`null - 5` is -5), and subtracting it changes nothing. */
function subtract(a: ScriptValue, b: ScriptValue): ScriptValue {
  if (b === null) {
    if (a === null || typeof a === 'number' || a instanceof ScriptDate) return a;
  } else if (a === null) {
    if (typeof b === 'number') return noNegativeZero(-b);
  } else if (a instanceof ScriptDate) {
    if (b instanceof ScriptDate) return a.seconds - b.seconds;
    if (typeof b === 'number') return shift(a, -b);
  }
  throw illegal('-', a, b);
}

function multiply(a: ScriptValue, b: ScriptValue): ScriptValue {
  if ((a === null && typeof b === 'number') || (typeof a === 'number' && b === null)) return 0;
  throw illegal('*', a, b);
}

/** Null counts as 0 here too: `null / 5` is 0 and `5 / null` divides by zero. */
function divide(a: ScriptValue, b: ScriptValue): ScriptValue {
  if (a === null && typeof b === 'number') {
    if (b === 0) throw divisionByZero();
    return 0;
  }
  if (typeof a === 'number' && b === null) throw divisionByZero();
  throw illegal('/', a, b);
}

/**
 * `a == b` for scalars; undefined when the pair cannot be compared (a binary with anything
 * but a binary or null, a bool with a date). Null equals nothing, not even null.
 */
function equality(a: ScriptValue, b: ScriptValue): boolean | undefined {
  if (a === null || b === null) return false;
  const type = typeof a;
  if (type === typeof b && type !== 'object') return a === b;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array ? sameBytes(a, b) : undefined;
  }
  if (a instanceof ScriptDict || b instanceof ScriptDict) return dictEquality(a, b);
  if (typeof a === 'boolean') return boolEquality(a, b);
  if (typeof b === 'boolean') return boolEquality(b, a);
  // number, string and date pairs: numerically, a string by its numeric prefix, a date by its Unix seconds
  return toNum(a) === toNum(b);
}

/** A bool compares with the other operand's truthiness. */
function boolEquality(bool: boolean, other: ScriptValue): boolean | undefined {
  if (other instanceof ScriptDate) return undefined;
  return toBool(other) === bool;
}

/** Dictionaries equal dictionaries with the same content; against a bool a dictionary counts as false. */
function dictEquality(a: ScriptValue, b: ScriptValue): boolean {
  if (a instanceof ScriptDict && b instanceof ScriptDict) return sameDict(a, b);
  return (a instanceof ScriptDict ? b : a) === false;
}

/**
 * The ordering of a mixed scalar pair as a sign, NaN when every ordering comparison is
 * false (null, two different dictionaries). Everything else compares numerically: strings
 * by numeric prefix, bools as 1/0, dates as Unix seconds, a dictionary as 0.
 */
function order(op: BinaryOp, a: ScriptValue, b: ScriptValue): number {
  if (a instanceof Uint8Array || b instanceof Uint8Array) throw illegal(op, a, b);
  if (a === null || b === null) return NaN;
  if (typeof a === 'boolean' && typeof b === 'boolean') throw typeError('a boolean can only be compared to another boolean using == or !=');
  if ((a instanceof ScriptDate && typeof b === 'boolean') || (typeof a === 'boolean' && b instanceof ScriptDate)) throw illegal(op, a, b);
  if (a instanceof ScriptDict && b instanceof ScriptDict) return sameDict(a, b) ? 0 : NaN;
  return sign(magnitude(a), magnitude(b));
}

function magnitude(v: ScriptValue): number {
  return v instanceof ScriptDict ? 0 : toNum(v);
}

function ordered(op: BinaryOp, c: number): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

/** Unary minus. */
export function negate(v: ScriptValue): ScriptValue {
  if (typeof v === 'number') return noNegativeZero(-v);
  if (typeof v === 'string') return formatNumber(noNegativeZero(-numericPrefix(v)));
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(negate);
  throw typeError(`Illegal operation, NEGATE with incompatible data type: ${typeOf(v)}`);
}

/** `!v`. */
export function not(v: ScriptValue): ScriptValue {
  if (Array.isArray(v)) return v.map(not);
  if (v === null || typeof v !== 'object') return !isTrue(v);
  throw typeError(`Illegal operation, NOT with incompatible data type: ${typeOf(v)}`);
}

/** The new value of a variable after `++` (delta 1) or `--` (delta -1). */
export function step(v: ScriptValue, delta: 1 | -1): ScriptValue {
  if (typeof v === 'number') return v + delta;
  if (typeof v === 'string') return formatNumber(numericPrefix(v) + delta);
  if (typeof v === 'boolean') return delta === 1 || !v; // `++` sets true, `--` toggles
  if (Array.isArray(v)) return v.map((x) => step(x, delta));
  throw typeError(`Invalid argument to operator ${delta === 1 ? '++' : '--'}: ${describeType(v)}`);
}

/** How an operand of && and || counts: arrays, dictionaries, binaries, dates and null are false. */
export function logicalTruth(v: ScriptValue): boolean {
  return v !== null && typeof v !== 'object' && isTrue(v);
}

/** `a == b` as a single boolean for scalars (null never equals anything); arrays must match element by element. */
export function equals(a: ScriptValue, b: ScriptValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sameArrays(a, b, equals);
  return equality(a, b) === true;
}

/**
 * Equal(): recursive for arrays, scalars compared with type promotion (Equal(1, "1") is
 * true). Unlike `==`, null equals null, and a string that reads as a date equals that date.
 */
export function looseEquals(a: ScriptValue, b: ScriptValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sameArrays(a, b, looseEquals);
  if (a === null || b === null) return a === b;
  if (a instanceof ScriptDate && typeof b === 'string') return sameDateAs(a, b);
  if (b instanceof ScriptDate && typeof a === 'string') return sameDateAs(b, a);
  return equality(a, b) === true;
}

function sameDateAs(date: ScriptDate, text: string): boolean {
  const parsed = parseDate(text);
  return parsed ? parsed.seconds === date.seconds : equality(date, text) === true;
}

/**
 * Ordering for SortArray, Max, Min: nulls first, strings by code unit, dates in time, other
 * scalars by numeric value; then binaries, arrays and dictionaries, each among their kind.
 */
export function compareValues(a: ScriptValue, b: ScriptValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return sign(a, b);
  if (a instanceof ScriptDate && b instanceof ScriptDate) return sign(a.ms, b.ms);
  const rank = sortRank(a) - sortRank(b);
  if (rank !== 0) return rank;
  if (a instanceof Uint8Array) return compareSequences(a, b as Uint8Array, sign);
  if (Array.isArray(a)) return compareSequences(a, b as ScriptValue[], compareValues);
  if (a instanceof ScriptDict) return compareSequences(dictPairs(a), dictPairs(b as ScriptDict), compareValues);
  return sign(toNum(a), toNum(b)) || 0; // a NaN sorts as equal rather than breaking the sort
}

/** Scalars (0) before binaries (1), arrays (2) and dictionaries (3). */
function sortRank(v: ScriptValue): number {
  if (v instanceof Uint8Array) return 1;
  if (Array.isArray(v)) return 2;
  if (v instanceof ScriptDict) return 3;
  return 0;
}

/** A dictionary as its sorted keys interleaved with their values, for ordering. */
function dictPairs(d: ScriptDict): ScriptValue[] {
  return d.keys().flatMap((k) => [k, d.get(k)]);
}

/** Element by element, then the shorter first. */
function compareSequences<T>(a: ArrayLike<T>, b: ArrayLike<T>, compare: (x: T, y: T) => number): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** -1, 0 or 1; NaN when the two are unordered (a NaN operand). */
function sign<T extends number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
}

function sameArrays(a: ScriptValue[], b: ScriptValue[], same: (x: ScriptValue, y: ScriptValue) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]));
}

/** Same keys, values equal as Equal() compares them (so `{a: 1}` equals `{a: "1"}`). */
function sameDict(a: ScriptDict, b: ScriptDict): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a.entries) {
    if (!b.has(key) || !looseEquals(value, b.get(key))) return false;
  }
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function concat(a: string, b: string): string {
  if (a.length + b.length > LIMITS.stringLength) {
    throw scriptError('SCRIPT_LIMIT', `the string would be longer than ${LIMITS.stringLength} characters`);
  }
  return a + b;
}

/** A date moved by whole seconds (the fraction is dropped toward zero); `precise` is kept. */
function shift(date: ScriptDate, seconds: number): ScriptDate {
  const ms = date.ms + Math.trunc(seconds) * 1000;
  if (!(Math.abs(ms) <= MAX_DATE_MS)) throw failed(`${date.toString()} shifted by ${formatNumber(seconds)} seconds is not a date`);
  return new ScriptDate(ms, date.precise);
}

/** The range of a JavaScript Date. */
const MAX_DATE_MS = 8.64e15;

/** `0 * -1` would print as 0 yet fail deep-equality against 0; arithmetic results never carry -0. */
function noNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

function divisionByZero() {
  return scriptError('SCRIPT_DIVISION_BY_ZERO', 'Division by 0');
}

function illegal(op: BinaryOp, a: ScriptValue, b: ScriptValue) {
  return typeError(`Illegal operation, ${OP_NAMES[op]} with incompatible data types: ${typeOf(a)} ${op} ${typeOf(b)}`);
}
