import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptEnv, ScriptHost } from '../env.ts';
import { scriptError, type ScriptError } from '../errors.ts';
import { labelled, ScriptDate, ScriptDict, type ScriptValue } from '../values.ts';
import type { OperationRuntime } from './general.ts';
import { builtins } from './index.ts';
import type { VarRef } from './types.ts';

const call = (name: string, args: (ScriptValue | VarRef)[], env: ScriptEnv = testEnv()) => builtins.get(name)!.impl!(args as ScriptValue[], env);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};
const asyncCodeOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

function variable(initial: ScriptValue, name = 'v', global = false): VarRef & { value: ScriptValue } {
  return {
    kind: 'ref',
    name,
    global,
    value: initial,
    get() {
      return this.value;
    },
    set(v) {
      this.value = v;
    },
  };
}

const envWith = (host: Partial<ScriptHost>, globals: Record<string, unknown> = {}) => testEnv({ host, globals, async: true });

describe('Get and Set', () => {
  it('read and write globals by name, with or without $', () => {
    const env = testEnv();
    expect(call('Set', ['total', 5], env)).toBe(5);
    expect(call('Get', ['TOTAL'], env)).toBe(5);
    expect(call('Get', ['$total'], env)).toBe(5);
    expect(call('Get', ['never.set'], env)).toBeNull();
    expect(call('Get', ['jitterbit.scripting.nesting.max'], env)).toBe(10);
  });

  it('index nested arrays and dictionaries', () => {
    const env = testEnv({ globals: { rows: [['a', 'b'], ['c']], d: { k: [1, 2] } } });
    expect(call('Get', ['rows', 1, 0], env)).toBe('c');
    expect(call('Get', ['rows', 5], env)).toBeNull();
    expect(call('Get', ['rows', 0.5], env)).toBeNull();
    expect(call('Get', ['rows', true, ''], env)).toBe('c');
    expect(call('Get', ['d', 'k', 1], env)).toBe(2);
    expect(call('Get', [[10, 20], 1], env)).toBe(20);
    expect(call('Get', [labelled(['x', 'y'], ['first', 'second']), 'Second'], env)).toBe('y');
  });

  it('reject negative indexes and indexing a scalar', () => {
    const env = testEnv({ globals: { rows: [1], s: 'text' } });
    expect(codeOf(() => call('Get', ['rows', -1], env))).toBe('SCRIPT_INDEX');
    expect(codeOf(() => call('Get', ['s', 0], env))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => call('Set', ['rows', 1, -1], env))).toBe('SCRIPT_INDEX');
    expect(codeOf(() => call('Set', ['rows', 1, 'x'], env))).toBe('SCRIPT_INDEX');
  });

  it('Set with indexes grows arrays and creates missing levels', () => {
    const env = testEnv();
    call('Set', ['m', 'x', 1, 2], env);
    expect(env.globals.get('m')).toEqual([null, [null, null, 'x']]);
    call('Set', ['m', 'y', 0], env);
    expect(env.globals.get('m')).toEqual(['y', [null, null, 'x']]);
  });

  it('Set into a dictionary global sets a key', () => {
    const d = new ScriptDict();
    const env = testEnv({ globals: { d } });
    call('Set', ['d', 1, 'k'], env);
    expect(d.get('k')).toBe(1);
  });

  it('Set on an array variable assigns its element; a variable holding a name sets that global', () => {
    const a = variable([1, 2]);
    expect(call('Set', [a, 9, 3])).toBe(9);
    expect(a.value).toEqual([1, 2, null, 9]);
    const env = testEnv();
    call('Set', [variable('target'), 'v'], env);
    expect(env.globals.get('target')).toBe('v');
    expect(codeOf(() => call('Set', [[1], 2]))).toBe('SCRIPT_ARGUMENTS');
    expect(codeOf(() => call('Set', [variable(null), 2]))).toBe('SCRIPT_FAILED'); // an unset variable names nothing
  });

  it('Set stores a copy of arrays', () => {
    const env = testEnv();
    const value: ScriptValue[] = [1];
    call('Set', ['a', value], env);
    value.push(2);
    expect(env.globals.get('a')).toEqual([1]);
  });

  it('chunk variables are kept apart from globals of the same name', () => {
    const env = testEnv();
    expect(call('SetChunkDataElement', ['n', 1], env)).toBe(1);
    expect(call('GetChunkDataElement', ['N'], env)).toBe(1);
    expect(call('Get', ['n'], env)).toBeNull();
    expect(call('GetChunkDataElement', ['other'], env)).toBeNull();
  });
});

describe('values', () => {
  it('IsNull, IsInteger, Null', () => {
    expect(call('IsNull', [null])).toBe(true);
    expect(call('IsNull', [''])).toBe(false);
    expect(call('Null', [])).toBeNull();
    expect([12, -3, '12', ' 7 ', '+4'].map((v) => call('IsInteger', [v]))).toEqual([true, true, true, true, true]);
    expect([1.5, '1.5', 'abc', '', true, null, [1]].map((v) => call('IsInteger', [v]))).toEqual([false, false, false, false, false, false, false]);
  });

  it('Length by type', () => {
    const d = new ScriptDict();
    d.set('a', 1);
    expect(
      ['héllo', [1, [2, 3]], new Uint8Array([0, 1, 2]), d, null, 12.5, true, new ScriptDate(0)].map((v) => call('Length', [v])),
    ).toEqual([5, 2, 3, 1, 0, 4, 1, 19]);
  });

  it('InList gives the 1-based position of the first equal argument', () => {
    expect(call('InList', ['b', 'a', 'b', 'b'])).toBe(2);
    expect(call('InList', [1, '1'])).toBe(1);
    expect(call('InList', ['x'])).toBe(0);
    expect(call('InList', [null, null])).toBe(0);
  });

  it('GetName names a variable, "" for a value', () => {
    expect(call('GetName', [variable(1, 'order.id', true)])).toBe('order.id');
    expect(call('GetName', ['text'])).toBe('');
  });

  it('InitCounter sets a variable or a named global', () => {
    const ref = variable(null, 'n', true);
    expect(call('InitCounter', [ref, 10])).toBe(10);
    expect(ref.value).toBe(10);
    const env = testEnv();
    expect(call('InitCounter', ['$lines'], env)).toBe(0);
    expect(env.globals.get('lines')).toBe(0);
  });
});

describe('random values', () => {
  it('Random stays within the bounds, swapped or not', () => {
    const env = testEnv();
    for (let i = 0; i < 200; i++) {
      const r = call('Random', [10, 1], env) as number;
      expect(Number.isInteger(r) && r >= 1 && r <= 10).toBe(true);
    }
    expect(call('Random', [2.9, 2.1], env)).toBe(2);
  });

  it('Random reaches both bounds', () => {
    const env = testEnv();
    const seen = new Set(Array.from({ length: 100 }, () => call('Random', [1, 3], env)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('GUID is a lowercase v4 UUID drawn from the host', () => {
    const env = testEnv();
    const a = call('GUID', [], env) as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call('GUID', [], env)).not.toBe(a);
    expect(call('GUID', [], testEnv())).toBe(a); // same seed, same GUID
  });

  it('RandomString draws from the character set, ranges included', () => {
    const env = testEnv();
    expect(call('RandomString', [40], env)).toMatch(/^[a-zA-Z0-9]{40}$/);
    expect(call('RandomString', [40, 'a-c-'], env)).toMatch(/^[abc-]{40}$/);
    expect(call('RandomString', [5, 'x'], env)).toBe('xxxxx');
    expect(call('RandomString', [0], env)).toBe('');
    expect(codeOf(() => call('RandomString', [3, ''], env))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('RandomString', [3, 'z-a'], env))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('RandomString', [-1], env))).toBe('SCRIPT_FAILED');
  });
});

describe('ReadArrayString', () => {
  const read = (...args: ScriptValue[]) => call('ReadArrayString', args);

  it('reads scalars, quoted values and nested arrays', () => {
    expect(read('{a, "b,c" , "say ""hi""", ,"{x}"}')).toEqual(['a', 'b,c', 'say "hi"', '', '{x}']);
    expect(read(' {{1,2},{3},{}} ', 'int')).toEqual([[1, 2], [3], []]);
    expect(read('{}')).toEqual([]);
    expect(read('{"line\nbreak"}')).toEqual(['line\nbreak']);
  });

  it('converts to the requested type', () => {
    expect(read('{1.5, 2}', 'double')).toEqual([1.5, 2]);
    expect(read('{true, 0}', 'BOOL')).toEqual([true, false]);
    expect(read('{2024-01-02}', 'date')).toEqual([new ScriptDate(Date.UTC(2024, 0, 2))]);
  });

  it('rejects malformed text', () => {
    for (const text of ['a,b', '{a', '{a}x', '{1,{2}}', '{"open}', '{a{b}}']) expect(codeOf(() => read(text)), text).toBe('SCRIPT_FAILED');
    expect(codeOf(() => read('{1}', 'money'))).toBe('SCRIPT_FAILED');
  });
});

describe('transformation context', () => {
  const counters = ['RecordCount', 'SourceInstanceCount', 'TargetInstanceCount', 'AutoNumber'];

  it('counters need a mapping with the counter', () => {
    for (const name of counters) expect(codeOf(() => call(name, [])), name).toBe('SCRIPT_NEEDS_CAPABILITY');
    const env = testEnv();
    env.mapping = { scope: { value: {} } };
    expect(codeOf(() => call('RecordCount', [], env))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });

  it('counters read the mapping', () => {
    const env = testEnv();
    env.mapping = Object.assign({ scope: { value: {} } }, { recordCount: 3, sourceInstanceCount: 2, targetInstanceCount: 5 });
    expect(counters.map((name) => call(name, [], env))).toEqual([3, 2, 5, 5]);
  });

  it('GetInputString gives the text of a field, "" otherwise', () => {
    expect(codeOf(() => call('GetInputString', ['x']))).toBe('SCRIPT_NEEDS_CAPABILITY');
    const env = testEnv();
    env.mapping = { scope: { value: {} } };
    expect(call('GetInputString', [12.5], env)).toBe('12.5');
    expect(call('GetInputString', [[1]], env)).toBe('');
    expect(call('GetInputString', [null], env)).toBe('');
  });
});

describe('environment', () => {
  it('GetServerName reads the host environment', () => {
    expect(call('GetServerName', [])).toBe('test-server');
    expect(codeOf(() => call('GetServerName', [], testEnv({ host: { environment: undefined } })))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });

  it('GetHostByIP and RunPlugin need capabilities Chorus does not have', () => {
    expect(builtins.get('GetHostByIP')!.needs).toBe('network');
    expect(codeOf(() => call('GetHostByIP', ['127.0.0.1']))).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(codeOf(() => call('RunPlugin', ['x']))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });

  it('intrinsics carry metadata only', () => {
    for (const name of ['ArgumentList', 'Eval', 'IfEmpty', 'IfNull', 'IsValid']) {
      expect(builtins.get(name)!.intrinsic, name).toBe(true);
      expect(builtins.get(name)!.impl, name).toBeUndefined();
    }
  });
});

describe('RunOperation and ReRunOperation', () => {
  function fakeOperations(outcome: (ref: string, env: ScriptEnv) => Promise<boolean>) {
    const runs: [string, boolean][] = [];
    const operations: OperationRuntime = {
      run: (ref, sync, env) => {
        runs.push([ref, sync]);
        return outcome(ref, env);
      },
    };
    return { runs, operations };
  }

  it('needs the operation runtime', async () => {
    expect(await asyncCodeOf(() => call('RunOperation', ['op']))).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(builtins.get('RunOperation')!.async).toBe(true);
  });

  it('returns true on success, passing the sync flag', async () => {
    const { runs, operations } = fakeOperations(async () => true);
    const env = envWith({ operations });
    expect(await call('RunOperation', ['<TAG>operation:Load</TAG>'], env)).toBe(true);
    expect(await call('RunOperation', ['Load', false], env)).toBe(true);
    expect(runs).toEqual([
      ['<TAG>operation:Load</TAG>', true],
      ['Load', false],
    ]);
  });

  it('returns false on failure and keeps the error the operation set', async () => {
    const { operations } = fakeOperations(async (_ref, env) => {
      env.state.lastError = 'target folder missing';
      return false;
    });
    const env = envWith({ operations });
    expect(await call('RunOperation', ['Load'], env)).toBe(false);
    expect(env.state.lastError).toBe('target folder missing');
  });

  it('sets a last error when the failing operation did not, and when it throws', async () => {
    const quiet = envWith({ operations: fakeOperations(async () => false).operations });
    quiet.state.lastError = 'old';
    expect(await call('RunOperation', ['Load'], quiet)).toBe(false);
    expect(quiet.state.lastError).toContain('Load');
    const throwing = envWith({ operations: fakeOperations(() => Promise.reject(new Error('disk full'))).operations });
    expect(await call('RunOperation', ['Load'], throwing)).toBe(false);
    expect(throwing.state.lastError).toBe('disk full');
  });

  it('still stops the script for a dangling reference', async () => {
    const env = envWith({ operations: fakeOperations(() => Promise.reject(scriptError('SCRIPT_UNKNOWN_COMPONENT', 'no operation Lod'))).operations });
    expect(await asyncCodeOf(() => call('RunOperation', ['Lod'], env))).toBe('SCRIPT_UNKNOWN_COMPONENT');
  });

  it('ReRunOperation runs the current operation', async () => {
    const { runs, operations } = fakeOperations(async () => true);
    const env = envWith({ operations }, { 'jitterbit.operation.name': 'Load Orders' });
    expect(await call('ReRunOperation', [false], env)).toBe(true);
    expect(runs).toEqual([['Load Orders', false]]);
    expect(await asyncCodeOf(() => call('ReRunOperation', [], envWith({ operations })))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });
});

describe('operation queue functions', () => {
  it('need the operation runtime queue', async () => {
    const env = envWith({ operations: { run: async () => true } });
    expect(codeOf(() => call('CancelOperation', ['g'], env))).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(codeOf(() => call('CancelOperationChain', ['m'], env))).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(codeOf(() => call('GetOperationQueue', [], env))).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(codeOf(() => call('GetLastOperationRunStartTime', ['op'], env))).toBe('SCRIPT_NEEDS_CAPABILITY');
    expect(await asyncCodeOf(() => call('WaitForOperation', ['op'], env))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });

  it('use the runtime when it offers them', async () => {
    const log: unknown[] = [];
    const operations: OperationRuntime = {
      run: async () => true,
      cancel: (guid) => log.push(['cancel', guid]),
      cancelChain: (message) => log.push(['chain', message]),
      queue: (ref) => [{ operationGuid: 'o1', executing: true, added: Date.UTC(2024, 0, 1), secondsInStatus: 3, instanceGuid: 'i1', operationName: ref ?? 'all' }],
      lastRunStart: (ref) => (ref === 'never' ? undefined : Date.UTC(2024, 0, 2)),
      wait: async (ref, timeout, poll) => {
        log.push(['wait', ref, timeout, poll]);
      },
    };
    const env = envWith({ operations });
    expect(call('CancelOperation', ['i1'], env)).toBeNull();
    call('CancelOperationChain', ['stop'], env);
    expect(call('GetOperationQueue', ['Load'], env)).toEqual([['o1', true, new ScriptDate(Date.UTC(2024, 0, 1)), 3, 'i1', 'Load']]);
    expect(call('GetLastOperationRunStartTime', ['Load'], env)).toEqual(new ScriptDate(Date.UTC(2024, 0, 2)));
    expect(call('GetLastOperationRunStartTime', ['never'], env)).toBeNull();
    expect(await call('WaitForOperation', ['Load'], env)).toBeNull();
    expect(log).toEqual([
      ['cancel', 'i1'],
      ['chain', 'stop'],
      ['wait', 'Load', 3600, 10],
    ]);
  });
});

describe('RunScript', () => {
  it('needs the script runtime', () => {
    expect(codeOf(() => call('RunScript', ['s']))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });

  it('passes copies of the arguments and returns the result as a string', () => {
    const seen: unknown[] = [];
    const env = testEnv({ host: { scripts: { call: (ref, args, e) => (seen.push(ref, args, e.depth), 42) } } });
    const arg: ScriptValue[] = [1];
    expect(call('RunScript', ['<TAG>script:Calc</TAG>', arg, true], env)).toBe('42');
    expect(seen).toEqual(['<TAG>script:Calc</TAG>', [[1], true], 1]);
    expect((seen[1] as ScriptValue[][])[0]).not.toBe(arg);
    expect(env.depth).toBe(0);
  });

  it('awaits an async result and restores the depth', async () => {
    const env = testEnv({ async: true, host: { scripts: { call: async () => null } } });
    expect(await call('RunScript', ['s'], env)).toBe('');
    expect(env.depth).toBe(0);
  });

  it('restores the depth when the called script fails', () => {
    const env = testEnv({
      host: {
        scripts: {
          call: () => {
            throw scriptError('SCRIPT_RAISED', 'inner');
          },
        },
      },
    });
    expect(codeOf(() => call('RunScript', ['s'], env))).toBe('SCRIPT_RAISED');
    expect(env.depth).toBe(0);
  });

  it('stops at $jitterbit.scripting.nesting.max', () => {
    // A script that calls itself: each level runs RunScript again with the same env.
    const env: ScriptEnv = testEnv({
      globals: { 'jitterbit.scripting.nesting.max': 3 },
      host: { scripts: { call: (ref, _args, e) => call('RunScript', [ref], e) } },
    });
    let error: unknown;
    try {
      call('RunScript', ['loop'], env);
    } catch (err) {
      error = err;
    }
    expect((error as ScriptError).code).toBe('SCRIPT_LIMIT');
    expect(env.depth).toBe(0);
  });

  it('accepts at most 100 arguments', () => {
    const env = testEnv({ host: { scripts: { call: () => 1 } } });
    expect(codeOf(() => call('RunScript', ['s', ...Array(101).fill(0)], env))).toBe('SCRIPT_ARGUMENTS');
  });
});

describe('Sleep', () => {
  it('waits through the host', async () => {
    const waits: number[] = [];
    const env = envWith({ sleep: async (ms) => void waits.push(ms) });
    expect(await call('Sleep', [2], env)).toBeNull();
    await call('Sleep', [-1], env);
    expect(waits).toEqual([2000, 0]);
    expect(await asyncCodeOf(() => call('Sleep', [1]))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });
});
