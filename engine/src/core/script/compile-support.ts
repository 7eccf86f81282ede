/**
 * What the parts of the script compiler share: the frame a compiled script runs in, the
 * closure types, the compiler context handed to each node compiler, and how runtime errors
 * get their place (`file:line:column`) and the name of the function that failed.
 */
import type { Expr, Range } from './ast.ts';
import { ChorusError, type ErrorCode } from '../errors.ts';
import type { ScriptEnv } from './env.ts';
import { lineColumnOf, ScriptError } from './errors.ts';
import type { FunctionTable } from './functions/registry.ts';
import type { FunctionSpec } from './functions/types.ts';
import { copyValue, ScriptDict, type ScriptValue } from './values.ts';

/** One run of a compiled script: its environment, its locals by slot, the `_1`, `_2`... arguments. */
export interface Frame {
  env: ScriptEnv;
  /** `undefined` = never assigned (reading it is SCRIPT_UNINITIALIZED). */
  readonly locals: (ScriptValue | undefined)[];
  args: readonly ScriptValue[];
}

/** A compiled node in sync mode. */
export type Code = (f: Frame) => ScriptValue;
/** A compiled node in async mode: may return a promise (leaf nodes reuse their sync code). */
export type AsyncCode = (f: Frame) => ScriptValue | Promise<ScriptValue>;

export interface Context {
  readonly async: boolean;
  readonly functions: FunctionTable;
  code(node: Expr): Code;
  asyncCode(node: Expr): AsyncCode;
  /** The slot of a local variable (assigned on first use). */
  slot(name: string): number;
  /** Where a node starts, to locate errors thrown while it runs. */
  place(node: Range): Place;
  /** A compile-time error located at `at`. */
  error(code: ErrorCode, message: string, at: Range): ScriptError;
}

/** A position in a script; line and column are computed only when an error needs them. */
export class Place {
  constructor(
    private readonly source: string,
    private readonly file: string | undefined,
    readonly offset: number,
  ) {}

  location(): { file?: string; line: number; column: number } {
    const { line, column } = lineColumnOf(this.source, this.offset);
    return this.file === undefined ? { line, column } : { file: this.file, line, column };
  }
}

/** The function an error came from, to prefix its message ("Left: argument 2 (n): ..."). */
export interface Culprit {
  name: string;
  param?(index: number): string | undefined;
}

/**
 * Gives an error thrown at `place` its location and, for a function, the function's name
 * and the argument. Errors already located (by a nested call) pass through unchanged;
 * anything that is not a ScriptError becomes one (SCRIPT_FAILED, or SCRIPT_LIMIT for a
 * JavaScript stack overflow or an oversized string).
 */
export function located(err: unknown, place: Place, culprit?: Culprit): ScriptError {
  if (err instanceof ScriptError && err.located) return err;
  const prefix = culprit ? prefixOf(err, culprit) : '';
  let out: ScriptError;
  if (err instanceof ScriptError) {
    out = err;
    out.message = prefix + out.message;
    Object.assign(out.location, place.location());
  } else if (err instanceof ChorusError) {
    out = new ScriptError(err.code, prefix + err.message, place.location());
  } else {
    const message = err instanceof Error ? err.message : String(err);
    out = new ScriptError(isJsLimit(err) ? 'SCRIPT_LIMIT' : 'SCRIPT_FAILED', prefix + message, place.location());
  }
  out.located = true;
  return out;
}

function prefixOf(err: unknown, culprit: Culprit): string {
  // RaiseError's message is the designer's own text: GetLastError() must return it as written.
  if (err instanceof ScriptError && err.code === 'SCRIPT_RAISED') return '';
  const argument = err instanceof ScriptError ? err.argument : undefined;
  if (argument === undefined) return `${culprit.name}: `;
  const param = culprit.param?.(argument);
  return `${culprit.name}: argument ${argument + 1}${param ? ` (${param})` : ''}: `;
}

function isJsLimit(err: unknown): boolean {
  return err instanceof RangeError && /call stack|string length|array length/i.test(err.message);
}

/** A function as a culprit: parameter names come from its first signature long enough. */
export function specCulprit(spec: FunctionSpec): Culprit {
  return {
    name: spec.name,
    param(index) {
      for (const s of spec.signatures) {
        const p = s.params[index] ?? s.params.find((x) => x.rest);
        if (p) return p.name;
      }
      return undefined;
    },
  };
}

export function uninitialized(name: string, place: Place): never {
  const err = new ScriptError('SCRIPT_UNINITIALIZED', `Local variable '${name}' hasn't been initialized`, place.location());
  err.located = true;
  throw err;
}

export function isThenable(v: unknown): v is PromiseLike<ScriptValue> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Nodes whose array or dictionary value is stored somewhere else too, so storing it again copies it. */
const SHARED_KINDS = new Set<Expr['kind']>(['local', 'global', 'index', 'source', 'assign', 'sequence']);
/** Functions that return one of their arguments (or a stored value) as it is. */
const PASS_THROUGH = new Set(['if', 'case', 'ifnull', 'ifempty', 'mapcache', 'get']);

export function mayShare(node: Expr): boolean {
  return SHARED_KINDS.has(node.kind) || (node.kind === 'call' && PASS_THROUGH.has(node.name.toLowerCase()));
}

/** Copy-on-assign: an array or dictionary is copied so the two variables stay independent. */
export function unshared(v: ScriptValue): ScriptValue {
  return typeof v === 'object' && v !== null && (Array.isArray(v) || v instanceof ScriptDict) ? copyValue(v) : v;
}

/** The code of a value about to be stored in a variable, element or array literal. */
export function storedCode(node: Expr, cx: Context): Code {
  const code = cx.code(node);
  return mayShare(node) ? (f) => unshared(code(f)) : code;
}

export function storedAsyncCode(node: Expr, cx: Context): AsyncCode {
  const code = cx.asyncCode(node);
  return mayShare(node) ? async (f) => unshared(await code(f)) : code;
}
