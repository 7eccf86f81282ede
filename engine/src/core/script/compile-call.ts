/**
 * Calls of built-in functions: checked once at compile time (the function exists, the
 * argument count fits, async functions only in script steps), then at run time the
 * arguments are evaluated left to right and handed to the implementation. Errors it throws
 * get the function's name, the argument and the call's line:column.
 */
import type { Call, Expr, Range } from './ast.ts';
import { ScriptError } from './errors.ts';
import { arity, type FunctionSpec, type VarRef } from './functions/types.ts';
import type { ScriptEnv } from './env.ts';
import type { ScriptValue } from './values.ts';
import { isThenable, located, specCulprit, type AsyncCode, type Code, type Context, type Place } from './compile-support.ts';

type Invoke = (args: ScriptValue[], env: ScriptEnv) => ScriptValue;
type AsyncInvoke = (args: ScriptValue[], env: ScriptEnv) => Promise<ScriptValue>;

export function callCode(node: Call, cx: Context): Code {
  const spec = resolve(node, cx);
  const args = node.args.map((arg, i) => refCode(spec, arg, i, cx) ?? cx.code(arg));
  const invoke = invoker(spec, cx.place(node));
  // Array literals of a known length for the common arities: cheaper than growing an array.
  const [a, b, c] = args;
  switch (args.length) {
    case 0:
      return (f) => invoke([], f.env);
    case 1:
      return (f) => invoke([a(f)], f.env);
    case 2:
      return (f) => invoke([a(f), b(f)], f.env);
    case 3:
      return (f) => invoke([a(f), b(f), c(f)], f.env);
  }
  return (f) => invoke(args.map((arg) => arg(f)), f.env);
}

export function callAsyncCode(node: Call, cx: Context): AsyncCode {
  const spec = resolve(node, cx);
  const args = node.args.map((arg, i) => refCode(spec, arg, i, cx) ?? cx.asyncCode(arg));
  const invoke = asyncInvoker(spec, cx.place(node));
  return async (f) => {
    const values: ScriptValue[] = [];
    for (const arg of args) values.push(await arg(f));
    return invoke(values, f.env);
  };
}

function resolve(node: Call, cx: Context): FunctionSpec {
  const spec = cx.functions.get(node.name);
  if (!spec) throw cx.error('SCRIPT_UNKNOWN_FUNCTION', `Function ${node.name} does not exist`, node.nameRange);
  const { min, max } = arity(spec);
  checkArity(spec.name, min, max, node, cx);
  if (spec.async && !cx.async) throw cx.error('SCRIPT_NOT_ALLOWED', `${spec.name} cannot run inside a mapping formula; call it from a script step`, node.nameRange);
  return spec;
}

export function checkArity(name: string, min: number, max: number, node: Call, cx: Context): void {
  const got = node.args.length;
  if (got >= min && got <= max) return;
  const count = max === 0 ? 'no' : min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  const noun = count === '1' || count === 'at least 1' ? 'argument' : 'arguments';
  throw cx.error('SCRIPT_ARGUMENTS', `${name} takes ${count} ${noun}, got ${got}`, node as Range);
}

/** For a `var` parameter given a plain variable: code producing a VarRef (else undefined). */
function refCode(spec: FunctionSpec, arg: Expr, index: number, cx: Context): Code | undefined {
  if (arg.kind !== 'local' && arg.kind !== 'global') return undefined;
  const isVar = spec.signatures.some((s) => {
    const last = s.params[s.params.length - 1];
    return (s.params[index] ?? (last?.rest ? last : undefined))?.type === 'var';
  });
  if (!isVar) return undefined;
  const name = arg.name;
  if (arg.kind === 'global') {
    return (f) => ref({ kind: 'ref', name, global: true, get: () => f.env.globals.get(name), set: (v) => f.env.globals.set(name, v) });
  }
  const slot = cx.slot(name);
  return (f) => ref({ kind: 'ref', name, global: false, get: () => f.locals[slot] ?? null, set: (v) => (f.locals[slot] = v) });
}

/** A VarRef travels in the argument array like a value; `var` parameters expect it. */
const ref = (r: VarRef): ScriptValue => r as unknown as ScriptValue;

function invoker(spec: FunctionSpec, place: Place): Invoke {
  const impl = spec.impl;
  if (!impl) return () => missing(spec, place);
  const culprit = specCulprit(spec);
  return (args, env) => {
    try {
      const result = impl(args, env);
      if (isThenable(result)) throw new ScriptError('SCRIPT_NOT_ALLOWED', 'cannot wait for a result inside a mapping formula; call it from a script step');
      return result;
    } catch (err) {
      throw located(err, place, culprit);
    }
  };
}

function asyncInvoker(spec: FunctionSpec, place: Place): AsyncInvoke {
  const impl = spec.impl;
  if (!impl) return async () => missing(spec, place);
  const culprit = specCulprit(spec);
  return async (args, env) => {
    try {
      return await impl(args, env);
    } catch (err) {
      throw located(err, place, culprit);
    }
  };
}

function missing(spec: FunctionSpec, place: Place): never {
  const err = new ScriptError('SCRIPT_NEEDS_CAPABILITY', `${spec.name} needs ${spec.needs ?? 'an implementation'}, which this engine does not provide yet`, place.location());
  err.located = true;
  throw err;
}
