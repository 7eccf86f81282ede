/**
 * The functions a JavaScript script can call, and nothing else: the host API (GetVar,
 * SetVar, WriteToOperationLog, RunOperation, console) and every non-intrinsic function of
 * the library under its canonical name.
 */
import { ChorusError } from '../core/errors.ts';
import type { LogLevel, ScriptEnv } from '../core/script/env.ts';
import { ScriptError, scriptError } from '../core/script/errors.ts';
import type { FunctionTable } from '../core/script/functions/registry.ts';
import { arity, type FunctionSpec } from '../core/script/functions/types.ts';
import { toHost, type ScriptValue } from '../core/script/values.ts';

export interface HostFunction {
  /** Waits for the host (an operation, a timer): callable only from a script in async mode. */
  readonly async: boolean;
  call(args: ScriptValue[]): ScriptValue | Promise<ScriptValue>;
}

/** Names starting with `console.` are reached through the `console` object, not as globals. */
export function hostFunctions(env: ScriptEnv, functions: FunctionTable): Map<string, HostFunction> {
  const out = new Map<string, HostFunction>();
  for (const spec of functions.functions) if (!spec.intrinsic) out.set(spec.name, libraryFunction(spec, env));
  // The host API wins over library functions of the same name: its JavaScript form takes plain values.
  for (const [name, fn] of Object.entries(hostApi(env))) out.set(name, fn);
  return out;
}

function hostApi(env: ScriptEnv): Record<string, HostFunction> {
  const log = (level: LogLevel): HostFunction => sync((args) => {
    const message = text(args[0] ?? null);
    env.host.log(level, message);
    return message;
  });
  return {
    GetVar: sync((args) => env.globals.get(name(args[0], 'GetVar'))),
    SetVar: sync((args) => {
      const value = args[1] ?? null;
      env.globals.set(name(args[0], 'SetVar'), value);
      return value;
    }),
    WriteToOperationLog: log('info'),
    RunOperation: { async: true, call: (args) => runOperation(env, args) },
    'console.log': log('info'),
    'console.warn': log('warning'),
    'console.error': log('error'),
  };
}

function sync(call: (args: ScriptValue[]) => ScriptValue): HostFunction {
  return { async: false, call };
}

async function runOperation(env: ScriptEnv, args: ScriptValue[]): Promise<ScriptValue> {
  const operations = env.host.operations;
  if (!operations) throw scriptError('SCRIPT_NEEDS_CAPABILITY', 'RunOperation needs the operations capability, which this host does not provide');
  const ref = name(args[0], 'RunOperation');
  return operations.run(ref, args[1] === undefined || args[1] === null ? true : Boolean(args[1]), env);
}

function libraryFunction(spec: FunctionSpec, env: ScriptEnv): HostFunction {
  const { min, max } = arity(spec);
  return {
    async: spec.async === true,
    call: (args) => {
      if (args.length < min || args.length > max) throw scriptError('SCRIPT_ARGUMENTS', `${spec.name} takes ${count(min, max)}, not ${args.length}`);
      if (spec.impl) return spec.impl(args, env);
      if (spec.needs) throw scriptError('SCRIPT_NEEDS_CAPABILITY', `${spec.name} needs ${spec.needs}, which this host does not provide`);
      throw scriptError('SCRIPT_UNAVAILABLE', `${spec.name} is not available in this engine`);
    },
  };
}

function count(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return max === Infinity ? `at least ${min} arguments` : `${min} to ${max} arguments`;
}

function name(v: ScriptValue | undefined, fn: string): string {
  if (typeof v !== 'string' || v === '') throw scriptError('SCRIPT_ARGUMENTS', `${fn}: the first argument must be a non-empty string`, 0);
  return v;
}

/** What a log line shows: strings as they are, other values as JSON. */
function text(v: ScriptValue): string {
  return typeof v === 'string' ? v : JSON.stringify(toHost(v));
}

/** Coded errors keep their code; anything else thrown by a host function is a failure of that call. */
export function asScriptError(e: unknown): ScriptError {
  if (e instanceof ScriptError) return e;
  if (e instanceof ChorusError) return new ScriptError(e.code, e.message);
  return scriptError('SCRIPT_FAILED', e instanceof Error ? e.message : String(e));
}
