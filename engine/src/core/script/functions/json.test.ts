import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../../script/test-host.ts';
import { fromHost, type ScriptValue } from '../values.ts';
import { builtins } from './index.ts';

const env = testEnv();
const call = (name: string, ...args: ScriptValue[]) => builtins.get(name)!.impl!(args, env);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

const doc = `{
  "company": [
    { "name": "Acme \\"Ltd\\"", "product": [{ "name": "anvil", "price": 10.50 }, { "name": "rocket", "tags": ["a b", "c"] }] }
  ],
  "id": 12345678901234567890,
  "active": true,
  "note": null,
  "empty": {}
}`;

describe('GetJSONString', () => {
  it('follows keys and [index] steps', () => {
    expect(call('GetJSONString', doc, '/company/[0]/product/[1]/name')).toBe('rocket');
    expect(call('GetJSONString', doc, '/company/[0]/name')).toBe('Acme "Ltd"');
  });

  it('returns numbers and booleans as written, null as null', () => {
    expect(call('GetJSONString', doc, '/company/[0]/product/[0]/price')).toBe('10.50');
    expect(call('GetJSONString', doc, '/id')).toBe('12345678901234567890');
    expect(call('GetJSONString', doc, '/active')).toBe('true');
    expect(call('GetJSONString', doc, '/note')).toBeNull();
  });

  it('returns objects and arrays as compact JSON, keeping spaces inside strings', () => {
    expect(call('GetJSONString', doc, '/company/[0]/product/[1]')).toBe('{"name":"rocket","tags":["a b","c"]}');
    expect(call('GetJSONString', doc, '/empty')).toBe('{}');
    expect(call('GetJSONString', '[1, [2, 3]]', '')).toBe('[1,[2,3]]');
    expect(call('GetJSONString', '[1, [2, 3]]', '/[1]/[0]')).toBe('2');
  });

  it('fails on a missing key, an index past the end, a step into a scalar and invalid JSON', () => {
    expect(codeOf(() => call('GetJSONString', doc, '/missing'))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('GetJSONString', doc, '/company/[1]'))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('GetJSONString', doc, '/id/x'))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('GetJSONString', doc, '/company/name'))).toBe('SCRIPT_FAILED');
    expect(codeOf(() => call('GetJSONString', '{"a":', '/a'))).toBe('SCRIPT_FAILED');
  });

  it('names the step that failed', () => {
    expect(() => call('GetJSONString', doc, '/company/[0]/nope')).toThrow('nope is not a valid path');
    expect(() => call('GetJSONString', doc, '/company/[7]')).toThrow('7 is out of range');
  });

  it('reads a dictionary (a JSON source node) as its JSON', () => {
    expect(call('GetJSONString', fromHost({ a: { b: [1, 2] } }), '/a/b/[1]')).toBe('2');
  });
});

describe('GetJSONStringEx', () => {
  it('returns the value like GetJSONString', () => {
    expect(call('GetJSONStringEx', doc, '/company/[0]/product/[0]/name')).toBe('anvil');
  });

  it('returns the error message (or "") instead of failing', () => {
    expect(call('GetJSONStringEx', doc, '/missing', 'n/a')).toBe('n/a');
    expect(call('GetJSONStringEx', doc, '/company/[3]')).toBe('');
    expect(call('GetJSONStringEx', 'not json', '/a', 'bad')).toBe('bad');
  });
});
