import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { fromHost, LABELS, ScriptDict, toTyped, type LabelledArray, type ScriptValue } from '../values.ts';
import { builtins } from './index.ts';
import type { VarRef } from './types.ts';

const env = testEnv();
const call = (name: string, ...args: (ScriptValue | VarRef)[]) => builtins.get(name)!.impl!(args as ScriptValue[], env);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

/** A variable as the compiler hands it to a `var` parameter. */
function variable(initial: ScriptValue): VarRef & { value: ScriptValue } {
  return {
    kind: 'ref',
    name: 'v',
    global: false,
    value: initial,
    get() {
      return this.value;
    },
    set(v) {
      this.value = v;
    },
  };
}

const dictOf = (o: Record<string, unknown>) => fromHost(o) as ScriptDict;

describe('AddToDict', () => {
  it('adds (true) or replaces (false) in place', () => {
    const d = new ScriptDict();
    expect(call('AddToDict', d, 'a', 1)).toBe(true);
    expect(call('AddToDict', d, 'a', 2)).toBe(false);
    expect(toTyped(d)).toEqual({ type: 'dictionary', value: { a: 2 } });
  });

  it('works through a variable holding a dictionary', () => {
    const d = new ScriptDict();
    const ref = variable(d);
    call('AddToDict', ref, 'k', 'v');
    expect(ref.value).toBe(d);
    expect(d.get('k')).toBe('v');
  });

  it('replaces a variable that does not hold a dictionary', () => {
    const ref = variable('text');
    expect(call('AddToDict', ref, 1, null)).toBe(true);
    expect(toTyped(ref.value)).toEqual({ type: 'dictionary', value: { '1': null } });
  });

  it('assigns a global back, since a global holding a host object hands out a converted copy', () => {
    const e = testEnv({ globals: { cfg: { a: 1 } } });
    const ref: VarRef = { kind: 'ref', name: 'cfg', global: true, get: () => e.globals.get('cfg'), set: (v) => e.globals.set('cfg', v) };
    builtins.get('AddToDict')!.impl!([ref as unknown as ScriptValue, 'b', 2], e);
    expect(toTyped(e.globals.get('cfg'))).toEqual({ type: 'dictionary', value: { a: 1, b: 2 } });
  });

  it('copies the value it stores', () => {
    const d = new ScriptDict();
    const a: ScriptValue[] = [1];
    call('AddToDict', d, 'a', a);
    a.push(2);
    expect(d.get('a')).toEqual([1]);
  });

  it('rejects a null key and a non-dictionary that is not a variable', () => {
    expect(codeOf(() => call('AddToDict', new ScriptDict(), null, 1))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => call('AddToDict', 'text', 'k', 1))).toBe('SCRIPT_TYPE');
  });
});

describe('dictionary basics', () => {
  it('Dict/Map and Array/Collection make new empty values', () => {
    expect(builtins.get('Map')).toBe(builtins.get('Dict'));
    expect(builtins.get('collection')).toBe(builtins.get('Array'));
    const first = call('Dict');
    expect(first).toBeInstanceOf(ScriptDict);
    expect(call('Dict')).not.toBe(first);
    expect(call('Array')).toEqual([]);
  });

  it('GetKeys lists sorted keys and needs a dictionary', () => {
    expect(call('GetKeys', dictOf({ b: 1, a: 2, B: 3 }))).toEqual(['B', 'a', 'b']);
    expect(codeOf(() => call('GetKeys', [1]))).toBe('SCRIPT_TYPE');
  });

  it('HasKey converts the key and answers false for non-dictionaries and null keys', () => {
    const d = dictOf({ '1': null });
    expect(call('HasKey', d, 1)).toBe(true);
    expect(call('HasKey', d, '2')).toBe(false);
    expect(call('HasKey', d, null)).toBe(false);
    expect(call('HasKey', [1], 0)).toBe(false);
  });

  it('RemoveKey answers whether the key was there', () => {
    const d = dictOf({ a: 1 });
    expect(call('RemoveKey', d, 'a')).toBe(true);
    expect(call('RemoveKey', d, 'a')).toBe(false);
    expect(call('RemoveKey', d, null)).toBe(false);
    expect(codeOf(() => call('RemoveKey', 'x', 'a'))).toBe('SCRIPT_TYPE');
  });

  it('CollectValues keeps the order of the names, null for missing', () => {
    expect(call('CollectValues', dictOf({ a: 1, b: [2] }), ['b', 'x', null, 'a'])).toEqual([[2], null, null, 1]);
    expect(codeOf(() => call('CollectValues', dictOf({}), 'a'))).toBe('SCRIPT_TYPE');
  });

  it('MapCache is intrinsic: metadata only', () => {
    const spec = builtins.get('MapCache')!;
    expect(spec.intrinsic).toBe(true);
    expect(spec.impl).toBeUndefined();
  });
});

describe('ReduceDimension', () => {
  it('joins the rows one level down', () => {
    expect(call('ReduceDimension', [[1, 2], [3], []])).toEqual([1, 2, 3]);
    expect(call('ReduceDimension', [[[1], [2]], [[3]]])).toEqual([[1], [2], [3]]);
    expect(call('ReduceDimension', [])).toEqual([]);
  });

  it('rejects one dimension and uneven nesting', () => {
    expect(codeOf(() => call('ReduceDimension', [1, 2]))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('ReduceDimension', [[1], 2]))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('ReduceDimension', [[1, [2]]]))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('ReduceDimension', 'x'))).toBe('SCRIPT_TYPE');
  });
});

describe('SortArray', () => {
  it('sorts the array in place and returns null', () => {
    const a: ScriptValue[] = [3, 1, 2];
    expect(call('SortArray', a)).toBeNull();
    expect(a).toEqual([1, 2, 3]);
    call('SortArray', a, false);
    expect(a).toEqual([3, 2, 1]);
  });

  it('sorts a variable and stores the result back', () => {
    const ref = variable(['b', 'a', 'C']);
    call('SortArray', ref);
    expect(ref.value).toEqual(['C', 'a', 'b']);
  });

  it('sorts rows by a column, stably, so repeated calls sort by several keys', () => {
    const rows: ScriptValue[] = [
      ['x', 2],
      ['y', 1],
      ['x', 1],
      ['y', 2],
    ];
    call('SortArray', rows, 1);
    call('SortArray', rows, 0, false);
    expect(rows).toEqual([
      ['y', 1],
      ['y', 2],
      ['x', 1],
      ['x', 2],
    ]);
  });

  it('treats a boolean second argument as the direction and a number as the column', () => {
    const rows: ScriptValue[] = [[2], [1]];
    call('SortArray', rows, 0);
    expect(rows).toEqual([[1], [2]]);
    expect(codeOf(() => call('SortArray', [1, 2], 0))).toBe('SCRIPT_TYPE');
    expect(codeOf(() => call('SortArray', rows, -1))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('SortArray', 'abc'))).toBe('SCRIPT_TYPE');
  });
});

describe('source node functions', () => {
  // A node reference evaluates to its record, attributes under "@" keys (XML reader).
  const node = dictOf({ '@id': '7', street: 'Main St', '@type': 'home', '#text': 'mixed', lines: [1, 2], child: { a: 1 }, zip: null });

  it('list attribute and simple element names in document order', () => {
    expect(call('GetSourceAttrNames', node)).toEqual(['id', 'type']);
    expect(call('GetSourceElementNames', node)).toEqual(['street', 'zip']);
  });

  it('return labelled arrays', () => {
    const attrs = call('GetSourceInstanceArray', node) as LabelledArray;
    expect([...attrs]).toEqual(['7', 'home']);
    expect(attrs[LABELS]?.get('type')).toBe(1);
    const elements = call('GetSourceInstanceElementArray', node) as LabelledArray;
    expect([...elements]).toEqual(['Main St', null]);
    expect(elements[LABELS]?.get('zip')).toBe(1);
  });

  it('return dictionaries', () => {
    expect(toTyped(call('GetSourceInstanceMap', node) as ScriptValue)).toEqual({ type: 'dictionary', value: { id: '7', type: 'home' } });
    expect(toTyped(call('GetSourceInstanceElementMap', node) as ScriptValue)).toEqual({ type: 'dictionary', value: { street: 'Main St', zip: null } });
  });

  it('read null as a node without instance and reject other values', () => {
    expect(call('GetSourceAttrNames', null)).toEqual([]);
    expect(codeOf(() => call('GetSourceElementNames', 'text'))).toBe('SCRIPT_TYPE');
  });
});
