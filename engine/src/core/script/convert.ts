/**
 * Conversions between script types (docs/script/language.md, "Conversions"). Operators and
 * functions use these; each throws a SCRIPT_TYPE ScriptError naming the types when a value
 * cannot be converted.
 */
import { failed, typeError } from './errors.ts';
import type { ScriptDict} from './values.ts';
import { ScriptDate, typeOf, type ScriptValue } from './values.ts';

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function utf8Text(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** A type name with its article, for messages: "an array", "a string". */
export function describeType(v: ScriptValue): string {
  const t = typeOf(v);
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/**
 * The string form of a value (`String()`, `+` with a string, function arguments):
 * booleans are "1"/"0", null is "", dates `yyyy-mm-dd HH:MM:SS`, binaries UTF-8 text unless
 * they hold a zero byte (then hex), arrays `{1,2,abc}`, dictionaries `[k=>"v"]`.
 */
export function toStr(v: ScriptValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v === null) return '';
  if (v instanceof ScriptDate) return v.toString();
  if (v instanceof Uint8Array) return v.includes(0) ? hex(v) : utf8Text(v);
  if (Array.isArray(v)) return `{${v.map(toStr).join(',')}}`;
  return `[${(v as ScriptDict)
    .keys()
    .map((k) => {
      const x = (v as ScriptDict).get(k);
      return `${k}=>${typeof x === 'string' ? `"${x}"` : toStr(x)}`;
    })
    .join(',')}]`;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Numbers print as the shortest decimal that reads back the same, never in exponent form
 * (the language has no exponent literals): 0.1, 2.5, 1e-7 prints 0.0000001.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const text = String(n);
  if (!text.includes('e')) return text;
  const [mantissa, exp] = text.split('e');
  const exponent = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const pointAt = (mantissa.replace(/^-/, '').indexOf('.') === -1 ? digits.length : mantissa.replace(/^-/, '').indexOf('.')) + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}

/** The number at the start of a string: "12abc" is 12, "-.8x" is -0.8, "abc" and "" are 0. */
export function numericPrefix(text: string): number {
  // A hand-written scan: this runs for every numeric CSV field a formula touches.
  const n = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const digitsFrom = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  let digits = i - digitsFrom;
  if (i < n && text.charCodeAt(i) === 46 /* . */) {
    const fractionFrom = ++i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    digits += i - fractionFrom;
  }
  if (digits === 0) return 0;
  return Number(i === n ? text : text.slice(0, i));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The number a value stands for in arithmetic: null is 0, booleans 1/0, dates Unix seconds. */
export function toNum(v: ScriptValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return numericPrefix(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return 0;
  if (v instanceof ScriptDate) return v.seconds;
  throw typeError(`cannot convert ${describeType(v)} to a number`);
}

/** An integer, truncated toward zero (`Int(-3.7)` is -3). */
export function toInt(v: ScriptValue): number {
  const n = Math.trunc(toNum(v));
  return n === 0 ? 0 : n; // no -0
}

/**
 * Truthiness, as `Bool()` converts: numbers are true when not 0; strings when they read
 * "true" or "T" (any case) or start with a non-zero number; null is false.
 */
export function toBool(v: ScriptValue): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return stringTruth(v);
  if (v === null) return false;
  throw typeError(`cannot convert ${describeType(v)} to a bool`);
}

function stringTruth(s: string): boolean {
  if (s.length <= 4) {
    const lower = s.toLowerCase();
    if (lower === 'true' || lower === 't') return true;
  }
  return numericPrefix(s) !== 0;
}

/** A condition of If, While, Case, `!`, `&&`, `||`: as toBool, and a date is false. */
export function isTrue(v: ScriptValue): boolean {
  if (typeof v === 'boolean') return v;
  if (v instanceof ScriptDate) return false;
  return toBool(v);
}

let lastParsed: { text: string; date: ScriptDate } = { text: '1970-01-01', date: new ScriptDate(0) };

/** A date: dates as they are, strings parsed (see parseDate), numbers as Unix seconds. */
export function toDate(v: ScriptValue): ScriptDate {
  if (v instanceof ScriptDate) return v;
  if (typeof v === 'string') {
    // Formulas often read the same date field several times per record (Date, DayOfMonth...).
    if (v === lastParsed.text) return lastParsed.date;
    const d = parseDate(v);
    if (d) lastParsed = { text: v, date: d };
    if (!d) throw failed(`"${v}" is not a date (use yyyy-mm-dd, yyyy-mm-dd HH:MM:SS, mm/dd/yyyy or "Month dd, yyyy"; CVTDate reads other layouts)`);
    return d;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw failed(`${formatNumber(v)} is not a date`);
    return new ScriptDate(Math.trunc(v) * 1000);
  }
  throw typeError(`cannot convert ${describeType(v)} to a date`);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1-based month of an English month name or its first three letters, any case; 0 if none. */
export function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  const i = MONTHS.findIndex((m) => m === lower || (lower.length === 3 && m.startsWith(lower)));
  return i + 1;
}

const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;
const NAMED = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads the date layouts the reference product's `Date()` accepts: `yyyy-mm-dd`,
 * `yyyy-mm-dd HH:MM[:SS]`, `yyyy-mm-ddTHH:MM:SS[.fff][Z|±hh:mm]` (an offset is converted to
 * UTC), `mm/dd/yyyy [HH:MM[:SS] [AM|PM]]`, `Month dd, yyyy` and `MON dd, yyyy`. Returns
 * undefined for anything else, including impossible dates (February 30th).
 */
export function parseDate(text: string): ScriptDate | undefined {
  const s = text.trim();
  let m = ISO_LIKE.exec(s);
  if (m) {
    const fraction = m[7];
    const ms = fraction === undefined ? 0 : Math.trunc(Number(`0.${fraction}`) * 1000);
    const offset = zoneOffsetMinutes(m[8]);
    const base = wallClock(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
    return base === undefined ? undefined : new ScriptDate(base - offset * 60_000, fraction !== undefined);
  }
  m = US.exec(s);
  if (m) {
    let hour = +(m[4] ?? 0);
    const meridiem = m[7]?.toUpperCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    const ms = wallClock(+m[3], +m[1], +m[2], hour, +(m[5] ?? 0), +(m[6] ?? 0), 0);
    return ms === undefined ? undefined : new ScriptDate(ms);
  }
  m = NAMED.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    if (month === 0) return undefined;
    const ms = wallClock(+m[3], month, +m[2], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0);
    return ms === undefined ? undefined : new ScriptDate(ms);
  }
  return undefined;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** Milliseconds of a wall-clock time, or undefined when a part is out of range. */
export function wallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Date.UTC reads years 0-99 as 1900-1999; those few need the setter.
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A dictionary key: any value but null, as its string form. */
export function toKey(v: ScriptValue): string {
  if (v === null) throw typeError('a dictionary key cannot be null');
  return toStr(v);
}
