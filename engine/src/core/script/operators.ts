/**
 * Operators per operand type (docs/script/language.md, "Operators").
 * PLACEHOLDER API: being implemented; signatures are fixed.
 */
import type { BinaryOp } from './ast.ts';
import { scriptError } from './errors.ts';
import type { ScriptValue } from './values.ts';

const todo = (): never => {
  throw scriptError('INTERNAL', 'operators are not implemented yet');
};

/** `a op b` for every binary operator but && and ||, arrays element-wise. */
export function binary(op: BinaryOp, a: ScriptValue, b: ScriptValue): ScriptValue {
  return todo() ?? op ?? a ?? b;
}

/** Unary minus. */
export function negate(v: ScriptValue): ScriptValue {
  return todo() ?? v;
}

/** `!v`. */
export function not(v: ScriptValue): ScriptValue {
  return todo() ?? v;
}

/** The new value of a variable after `++` (delta 1) or `--` (delta -1). */
export function step(v: ScriptValue, delta: 1 | -1): ScriptValue {
  return todo() ?? v ?? delta;
}

/** How an operand of && and || counts: arrays, dictionaries, binaries, dates and null are false. */
export function logicalTruth(v: ScriptValue): boolean {
  return todo() ?? v;
}

/** `a == b` as a single boolean for scalars (null never equals anything). */
export function equals(a: ScriptValue, b: ScriptValue): boolean {
  return todo() ?? a ?? b;
}

/** Equal(): recursive for arrays, scalars compared with type promotion (Equal(1, "1") is true). */
export function looseEquals(a: ScriptValue, b: ScriptValue): boolean {
  return todo() ?? a ?? b;
}

/** Ordering for SortArray, Max, Min: numbers numerically, strings by code unit, dates in time; mixed by numeric value. */
export function compareValues(a: ScriptValue, b: ScriptValue): number {
  return todo() ?? a ?? b;
}
