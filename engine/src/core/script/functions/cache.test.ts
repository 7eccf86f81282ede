import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptEnv } from '../env.ts';
import { ScriptError } from '../errors.ts';
import { MemoryCache } from '../memory-cache.ts';
import type { ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

/** An environment with a MemoryCache on a clock the test moves. */
function cachedEnv() {
  const clock = { now: Date.UTC(2000, 8, 16) };
  const env = testEnv({ host: { now: () => clock.now } });
  env.host.cache = new MemoryCache(() => clock.now);
  return { env, advance: (seconds: number) => (clock.now += seconds * 1000) };
}

const call = (env: ScriptEnv, name: string, ...args: ScriptValue[]): ScriptValue => builtins.get(name)!.impl!(args, env) as ScriptValue;

function failure(env: ScriptEnv, name: string, ...args: ScriptValue[]): ScriptError {
  try {
    call(env, name, ...args);
  } catch (err) {
    if (err instanceof ScriptError) return err;
    throw err;
  }
  throw new Error(`${name} did not fail`);
}

describe('ReadCache and WriteCache', () => {
  it('write and read values, null when absent', () => {
    const { env } = cachedEnv();
    expect(call(env, 'WriteCache', 'token', 'abc')).toBeNull();
    expect(call(env, 'ReadCache', 'token')).toBe('abc');
    expect(call(env, 'ReadCache', 'missing')).toBeNull();
  });

  it('expire after 1800 seconds by default, and reading refreshes', () => {
    const { env, advance } = cachedEnv();
    call(env, 'WriteCache', 'a', 1);
    call(env, 'WriteCache', 'b', 2);
    advance(1000);
    expect(call(env, 'ReadCache', 'a')).toBe(1);
    advance(1000);
    expect(call(env, 'ReadCache', 'a')).toBe(1);
    expect(call(env, 'ReadCache', 'b')).toBeNull();
  });

  it('honour the expiration given, 0 or less meaning the default', () => {
    const { env, advance } = cachedEnv();
    call(env, 'WriteCache', 'short', 'v', 10);
    call(env, 'WriteCache', 'zero', 'v', 0);
    advance(11);
    expect(call(env, 'ReadCache', 'short')).toBeNull();
    expect(call(env, 'ReadCache', 'zero')).toBe('v');
  });

  it('keep the project and environment scopes apart, in any case', () => {
    const { env } = cachedEnv();
    call(env, 'WriteCache', 'k', 'p', 60, 'project');
    call(env, 'WriteCache', 'k', 'e', 60, 'Environment');
    expect(call(env, 'ReadCache', 'k')).toBe('p');
    expect(call(env, 'ReadCache', 'k', 60, 'ENVIRONMENT')).toBe('e');
  });

  it('remove an entry written as null', () => {
    const { env } = cachedEnv();
    call(env, 'WriteCache', 'k', 'v');
    call(env, 'WriteCache', 'k', null);
    expect(call(env, 'ReadCache', 'k')).toBeNull();
  });

  it('fail on an empty name or an unknown scope, blaming that argument', () => {
    const { env } = cachedEnv();
    expect(failure(env, 'ReadCache', '')).toMatchObject({ code: 'SCRIPT_FAILED', argument: 0 });
    expect(failure(env, 'ReadCache', 'k', 60, 'global')).toMatchObject({ code: 'SCRIPT_FAILED', argument: 2 });
    expect(failure(env, 'WriteCache', 'k', 'v', 60, 'global')).toMatchObject({ code: 'SCRIPT_FAILED', argument: 3 });
  });

  it('need a cache from the host', () => {
    const env = testEnv();
    expect(failure(env, 'ReadCache', 'k').code).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(failure(env, 'WriteCache', 'k', 'v').code).toBe('SCRIPT_NEEDS_CAPABILITY');
  });
});
