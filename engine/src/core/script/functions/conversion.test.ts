import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { ScriptError } from '../errors.ts';
import { ScriptDate, ScriptDict, type ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

const UNICODE = 'jitterbit.scripting.hex.enable_unicode_support';

function call(name: string, args: ScriptValue[], globals: Record<string, unknown> = {}): ScriptValue {
  return builtins.get(name)!.impl!(args, testEnv({ globals })) as ScriptValue;
}

function failure(name: string, ...args: ScriptValue[]): { code: string; argument?: number } {
  try {
    call(name, args);
  } catch (err) {
    if (err instanceof ScriptError) return { code: err.code, argument: err.argument };
    throw err;
  }
  throw new Error(`${name} did not fail`);
}

const bytes = (...b: number[]) => new Uint8Array(b);

describe('conversion functions', () => {
  it('has the 13 functions of the category, each with examples and an implementation', () => {
    const specs = builtins.functions.filter((s) => s.category === 'conversion');
    expect(specs.map((s) => s.name).sort()).toEqual(
      ['BinaryToHex', 'BinaryToUUID', 'Bool', 'Date', 'Double', 'Float', 'HexToBinary', 'HexToString', 'Int', 'Long', 'String', 'StringToHex', 'UUIDToBinary'].sort(),
    );
    for (const spec of specs) {
      expect(spec.examples.length, spec.name).toBeGreaterThanOrEqual(2);
      expect(spec.impl, spec.name).toBeTypeOf('function');
    }
  });

  it('every conversion returns null for null', () => {
    for (const spec of builtins.functions.filter((s) => s.category === 'conversion')) {
      expect(call(spec.name, [null]), spec.name).toBeNull();
    }
  });

  it('BinaryToHex and HexToBinary', () => {
    expect(call('BinaryToHex', [bytes(0, 255, 26)])).toBe('00ff1a');
    expect(call('BinaryToHex', [bytes()])).toBe('');
    expect(failure('BinaryToHex', 'abc')).toEqual({ code: 'SCRIPT_TYPE', argument: 0 });
    expect(call('HexToBinary', ['00FF1a'])).toEqual(bytes(0, 255, 26));
    expect(call('HexToBinary', [''])).toEqual(bytes());
    expect(failure('HexToBinary', 'ABC')).toEqual({ code: 'SCRIPT_FAILED', argument: 0 });
    expect(failure('HexToBinary', 'zz').code).toBe('SCRIPT_FAILED');
    expect(failure('HexToBinary', '0x12').code).toBe('SCRIPT_FAILED');
  });

  it('BinaryToUUID and UUIDToBinary', () => {
    const raw = bytes(0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);
    expect(call('BinaryToUUID', [raw])).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(call('UUIDToBinary', ['01234567-89AB-cdef-0123-456789abcdef'])).toEqual(raw);
    expect(failure('BinaryToUUID', bytes(1, 2)).code).toBe('SCRIPT_FAILED');
    expect(failure('BinaryToUUID', '01234567-89ab-cdef-0123-456789abcdef').code).toBe('SCRIPT_TYPE');
    expect(failure('UUIDToBinary', '0123456789abcdef0123456789abcdef').code).toBe('SCRIPT_FAILED');
    expect(failure('UUIDToBinary', '01234567-89ab-cdef-0123-456789abcdeg').code).toBe('SCRIPT_FAILED');
    expect(failure('UUIDToBinary', '{01234567-89ab-cdef-0123-456789abcdef}').code).toBe('SCRIPT_FAILED');
  });

  it('Bool converts by truthiness', () => {
    expect(call('Bool', ['true'])).toBe(true);
    expect(call('Bool', ['t'])).toBe(true);
    expect(call('Bool', [2])).toBe(true);
    expect(call('Bool', ['12abc'])).toBe(true);
    expect(call('Bool', ['F'])).toBe(false);
    expect(call('Bool', ['text'])).toBe(false);
    expect(call('Bool', [''])).toBe(false);
    expect(call('Bool', [0])).toBe(false);
    expect(failure('Bool', new ScriptDate(0))).toEqual({ code: 'SCRIPT_TYPE', argument: 0 });
    expect(failure('Bool', [1]).code).toBe('SCRIPT_TYPE');
  });

  it('Date parses the standard layouts and Unix seconds', () => {
    const iso = (v: ScriptValue) => (call('Date', [v]) as ScriptDate).toJSON();
    expect(iso('2018-12-25')).toBe('2018-12-25T00:00:00');
    expect(iso('12/25/2018 12:30')).toBe('2018-12-25T12:30:00');
    expect(iso('2018-12-25T12:30:00')).toBe('2018-12-25T12:30:00');
    expect(iso('December 25, 2018')).toBe('2018-12-25T00:00:00');
    expect(iso('DEC 25, 2018')).toBe('2018-12-25T00:00:00');
    expect(iso(86400)).toBe('1970-01-02T00:00:00');
    const d = new ScriptDate(1000);
    expect(call('Date', [d])).toBe(d);
    expect(failure('Date', 'someday').code).toBe('SCRIPT_FAILED');
    expect(failure('Date', '2018-02-30').code).toBe('SCRIPT_FAILED');
    expect(failure('Date', true).code).toBe('SCRIPT_TYPE');
    expect(failure('Date', [1]).code).toBe('SCRIPT_TYPE');
  });

  it('Double, Float, Int and Long convert numbers, element by element for arrays', () => {
    for (const name of ['Double', 'Float']) {
      expect(call(name, ['2.5kg'])).toBe(2.5);
      expect(call(name, ['abc'])).toBe(0);
      expect(call(name, [true])).toBe(1);
      expect(call(name, [new ScriptDate(86_400_000)])).toBe(86400);
      expect(call(name, [['1.5', 'x', null, ['2']]])).toEqual([1.5, 0, null, [2]]);
    }
    for (const name of ['Int', 'Long']) {
      expect(call(name, ['12.9x'])).toBe(12);
      expect(call(name, [-3.7])).toBe(-3);
      expect(call(name, [-0.5])).toBe(0);
      expect(Object.is(call(name, [-0.5]), -0)).toBe(false);
      expect(call(name, [[1.9, '2.9']])).toEqual([1, 2]);
    }
    expect(call('Long', ['9007199254740991'])).toBe(9007199254740991);
    expect(failure('Double', new ScriptDict()).code).toBe('SCRIPT_TYPE');
    expect(failure('Int', bytes(1)).code).toBe('SCRIPT_TYPE');
  });

  it('String gives the string form', () => {
    expect(call('String', [true])).toBe('1');
    expect(call('String', [false])).toBe('0');
    expect(call('String', [2.5])).toBe('2.5');
    expect(call('String', [new ScriptDate(Date.UTC(2024, 2, 5))])).toBe('2024-03-05 00:00:00');
    expect(call('String', [bytes(0x4a, 0x69)])).toBe('Ji');
    expect(call('String', [bytes(0, 1)])).toBe('0001');
    expect(call('String', [[1, 'a']])).toBe('{1,a}');
  });

  it('StringToHex and HexToString use one byte per character unless unicode support is on', () => {
    expect(call('StringToHex', ['Jit'])).toBe('4a6974');
    expect(call('StringToHex', ['é'])).toBe('e9');
    expect(call('StringToHex', [''])).toBe('');
    expect(failure('StringToHex', '€')).toEqual({ code: 'SCRIPT_FAILED', argument: 0 });
    expect(call('HexToString', ['4A6974'])).toBe('Jit');
    expect(call('HexToString', ['e9'])).toBe('é');
    expect(call('HexToString', ['c3a9'])).toBe('Ã©');
    expect(failure('HexToString', 'e').code).toBe('SCRIPT_FAILED');
  });

  it('reads the unicode setting from the globals, as a bool or as text', () => {
    expect(call('StringToHex', ['é€'], { [UNICODE]: true })).toBe('c3a9e282ac');
    expect(call('HexToString', ['c3a9e282ac'], { [UNICODE]: 'true' })).toBe('é€');
    expect(call('HexToString', ['c3a9'], { [UNICODE]: false })).toBe('Ã©');
  });

  it('HexToString inverts StringToHex under both settings', () => {
    const text = 'Zoë, 100 °C';
    expect(call('HexToString', [call('StringToHex', [text])])).toBe(text);
    const globals = { [UNICODE]: true };
    expect(call('HexToString', [call('StringToHex', [`${text} €😀`], globals)], globals)).toBe(`${text} €😀`);
  });
});
