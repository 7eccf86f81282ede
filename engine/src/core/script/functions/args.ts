/**
 * Argument conversions for function implementations. Each converts `args[i]` to the
 * parameter's type as the reference product does, and when it cannot, throws an error that
 * records which argument was wrong (the caller adds the function and parameter names).
 */
import { toBool, toDate, toInt, toNum, toStr, utf8Bytes, describeType } from '../convert.ts';
import { ScriptError, typeError } from '../errors.ts';
import { LIMITS } from '../env.ts';
import { ScriptDict, type ScriptDate, type ScriptValue } from '../values.ts';

function at<T>(args: ScriptValue[], i: number, convert: (v: ScriptValue) => T): T {
  try {
    return convert(args[i] ?? null);
  } catch (err) {
    if (err instanceof ScriptError && err.argument === undefined) err.argument = i;
    throw err;
  }
}

// Strings and numbers, the usual arguments, skip the conversion machinery.
export const str = (args: ScriptValue[], i: number): string => {
  const v = args[i];
  return typeof v === 'string' ? v : at(args, i, toStr);
};
export const num = (args: ScriptValue[], i: number): number => {
  const v = args[i];
  return typeof v === 'number' ? v : at(args, i, toNum);
};
export const int = (args: ScriptValue[], i: number): number => {
  const v = args[i];
  return typeof v === 'number' && Number.isInteger(v) ? v || 0 : at(args, i, toInt);
};
export const bool = (args: ScriptValue[], i: number): boolean => at(args, i, toBool);
export const date = (args: ScriptValue[], i: number): ScriptDate => at(args, i, toDate);

/** An optional argument: `fallback` when it was not passed. */
export function opt<T>(args: ScriptValue[], i: number, convert: (args: ScriptValue[], i: number) => T, fallback: T): T {
  return i < args.length ? convert(args, i) : fallback;
}

export function arr(args: ScriptValue[], i: number): ScriptValue[] {
  const v = args[i] ?? null;
  if (!Array.isArray(v)) throw new ScriptError('SCRIPT_TYPE', `expected an array, got ${describeType(v)}`, {}, i);
  return v;
}

export function dict(args: ScriptValue[], i: number): ScriptDict {
  const v = args[i] ?? null;
  if (!(v instanceof ScriptDict)) throw new ScriptError('SCRIPT_TYPE', `expected a dictionary, got ${describeType(v)}`, {}, i);
  return v;
}

/** Bytes: a binary as it is, anything else as the UTF-8 bytes of its string form. */
export function bytes(args: ScriptValue[], i: number): Uint8Array {
  const v = args[i] ?? null;
  return v instanceof Uint8Array ? v : utf8Bytes(at(args, i, toStr));
}

/** Fails with SCRIPT_LIMIT when a string a function is about to build would be too long. */
export function checkLength(length: number, what = 'string'): void {
  const max = what === 'array' ? LIMITS.arrayLength : LIMITS.stringLength;
  if (length > max) throw new ScriptError('SCRIPT_LIMIT', `the ${what} would have ${length} ${what === 'array' ? 'elements' : 'characters'}, more than the limit of ${max}`);
}

export { typeError };
