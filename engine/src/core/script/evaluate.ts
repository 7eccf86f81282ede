/**
 * One-shot evaluation of a script (the CLI's `chorus eval`, the studio's script tester,
 * tests) and the plain text a result is shown as.
 */
import { compileScript, type CompileOptions } from './compile.ts';
import { toStr } from './convert.ts';
import { createEnv, type ScriptEnv } from './env.ts';
import type { ScriptValue } from './values.ts';

type EvaluateOptions = Omit<CompileOptions, 'mode'>;

/** Compiles and runs a script in sync mode (as a mapping formula runs). */
export function evaluate(source: string, env: ScriptEnv = createEnv(), args: ScriptValue[] = [], options: EvaluateOptions = {}): ScriptValue {
  return compileScript(source, options).run(env, args);
}

/** Compiles and runs a script in async mode (as a script step runs): every function can be called. Compile errors reject. */
export async function evaluateAsync(source: string, env: ScriptEnv = createEnv({ async: true }), args: ScriptValue[] = [], options: EvaluateOptions = {}): Promise<ScriptValue> {
  return compileScript(source, { ...options, mode: 'async' }).runAsync(env, args);
}

/**
 * A result as the script tester shows it: strings as they are, null as nothing, booleans as
 * `true`/`false` (so they cannot be mistaken for the numbers 1 and 0), everything else in
 * its string form (numbers without exponent, dates `yyyy-mm-dd HH:MM:SS`, arrays `{1,2,abc}`,
 * dictionaries `[k=>"v"]`).
 */
export function formatResult(value: ScriptValue): string {
  return typeof value === 'boolean' ? String(value) : toStr(value);
}
