import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { ScriptError } from '../errors.ts';
import { type ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

const validate = (...args: ScriptValue[]) => builtins.get('Validate')!.impl!(args, testEnv());

describe('Validate', () => {
  it('compares numbers as numbers and text as text', () => {
    expect(validate('=', '10', false, '10.0')).toBe(true);
    expect(validate('=', 'abc', false, 'ABC')).toBe(false);
    expect(validate('=', 'abc', true, 'ABC')).toBe(true);
    expect(validate('!=', 'abc', false, 'ABC')).toBe(true);
    expect(validate('<', '10', false, '9')).toBe(true);
    expect(validate('<', '10', false, '10')).toBe(false);
    expect(validate('<=', '10', false, '10')).toBe(true);
    expect(validate('>', '-1', false, '-0.5')).toBe(true);
    expect(validate('>=', 'b', false, 'a')).toBe(false);
  });

  it('Contains, One Of and their negations, with or without case', () => {
    expect(validate('Contains', 'BIT', true, 'Jitterbit')).toBe(true);
    expect(validate('Contains', 'BIT', false, 'Jitterbit')).toBe(false);
    expect(validate('Does Not Contain', 'x', false, 'Jitterbit')).toBe(true);
    expect(validate('One Of', 'NY, CA, TX', false, 'CA')).toBe(true);
    expect(validate('One Of', 'NY, CA, TX', false, 'ca')).toBe(false);
    expect(validate('one  of', 'NY, CA, TX', true, 'ca')).toBe(true);
    expect(validate('Not One Of', '1,2,3', false, '2.0')).toBe(false);
  });

  it('Between is inclusive and needs two bounds', () => {
    expect(validate('Between', '1,10', false, '10.0')).toBe(true);
    expect(validate('Between', '1,10', false, '1')).toBe(true);
    expect(validate('Between', '1,10', false, '11')).toBe(false);
    expect(validate('Not Between', '1,10', false, '0')).toBe(true);
    expect(validate('Between', 'a,c', false, 'b')).toBe(true);
    expect(() => validate('Between', '1', false, '1')).toThrow(ScriptError);
  });

  it('Regex matches the whole value', () => {
    expect(validate('Regex', '\\d{5}', false, '12345')).toBe(true);
    expect(validate('Regex', '\\d{5}', false, '123456')).toBe(false);
    expect(validate('Regex', '[a-z]+', true, 'ABC')).toBe(true);
  });

  it('reads the global _1 when no value is passed', () => {
    const env = testEnv({ globals: { _1: 'CA' } });
    expect(builtins.get('Validate')!.impl!(['One Of', 'NY,CA'], env)).toBe(true);
    expect(builtins.get('Validate')!.impl!(['=', ''], testEnv())).toBe(true);
  });

  it('fails on an unknown operation', () => {
    for (const op of ['~', 'constructor', '']) {
      try {
        validate(op, 'x', false, 'y');
        expect.unreachable();
      } catch (err) {
        expect((err as ScriptError).code).toBe('SCRIPT_FAILED');
        expect((err as ScriptError).argument).toBe(0);
      }
    }
  });
});
