/**
 * printf-style formatting of one value, as `Format()` and `Round()` use it:
 * `%[flags][width][.precision]conv` with conv in `d i u f F e E g G x X o s c %` and flags
 * `- + space 0 #`, like the C library. C length modifiers (`%ld`, `%lld`) are accepted and
 * ignored since the script has one numeric type.
 */
import { failed } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { checkLength, int, num, str } from './args.ts';

interface Spec {
  left: boolean;
  plus: boolean;
  space: boolean;
  zero: boolean;
  alt: boolean;
  width: number;
  precision: number | undefined;
  conv: string;
}

/** A formatted field before padding: the sign or radix prefix is kept apart for `0` padding. */
interface Field {
  prefix: string;
  body: string;
  /** Whether `0` pads between prefix and body (numbers that are finite). */
  zeroPads: boolean;
}

const CONVERSION = /%([-+ 0#]*)(\d*)(?:\.(\d*))?(?:(?:hh|h|ll|l|L)(?=[diouxXeEfFgGcs]))?(.?)/gs;

/** The largest precision printed; toFixed and toExponential stop at 100. */
const MAX_PRECISION = 100;

/**
 * Formats `args[at]` with `format`. Only one conversion can consume the value (there is one
 * value); `%%` prints a percent sign.
 */
export function printf(format: string, args: ScriptValue[], at: number): string {
  let used = false;
  return format.replace(CONVERSION, (_all, flags: string, width: string, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    if (conv === '') throw failed(`the format "${format}" ends in the middle of a conversion`);
    if (used) throw failed(`the format "${format}" has more than one conversion but there is one value`);
    used = true;
    const spec: Spec = {
      left: flags.includes('-'),
      plus: flags.includes('+'),
      space: flags.includes(' '),
      zero: flags.includes('0'),
      alt: flags.includes('#'),
      width: Number(width || 0),
      precision: precision === undefined ? undefined : Number(precision || 0),
      conv,
    };
    if ((spec.precision ?? 0) > MAX_PRECISION) throw failed(`a precision of ${spec.precision} is more than ${MAX_PRECISION}`);
    return pad(field(spec, args, at), spec);
  });
}

/** `%.<precision>f` of one number (what Round returns), without parsing a format each call. */
export function fixedText(n: number, precision: number): string {
  if (!Number.isFinite(n) || precision > MAX_PRECISION) return printf(`%.${precision}f`, [n], 0);
  const body = fixed(Math.abs(n), precision, false);
  return n < 0 && /[1-9]/.test(body) ? `-${body}` : body;
}

function field(spec: Spec, args: ScriptValue[], at: number): Field {
  switch (spec.conv) {
    case 'd':
    case 'i':
      return signedInteger(int(args, at), spec);
    case 'u':
    case 'x':
    case 'X':
    case 'o':
      return unsignedInteger(int(args, at), spec);
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
      return floating(num(args, at), spec);
    case 's': {
      const text = str(args, at);
      return { prefix: '', body: spec.precision === undefined ? text : text.slice(0, spec.precision), zeroPads: false };
    }
    case 'c':
      return { prefix: '', body: character(args[at] ?? null, args, at), zeroPads: false };
    default:
      throw failed(`"%${spec.conv}" is not a conversion (use one of d i u f F e E g G x X o s c %)`);
  }
}

function finiteInteger(n: number): bigint {
  if (!Number.isFinite(n)) throw failed(`${n > 0 ? 'inf' : '-inf'} cannot be formatted as an integer`);
  return BigInt(n);
}

/** Digits with at least `precision` of them; precision 0 prints nothing for zero, as C does. */
function minDigits(digits: string, precision: number | undefined): string {
  if (precision === undefined) return digits;
  if (precision === 0 && digits === '0') return '';
  return digits.padStart(precision, '0');
}

function signedInteger(n: number, spec: Spec): Field {
  const value = finiteInteger(n);
  const body = minDigits((value < 0n ? -value : value).toString(), spec.precision);
  return { prefix: sign(value < 0n, spec), body, zeroPads: spec.precision === undefined };
}

/** %u %x %X %o read a negative number as its 64-bit two's complement, as C does with a long. */
function unsignedInteger(n: number, spec: Spec): Field {
  const value = BigInt.asUintN(64, finiteInteger(n));
  const radix = spec.conv === 'o' ? 8 : spec.conv === 'u' ? 10 : 16;
  let body = minDigits(value.toString(radix), spec.precision);
  if (spec.conv === 'X') body = body.toUpperCase();
  let prefix = '';
  if (spec.alt && spec.conv === 'o' && !body.startsWith('0')) body = `0${body}`;
  if (spec.alt && value !== 0n && (spec.conv === 'x' || spec.conv === 'X')) prefix = `0${spec.conv}`;
  return { prefix, body, zeroPads: spec.precision === undefined };
}

function floating(n: number, spec: Spec): Field {
  const upper = spec.conv === spec.conv.toUpperCase();
  if (!Number.isFinite(n)) {
    const body = Number.isNaN(n) ? 'nan' : 'inf';
    return { prefix: sign(n < 0, spec), body: upper ? body.toUpperCase() : body, zeroPads: false };
  }
  const abs = Math.abs(n);
  const precision = spec.precision ?? 6;
  const kind = spec.conv.toLowerCase();
  let body = kind === 'f' ? fixed(abs, precision, spec.alt) : kind === 'e' ? exponential(abs, precision, spec.alt) : general(abs, precision, spec.alt);
  if (upper) body = body.toUpperCase();
  // No "-0": a negative number that rounds to zero prints as zero.
  return { prefix: sign(n < 0 && /[1-9]/.test(body), spec), body, zeroPads: true };
}

/**
 * `abs` with `precision` decimals. Rounding works on the exact binary value; an exact tie
 * (0.125 to 2 places) goes away from zero, where the C library would go to even.
 */
function fixed(abs: number, precision: number, alt: boolean): string {
  // toFixed switches to exponent form from 1e21; such doubles are integers.
  const text = abs < 1e21 ? abs.toFixed(precision) : `${BigInt(abs)}${precision > 0 ? `.${'0'.repeat(precision)}` : ''}`;
  return alt && precision === 0 ? `${text}.` : text;
}

/** `d.ddde+XX`: at least two exponent digits, as C prints them. */
function exponential(abs: number, precision: number, alt: boolean): string {
  const [mantissa, exp] = abs.toExponential(precision).split('e');
  const sign = exp.startsWith('-') ? '-' : '+';
  return `${mantissa}${alt && precision === 0 ? '.' : ''}e${sign}${exp.replace(/^[-+]/, '').padStart(2, '0')}`;
}

/** %g: %e or %f with `precision` significant digits, whichever C would choose; trailing zeros dropped unless `#`. */
function general(abs: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const exp = Number(abs.toExponential(p - 1).split('e')[1]);
  const text = exp >= -4 && exp < p ? fixed(abs, Math.min(p - 1 - exp, MAX_PRECISION), alt) : exponential(abs, p - 1, alt);
  if (alt) return text;
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/** %c: a number is a character code; anything else prints its first character. */
function character(v: ScriptValue, args: ScriptValue[], at: number): string {
  if (typeof v !== 'number') return str(args, at).slice(0, 1);
  const code = int(args, at);
  if (code < 0 || code > 0x10ffff) throw failed(`${code} is not a character code`, at);
  return String.fromCodePoint(code);
}

function sign(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  return spec.plus ? '+' : spec.space ? ' ' : '';
}

function pad(f: Field, spec: Spec): string {
  const missing = spec.width - f.prefix.length - f.body.length;
  if (missing <= 0) return f.prefix + f.body;
  checkLength(spec.width);
  if (spec.left) return f.prefix + f.body + ' '.repeat(missing);
  if (spec.zero && f.zeroPads) return f.prefix + '0'.repeat(missing) + f.body;
  return ' '.repeat(missing) + f.prefix + f.body;
}
