/**
 * Date format strings (docs/script/dates.md): the layouts CVTDate, FormatDate, Format and
 * the file formats read and write, e.g. `yyyy-mm-dd HH:MM:SS`. A format is compiled once
 * into a list of literal texts and tokens and kept in a small cache, because a mapping
 * formula applies the same layout to every record.
 */
import { wallClock } from './convert.ts';
import { ScriptDate } from './values.ts';

/** The calendar fields of a wall-clock time, as tokens write them. */
interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** What reading a text collects; fields a format lacks keep 1970-01-01 00:00:00. */
interface ReadFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  meridiem?: 'AM' | 'PM';
}

interface Token {
  write(f: DateFields, twelveHour: boolean): string;
  /** Reads the token at `pos` into `into`; the position after it, or -1 when it does not match. */
  read(text: string, pos: number, into: ReadFields): number;
}

type Part = string | Token;

interface CompiledFormat {
  parts: Part[];
  /** An AM/PM token makes HH a 12-hour hour. */
  twelveHour: boolean;
  /** A fraction token makes parsed dates keep their milliseconds. */
  fraction: boolean;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A name in the case of the token that asks for it: `mon` sep, `Mon` Sep, `MON` SEP. */
function cased(name: string, token: string): string {
  if (token === token.toUpperCase()) return name.toUpperCase();
  if (token === token.toLowerCase()) return name.toLowerCase();
  return name;
}

/** Reads 1 to `width` digits (greedy); the value and the position after, or undefined. */
function readDigits(text: string, pos: number, width: number): { value: number; end: number } | undefined {
  let end = pos;
  while (end < text.length && end - pos < width && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  return end === pos ? undefined : { value: Number(text.slice(pos, end)), end };
}

/** A numeric field: written zero-padded to `pad` digits (0 = no padding), read as 1..`width` digits. */
function numeric(width: number, padTo: number, get: (f: DateFields, twelveHour: boolean) => number, set: (into: ReadFields, n: number) => void): Token {
  return {
    write: (f, twelveHour) => pad(get(f, twelveHour), padTo),
    read(text, pos, into) {
      const digits = readDigits(text, pos, width);
      if (!digits) return -1;
      set(into, digits.value);
      return digits.end;
    },
  };
}

/** A name from `names` (full, or its first three letters when `short`), any case on input. */
function named(token: string, names: string[], short: boolean, get: (f: DateFields) => number, set?: (into: ReadFields, index: number) => void): Token {
  const words = names.map((n) => cased(short ? n.slice(0, 3) : n, token));
  const lower = names.map((n) => (short ? n.slice(0, 3) : n).toLowerCase());
  return {
    write: (f) => words[get(f)],
    read(text, pos, into) {
      let end = pos;
      while (end < text.length && /[A-Za-z]/.test(text[end])) end++;
      const index = lower.indexOf(text.slice(pos, end).toLowerCase());
      if (index < 0) return -1;
      set?.(into, index);
      return end;
    },
  };
}

/** `z`...`zzzzzz`: that many digits of the fraction of a second (milliseconds padded with zeros). */
function fraction(digits: number): Token {
  return {
    write: (f) => (pad(f.ms, 3) + '000').slice(0, digits),
    read(text, pos, into) {
      const read = readDigits(text, pos, digits);
      if (!read) return -1;
      into.ms = Number(`${text.slice(pos, read.end)}00`.slice(0, 3)); // the first three digits are the milliseconds
      return read.end;
    },
  };
}

const meridiem: Token = {
  write: (f) => (f.hour < 12 ? 'AM' : 'PM'),
  read(text, pos, into) {
    const word = text.slice(pos, pos + 2).toUpperCase();
    if (word !== 'AM' && word !== 'PM') return -1;
    into.meridiem = word;
    return pos + 2;
  },
};

const anyCharacter: Token = {
  write: () => '?',
  read: (text, pos) => (pos < text.length ? pos + 1 : -1),
};

/** Two-digit years read as 1969-2068 (the POSIX strptime window). */
const century = (yy: number): number => (yy < 69 ? 2000 + yy : 1900 + yy);

/** 12-hour clock: 00:xx is 12 AM, 12:xx is 12 PM. */
const displayHour = (f: DateFields, twelveHour: boolean): number => (twelveHour ? f.hour % 12 || 12 : f.hour);

const TOKENS: Record<string, Token> = {
  yyyy: numeric(4, 4, (f) => f.year, (r, n) => (r.year = n)),
  yy: numeric(2, 2, (f) => f.year % 100, (r, n) => (r.year = century(n))),
  mm: numeric(2, 2, (f) => f.month, (r, n) => (r.month = n)),
  m: numeric(2, 0, (f) => f.month, (r, n) => (r.month = n)),
  dd: numeric(2, 2, (f) => f.day, (r, n) => (r.day = n)),
  d: numeric(2, 0, (f) => f.day, (r, n) => (r.day = n)),
  HH: numeric(2, 2, displayHour, (r, n) => (r.hour = n)),
  MM: numeric(2, 2, (f) => f.minute, (r, n) => (r.minute = n)),
  SS: numeric(2, 2, (f) => f.second, (r, n) => (r.second = n)),
  AM: meridiem,
  PM: meridiem,
  AP: meridiem,
  '?': anyCharacter,
};
for (const token of ['month', 'Month', 'MONTH']) TOKENS[token] = named(token, MONTH_NAMES, false, (f) => f.month - 1, (r, i) => (r.month = i + 1));
for (const token of ['mon', 'Mon', 'MON']) TOKENS[token] = named(token, MONTH_NAMES, true, (f) => f.month - 1, (r, i) => (r.month = i + 1));
// Weekday names are checked to be names on input, not that they agree with the date.
for (const token of ['weekday', 'Weekday', 'WEEKDAY']) TOKENS[token] = named(token, WEEKDAY_NAMES, false, (f) => f.weekday);
for (const token of ['ddd', 'Ddd', 'DDD']) TOKENS[token] = named(token, WEEKDAY_NAMES, true, (f) => f.weekday);
for (let n = 1; n <= 6; n++) TOKENS['z'.repeat(n)] = fraction(n);

/** Longest first, so `yyyy` wins over `yy` and `month` over `mon` and `mm`. */
const TOKEN_NAMES = Object.keys(TOKENS).sort((a, b) => b.length - a.length);

function compile(format: string): CompiledFormat {
  const parts: Part[] = [];
  let literal = '';
  let twelveHour = false;
  let hasFraction = false;
  for (let pos = 0; pos < format.length; ) {
    const name = TOKEN_NAMES.find((t) => format.startsWith(t, pos));
    if (name === undefined) {
      literal += format[pos++];
      continue;
    }
    if (literal) parts.push(literal);
    literal = '';
    parts.push(TOKENS[name]);
    twelveHour ||= TOKENS[name] === meridiem;
    hasFraction ||= name.startsWith('z');
    pos += name.length;
  }
  if (literal) parts.push(literal);
  return { parts, twelveHour, fraction: hasFraction };
}

const MAX_CACHED = 256;
const compiled = new Map<string, CompiledFormat>();

/** The compiled form of a format, from the cache (emptied when full: formats in use come back at once). */
function compiledFormat(format: string): CompiledFormat {
  let c = compiled.get(format);
  if (!c) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    c = compile(format);
    compiled.set(format, c);
  }
  return c;
}

function fieldsOf(d: ScriptDate): DateFields {
  const t = new Date(d.ms);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
    weekday: t.getUTCDay(),
  };
}

/** Writes a date with a date format string: `formatDate(d, "yyyy-mm-ddTHH:MM:SS.zzzZ")`. */
export function formatDate(d: ScriptDate, format: string): string {
  const { parts, twelveHour } = compiledFormat(format);
  const fields = fieldsOf(d);
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : part.write(fields, twelveHour);
  return out;
}

/**
 * Reads a text laid out as `format` (CVTDate's input format). Literals must match exactly,
 * `?` matches any one character, surrounding white space is ignored; undefined when the
 * text does not match or names an impossible date.
 */
export function parseWithFormat(text: string, format: string): ScriptDate | undefined {
  const { parts, fraction: hasFraction } = compiledFormat(format);
  const input = text.trim();
  const into: ReadFields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  let pos = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      if (!input.startsWith(part, pos)) return undefined;
      pos += part.length;
    } else {
      pos = part.read(input, pos, into);
      if (pos < 0) return undefined;
    }
  }
  if (pos !== input.length) return undefined;
  const hour = hour24(into);
  if (hour === undefined) return undefined;
  const ms = wallClock(into.year, into.month, into.day, hour, into.minute, into.second, into.ms);
  return ms === undefined ? undefined : new ScriptDate(ms, hasFraction);
}

/** The 24-hour hour of what was read: with AM/PM the hour must be 1-12. */
function hour24(r: ReadFields): number | undefined {
  if (!r.meridiem) return r.hour;
  if (r.hour < 1 || r.hour > 12) return undefined;
  return (r.hour % 12) + (r.meridiem === 'PM' ? 12 : 0);
}
