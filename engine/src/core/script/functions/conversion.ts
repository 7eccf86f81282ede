/**
 * Conversion functions. Every one of them returns null for a null argument (the reference
 * does so for Bool, Date and Double, and a missing value converted stays missing); the
 * numeric ones convert an array element by element.
 */
import { describeType, isTrue, utf8Bytes, utf8Text } from '../convert.ts';
import type { ScriptEnv } from '../env.ts';
import { failed, typeError } from '../errors.ts';
import { toHex, type ScriptValue } from '../values.ts';
import { bool, date, int, num, str } from './args.ts';
import type { FunctionImpl, FunctionSpec, ParamType, Signature } from './types.ts';

const UNICODE_SETTING = 'jitterbit.scripting.hex.enable_unicode_support';

const one = (name: string, type: ParamType, returns: ParamType): Signature[] => [{ params: [{ name, type }], returns }];

/** Null in, null out; otherwise `convert`. */
function nullOr(convert: FunctionImpl): FunctionImpl {
  return (args, env) => (args[0] === null ? null : convert(args, env));
}

/** A numeric conversion of a scalar, applied to each element of an array (nested ones too). */
function numeric(convert: (args: ScriptValue[], i: number) => number): FunctionImpl {
  const each = (v: ScriptValue): ScriptValue => (v === null ? null : Array.isArray(v) ? v.map(each) : convert([v], 0));
  return (args) => each(args[0] ?? null);
}

function binary(args: ScriptValue[], i: number): Uint8Array {
  const v = args[i] ?? null;
  if (!(v instanceof Uint8Array)) throw typeError(`expected a binary, got ${describeType(v)}`, i);
  return v;
}

/** Bytes of a hex text: pairs of hex digits, either case. */
function hexBytes(hex: string, argument: number): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    const why = hex.length % 2 === 1 ? 'an odd number of digits' : 'a character that is not a hex digit';
    throw failed(`"${hex.length > 40 ? `${hex.slice(0, 40)}…` : hex}" is not hex: it has ${why}`, argument);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function unicodeHex(env: ScriptEnv): boolean {
  return isTrue(env.globals.get(UNICODE_SETTING));
}

/** Without unicode support a character is one byte (Latin-1), so the text must fit in 0-255. */
function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw failed(`"${text[i]}" does not fit in one byte; set $${UNICODE_SETTING} to true to use UTF-8`, 0);
    out[i] = code;
  }
  return out;
}

function latin1Text(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidText(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw failed(`a UUID has 16 bytes, this binary has ${bytes.length}`, 0);
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function uuidBytes(text: string): Uint8Array {
  if (!UUID.test(text)) throw failed(`"${text}" is not a UUID (nnnnnnnn-nnnn-nnnn-nnnn-nnnnnnnnnnnn)`, 0);
  return hexBytes(text.replace(/-/g, ''), 0);
}

export const conversionFunctions: FunctionSpec[] = [
  {
    name: 'BinaryToHex',
    category: 'conversion',
    summary: 'The lowercase hex digits of each byte of a binary value; an empty binary gives "".',
    signatures: one('arg', 'binary', 'string'),
    examples: [
      { code: 'BinaryToHex(HexToBinary("00FF1a"))', result: { type: 'string', value: '00ff1a' } },
      { code: 'BinaryToHex(HexToBinary(""))', result: { type: 'string', value: '' } },
      { code: 'BinaryToHex("abc")', error: 'SCRIPT_TYPE' },
    ],
    impl: nullOr((args) => toHex(binary(args, 0))),
  },
  {
    name: 'BinaryToUUID',
    category: 'conversion',
    summary: 'The UUID text (lowercase 8-4-4-4-12) of a 16-byte binary value.',
    signatures: one('arg', 'binary', 'string'),
    examples: [
      {
        code: 'BinaryToUUID(HexToBinary("0123456789ABCDEF0123456789ABCDEF"))',
        result: { type: 'string', value: '01234567-89ab-cdef-0123-456789abcdef' },
      },
      { code: 'BinaryToUUID(HexToBinary("0102"))', error: 'SCRIPT_FAILED' },
    ],
    impl: nullOr((args) => uuidText(binary(args, 0))),
  },
  {
    name: 'Bool',
    category: 'conversion',
    summary: 'Converts to a boolean: numbers are true when not 0, strings when they read "true" or "T" (any case) or start with a non-zero number.',
    signatures: one('arg', 'type', 'bool'),
    examples: [
      { code: 'Bool("true")', result: { type: 'bool', value: true } },
      { code: 'Bool(2)', result: { type: 'bool', value: true } },
      { code: 'Bool("F")', result: { type: 'bool', value: false } },
      { code: 'Bool(Null())', result: { type: 'null', value: null } },
    ],
    impl: nullOr((args) => bool(args, 0)),
  },
  {
    name: 'Date',
    category: 'conversion',
    summary:
      'Converts a string in a standard layout (2018-12-25, 12/25/2018 12:30, 2018-12-25T12:30:00, December 25, 2018) or a number of Unix seconds to a date.',
    signatures: one('arg', 'type', 'date'),
    examples: [
      { code: 'Date("12/25/2018 12:30")', result: { type: 'date', value: '2018-12-25T12:30:00' } },
      { code: 'Date("DEC 25, 2018")', result: { type: 'date', value: '2018-12-25T00:00:00' } },
      { code: 'Date(86400)', result: { type: 'date', value: '1970-01-02T00:00:00' } },
      { code: 'Date("someday")', error: 'SCRIPT_FAILED' },
    ],
    impl: nullOr((args) => date(args, 0)),
  },
  {
    name: 'Double',
    category: 'conversion',
    summary: 'Converts to a number: a string by its leading number (0 when there is none), a date to Unix seconds, an array element by element.',
    signatures: one('arg', 'type', 'double'),
    examples: [
      { code: 'Double("2.5kg")', result: { type: 'double', value: 2.5 } },
      { code: 'Double("abc")', result: { type: 'int', value: 0 } },
      { code: 'Double({"1.5", "x"})', result: { type: 'array', value: [1.5, 0] } },
      { code: 'Double(Null())', result: { type: 'null', value: null } },
    ],
    impl: numeric(num),
  },
  {
    name: 'Float',
    category: 'conversion',
    summary: 'The same as Double.',
    signatures: one('arg', 'type', 'float'),
    examples: [
      { code: 'Float("-.5")', result: { type: 'double', value: -0.5 } },
      { code: 'Float(true)', result: { type: 'int', value: 1 } },
    ],
    impl: numeric(num),
  },
  {
    name: 'HexToBinary',
    category: 'conversion',
    summary: 'Converts hex text (pairs of digits, either case) to a binary value.',
    signatures: one('arg', 'string', 'binary'),
    examples: [
      { code: 'HexToBinary("4a6974")', result: { type: 'binary', value: '4a6974' } },
      { code: 'HexToBinary("ABC")', error: 'SCRIPT_FAILED' },
      { code: 'HexToBinary("zz")', error: 'SCRIPT_FAILED' },
    ],
    impl: nullOr((args) => hexBytes(str(args, 0), 0)),
  },
  {
    name: 'HexToString',
    category: 'conversion',
    summary:
      'Converts hex text to a string, one character per byte; with $jitterbit.scripting.hex.enable_unicode_support true the bytes are read as UTF-8. The inverse of StringToHex.',
    signatures: one('arg', 'string', 'string'),
    examples: [
      { code: 'HexToString("4a6974")', result: { type: 'string', value: 'Jit' } },
      { code: 'HexToString("e9")', result: { type: 'string', value: 'é' } },
      { code: '$jitterbit.scripting.hex.enable_unicode_support = true; HexToString("c3a9")', result: { type: 'string', value: 'é' } },
    ],
    impl: nullOr((args, env) => {
      const bytes = hexBytes(str(args, 0), 0);
      return unicodeHex(env) ? utf8Text(bytes) : latin1Text(bytes);
    }),
  },
  {
    name: 'Int',
    category: 'conversion',
    summary: 'Converts to a number as Double does, then truncates toward zero.',
    signatures: one('arg', 'type', 'int'),
    examples: [
      { code: 'Int("12.9x")', result: { type: 'int', value: 12 } },
      { code: 'Int(-3.7)', result: { type: 'int', value: -3 } },
      { code: 'Int(Date("1970-01-02"))', result: { type: 'int', value: 86400 } },
    ],
    impl: numeric(int),
  },
  {
    name: 'Long',
    category: 'conversion',
    summary: 'The same as Int.',
    signatures: one('arg', 'type', 'long'),
    examples: [
      { code: 'Long("9007199254740991")', result: { type: 'int', value: 9007199254740991 } },
      { code: 'Long({1.9, "2.9"})', result: { type: 'array', value: [1, 2] } },
    ],
    impl: numeric(int),
  },
  {
    name: 'String',
    category: 'conversion',
    summary:
      'The string form of a value: booleans "1"/"0", dates yyyy-mm-dd HH:MM:SS, binaries their UTF-8 text (hex when they contain a zero byte), arrays {a,b}.',
    signatures: one('arg', 'type', 'string'),
    examples: [
      { code: 'String(true)', result: { type: 'string', value: '1' } },
      { code: 'String(2.50)', result: { type: 'string', value: '2.5' } },
      { code: 'String(Date("2024-03-05"))', result: { type: 'string', value: '2024-03-05 00:00:00' } },
      { code: 'String({1, "a"})', result: { type: 'string', value: '{1,a}' } },
    ],
    impl: nullOr((args) => str(args, 0)),
  },
  {
    name: 'StringToHex',
    category: 'conversion',
    summary:
      'The lowercase hex of the bytes of a string, one byte per character; with $jitterbit.scripting.hex.enable_unicode_support true the bytes are UTF-8. The inverse of HexToString.',
    signatures: one('arg', 'string', 'string'),
    examples: [
      { code: 'StringToHex("Jit")', result: { type: 'string', value: '4a6974' } },
      { code: 'StringToHex("é")', result: { type: 'string', value: 'e9' } },
      { code: '$jitterbit.scripting.hex.enable_unicode_support = true; StringToHex("é")', result: { type: 'string', value: 'c3a9' } },
      { code: 'StringToHex("€")', error: 'SCRIPT_FAILED' },
    ],
    impl: nullOr((args, env) => {
      const text = str(args, 0);
      return toHex(unicodeHex(env) ? utf8Bytes(text) : latin1Bytes(text));
    }),
  },
  {
    name: 'UUIDToBinary',
    category: 'conversion',
    summary: 'The 16 bytes of a UUID written nnnnnnnn-nnnn-nnnn-nnnn-nnnnnnnnnnnn (either case).',
    signatures: one('arg', 'string', 'binary'),
    examples: [
      { code: 'UUIDToBinary("01234567-89AB-cdef-0123-456789abcdef")', result: { type: 'binary', value: '0123456789abcdef0123456789abcdef' } },
      { code: 'UUIDToBinary("0123456789abcdef0123456789abcdef")', error: 'SCRIPT_FAILED' },
    ],
    impl: nullOr((args) => uuidBytes(str(args, 0))),
  },
];
