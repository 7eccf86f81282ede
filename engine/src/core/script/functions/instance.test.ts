import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import type { ScriptEnv } from '../env.ts';
import type { ScriptValue } from '../values.ts';
import type { MappingRuntime } from './general.ts';
import { builtins } from './index.ts';

const call = (name: string, args: ScriptValue[], env: ScriptEnv = testEnv()) => builtins.get(name)!.impl!(args, env);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

function mappingEnv(mapping: Partial<MappingRuntime>): ScriptEnv {
  const env = testEnv();
  env.mapping = { scope: { value: {} }, ...mapping };
  return env;
}

describe('aggregates over instances', () => {
  it('Count counts non-null instances; a single value is one, null none', () => {
    expect(call('Count', [['a', null, '', 0]])).toBe(3);
    expect(call('Count', ['x'])).toBe(1);
    expect(call('Count', [null])).toBe(0);
  });

  it('Sum adds numbers and numeric text, concatenates other strings, skips nulls', () => {
    expect(call('Sum', [[1, 2, null, 3.5]])).toBe(6.5);
    expect(call('Sum', [['10', 2, '-.5']])).toBe(11.5);
    expect(call('Sum', [['a', 'b', null]])).toBe('ab');
    expect(call('Sum', [[]])).toBe(0);
    expect(call('Sum', [7])).toBe(7);
  });

  it('Sum rejects mixed types and instances that are all null', () => {
    expect(codeOf(() => call('Sum', [[1, 'a']]))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => call('Sum', [[true, false]]))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => call('Sum', [[null, null]]))).toBe('SCRIPT_FAILED');
  });

  it('Max and Min order by type and skip nulls', () => {
    expect(call('Max', [[3, null, 10, 7]])).toBe(10);
    expect(call('Min', [[3, null, 10, 7]])).toBe(3);
    expect(call('Max', [['b', 'a', 'c']])).toBe('c');
    expect(call('Min', [['b', 'B']])).toBe('B');
    expect(call('Max', [[]])).toBeNull();
    expect(call('Min', [[null]])).toBeNull();
  });

  it('ResolveOneOf returns the first non-null instance', () => {
    expect(call('ResolveOneOf', [[null, 0, 1]])).toBe(0);
    expect(call('ResolveOneOf', [[]])).toBeNull();
  });

  it('SumCSV quotes values that need it and keeps empty fields', () => {
    expect(call('SumCSV', [['a', 'b,c', 'say "hi"', 'x\ny', null, 2]])).toBe('a,"b,c","say ""hi""","x\ny",,2');
    expect(call('SumCSV', [[]])).toBe('');
  });

  it('SumString appends the delimiter after each value', () => {
    expect(call('SumString', [['a', 'b']])).toBe('a;b;');
    expect(call('SumString', [['a', null, 'b'], ', ', true])).toBe('a, b');
    expect(call('SumString', [[1, true], ''])).toBe('11');
    expect(call('SumString', [[], ',', false])).toBe('');
  });
});

describe('finding instances', () => {
  it('Exist compares with ==', () => {
    expect(call('Exist', ['2', [1, 2]])).toBe(true);
    expect(call('Exist', ['x', ['a']])).toBe(false);
    expect(call('Exist', [null, [null]])).toBe(false); // null never equals
  });

  it('FindByPos is 1-based and counts negative positions from the end', () => {
    const list = ['a', 'b', 'c'];
    expect(call('FindByPos', [1, list])).toBe('a');
    expect(call('FindByPos', [-3, list])).toBe('a');
    expect(call('FindByPos', [-4, list])).toBeNull();
    expect(call('FindByPos', [0, list])).toBeNull();
    expect(call('FindByPos', ['2', list])).toBe('b');
  });

  it('FindValue returns the matching position of the second element', () => {
    expect(call('FindValue', ['B2', ['A1', 'B2', 'B2'], ['Apple', 'Banana', 'Berry']])).toBe('Banana');
    expect(call('FindValue', ['A1', ['A1'], []])).toBeNull();
    expect(call('FindValue', ['x', ['a'], ['b']])).toBeNull();
  });
});

describe('transformation-context functions', () => {
  it('fail with SCRIPT_NEEDS_CAPABILITY outside a mapping', () => {
    for (const [name, args] of [
      ['CountSourceRecords', []],
      ['GetInstance', []],
      ['SetInstances', ['Lines', [1]]],
      ['SortInstances', ['Lines', [1]]],
    ] as [string, ScriptValue[]][]) {
      expect(codeOf(() => call(name, args)), name).toBe('SCRIPT_NEEDS_CAPABILITY');
    }
  });

  it('read the mapping context when it is there', () => {
    const env = mappingEnv({ sourceRecordCount: 4, instance: ['x'] });
    expect(call('CountSourceRecords', [], env)).toBe(4);
    expect(call('GetInstance', [], env)).toEqual(['x']);
    expect(codeOf(() => call('GetInstance', [], mappingEnv({})))).toBe('SCRIPT_NEEDS_CAPABILITY');
  });

  it('SetInstances and SortInstances hand their arguments to the mapping', () => {
    const calls: unknown[] = [];
    const env = mappingEnv({
      setInstances: (node, instances) => calls.push(['set', node, instances]),
      sortInstances: (node, keys) => calls.push(['sort', node, keys]),
    });
    expect(call('SetInstances', ['Lines', [1, 2]], env)).toBeNull();
    call('SetInstances', ['Lines', null], env);
    call('SortInstances', ['Lines', ['b', 'a'], false, [1, 2]], env);
    expect(calls).toEqual([
      ['set', 'Lines', [1, 2]],
      ['set', 'Lines', []],
      [
        'sort',
        'Lines',
        [
          { values: ['b', 'a'], ascending: false },
          { values: [1, 2], ascending: true },
        ],
      ],
    ]);
  });

  it('SortInstances needs arrays of the same length', () => {
    const env = mappingEnv({ sortInstances: () => undefined });
    expect(codeOf(() => call('SortInstances', ['Lines', [1, 2], [1]], env))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('SortInstances', ['Lines', 'x'], env))).toBe('SCRIPT_TYPE');
  });
});
