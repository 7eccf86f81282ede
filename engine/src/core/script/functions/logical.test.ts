import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { type ScriptValue } from '../values.ts';
import { builtins } from './index.ts';
import { arity } from './types.ts';

const equal = (a: ScriptValue, b: ScriptValue) => builtins.get('Equal')!.impl!([a, b], testEnv());

describe('logical functions', () => {
  it('declares If, Case and While as intrinsics the compiler evaluates lazily', () => {
    for (const name of ['If', 'Case', 'While']) {
      const spec = builtins.get(name)!;
      expect(spec.category).toBe('logical');
      expect(spec.intrinsic, name).toBe(true);
      expect(spec.impl, name).toBeUndefined();
      expect(spec.examples.length, name).toBeGreaterThanOrEqual(2);
    }
    expect(arity(builtins.get('If')!)).toEqual({ min: 2, max: 3 });
    expect(arity(builtins.get('Case')!)).toEqual({ min: 2, max: Infinity });
    expect(arity(builtins.get('While')!)).toEqual({ min: 2, max: 2 });
  });

  it('Equal compares arrays element by element', () => {
    expect(equal([1, 2, [3]], [1, 2, [3]])).toBe(true);
    expect(equal([1, 2], [1, 2, 3])).toBe(false);
    expect(equal([1, 2], [1, 3])).toBe(false);
    expect(equal(['1', 2], [1, '2'])).toBe(true);
    expect(equal([], [])).toBe(true);
    expect(equal([1], 1)).toBe(false);
  });

  it('Equal compares scalars with type promotion', () => {
    expect(equal(1, '1')).toBe(true);
    expect(equal(0, '')).toBe(true);
    expect(equal(2.5, 2.5)).toBe(true);
    expect(equal('a', 'A')).toBe(false);
    expect(equal(1, 2)).toBe(false);
  });
});
