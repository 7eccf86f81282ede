import { describe, expect, it } from 'vitest';
import { ScriptDate } from '../values.ts';
import { builtins } from './index.ts';
import { call, failure } from './test-support.ts';

describe('math functions', () => {
  it('has the 10 functions of the category, each with examples and an implementation', () => {
    const specs = builtins.functions.filter((s) => s.category === 'math');
    expect(specs).toHaveLength(10);
    for (const spec of specs) {
      expect(spec.examples.length, spec.name).toBeGreaterThanOrEqual(2);
      expect(spec.impl, spec.name).toBeTypeOf('function');
    }
  });

  it('Ceiling and Floor round toward +∞ and -∞, without a negative zero', () => {
    expect(call('Ceiling', 1.2)).toBe(2);
    expect(call('Ceiling', -1.5)).toBe(-1);
    expect(Object.is(call('Ceiling', -0.5), 0)).toBe(true);
    expect(call('Ceiling', '3')).toBe(3);
    expect(call('Ceiling', null)).toBe(0);
    expect(call('Floor', 1.8)).toBe(1);
    expect(call('Floor', -1.5)).toBe(-2);
    expect(call('Floor', true)).toBe(1);
    expect(failure('Floor', [1])).toEqual({ code: 'SCRIPT_TYPE', argument: 0 });
  });

  it('Exp, Log and Log10', () => {
    expect(call('Exp', 0)).toBe(1);
    expect(call('Exp', 1)).toBe(Math.E);
    expect(call('Log', 1)).toBe(0);
    expect(call('Log', Math.E)).toBe(1);
    expect(call('Log10', 1000)).toBe(3);
    expect(call('Log10', 0.01)).toBe(-2);
    expect(failure('Exp', 1000).code).toBe('SCRIPT_FAILED');
    expect(failure('Log', 0)).toEqual({ code: 'SCRIPT_FAILED', argument: 0 });
    expect(failure('Log', -1).code).toBe('SCRIPT_FAILED');
    expect(failure('Log10', 0).code).toBe('SCRIPT_FAILED');
    expect(failure('Log10', 'abc').code).toBe('SCRIPT_FAILED');
  });

  it('Mod keeps the sign of the numerator and returns it for a zero denominator', () => {
    expect(call('Mod', 7, 3)).toBe(1);
    expect(call('Mod', -7, 3)).toBe(-1);
    expect(call('Mod', 7, -3)).toBe(1);
    expect(Object.is(call('Mod', -6, 3), 0)).toBe(true);
    expect(call('Mod', 7, 0)).toBe(7);
    expect(call('Mod', 7.9, 2.9)).toBe(1);
    expect(call('Mod', '10', '4')).toBe(2);
  });

  it('Pow', () => {
    expect(call('Pow', 2, 10)).toBe(1024);
    expect(call('Pow', 0, 0)).toBe(1);
    expect(call('Pow', 4, 0.5)).toBe(2);
    expect(call('Pow', 2, -1)).toBe(0.5);
    expect(call('Pow', -2, 3)).toBe(-8);
    expect(failure('Pow', -8, 1 / 3).code).toBe('SCRIPT_FAILED');
    expect(failure('Pow', 0, -1).code).toBe('SCRIPT_FAILED');
    expect(failure('Pow', 10, 400).code).toBe('SCRIPT_FAILED');
  });

  it('Round returns text with exactly the asked decimals', () => {
    expect(call('Round', 12.345, 1)).toBe('12.3');
    expect(call('Round', 2, 2)).toBe('2.00');
    expect(call('Round', 1.5)).toBe('2');
    expect(call('Round', 2.5)).toBe('3');
    expect(call('Round', -2.5)).toBe('-3');
    expect(call('Round', -0.4)).toBe('0');
    expect(call('Round', 0.125, 2)).toBe('0.13');
    expect(call('Round', 1.005, 2)).toBe('1.00'); // 1.005 is 1.00499999… in binary
    expect(call('Round', '3.14159', '3')).toBe('3.142');
    expect(call('Round', null, 1)).toBe('0.0');
    expect(call('Round', 1e21)).toBe('1000000000000000000000');
    expect(failure('Round', 1, -1)).toEqual({ code: 'SCRIPT_FAILED', argument: 1 });
    expect(failure('Round', 1, 101).code).toBe('SCRIPT_FAILED');
  });

  it('RoundToInt rounds halves away from zero', () => {
    expect(call('RoundToInt', 2.5)).toBe(3);
    expect(call('RoundToInt', -2.5)).toBe(-3);
    expect(call('RoundToInt', 2.4)).toBe(2);
    expect(call('RoundToInt', '7.49')).toBe(7);
    expect(Object.is(call('RoundToInt', -0.4), 0)).toBe(true);
    expect(call('RoundToInt', new ScriptDate(1500))).toBe(1);
  });

  it('Sqrt', () => {
    expect(call('Sqrt', 16)).toBe(4);
    expect(call('Sqrt', 0)).toBe(0);
    expect(call('Sqrt', 2)).toBe(Math.SQRT2);
    expect(failure('Sqrt', -1)).toEqual({ code: 'SCRIPT_FAILED', argument: 0 });
  });
});
