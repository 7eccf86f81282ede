// Test support for the function modules: call an implementation directly with the test host.
import { testEnv } from '../../../../script/test-host.ts';
import { ScriptError } from '../errors.ts';
import type { ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

export function call(name: string, ...args: ScriptValue[]): ScriptValue {
  return builtins.get(name)!.impl!(args, testEnv()) as ScriptValue;
}

/** The error a call raises: its code and the argument it blames. */
export function failure(name: string, ...args: ScriptValue[]): { code: string; argument?: number } {
  try {
    call(name, ...args);
  } catch (err) {
    if (err instanceof ScriptError) return { code: err.code, argument: err.argument };
    throw err;
  }
  throw new Error(`${name} did not fail`);
}
