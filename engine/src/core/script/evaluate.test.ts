import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../script/test-host.ts';
import { evaluate, evaluateAsync, formatResult } from './evaluate.ts';
import { ScriptDate, ScriptDict } from './values.ts';

describe('evaluate', () => {
  it('compiles and runs a script with arguments', () => {
    expect(evaluate('<trans>_1 * 2</trans>', testEnv(), [21])).toBe(42);
    expect(evaluate('<trans>1 + 1</trans>')).toBe(2);
  });

  it('runs async scripts and turns compile errors into rejections', async () => {
    expect(await evaluateAsync('<trans>Length("abc")</trans>', testEnv({ async: true }))).toBe(3);
    await expect(evaluateAsync('<trans>a b</trans>')).rejects.toMatchObject({ code: 'SCRIPT_SYNTAX' });
  });
});

describe('formatResult', () => {
  it('shows results as plain text', () => {
    const d = new ScriptDict();
    d.set('b', 'x');
    d.set('a', 1);
    expect([formatResult('text'), formatResult(null), formatResult(1.5), formatResult(true), formatResult(false)]).toEqual(['text', '', '1.5', 'true', 'false']);
    expect(formatResult([1, 'abc', [true]])).toBe('{1,abc,{1}}');
    expect(formatResult(d)).toBe('[a=>1,b=>"x"]');
    expect(formatResult(new ScriptDate(Date.UTC(2000, 8, 16, 14, 5, 9)))).toBe('2000-09-16 14:05:09');
  });
});
