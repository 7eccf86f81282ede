import { describe, expect, it } from 'vitest';
import { testHost } from '../../../script/test-host.ts';
import { ScriptError } from './errors.ts';
import { compileTransformation } from '../transform/compile.ts';
import type { TargetField } from '../model/transformation.ts';
import { createFormulaCompiler, parseSourcePath } from './formula.ts';

const order = {
  order: 'SO-1',
  customer: { name: 'Ada', address: { city: 'London' } },
  lines: [
    { sku: 'x', qty: '2', options: [{ code: 'gift' }] },
    { sku: 'y', qty: '3', options: [] },
  ],
};

function transform(fields: TargetField[], loop?: string) {
  const formulas = createFormulaCompiler({ host: testHost() });
  return compileTransformation({ id: 't', name: 'T', fields, loop }, { formulas });
}

describe('source reference paths', () => {
  it('split on $ and ., mark # instances, ignore a trailing separator', () => {
    expect(parseSourcePath('_Root$customer.contact#.Email$')).toEqual([
      { name: '_Root', all: false },
      { name: 'customer', all: false },
      { name: 'contact', all: true },
      { name: 'Email', all: false },
    ]);
  });

  it('read fields from the record root, skipping a root node name the record does not have', () => {
    const run = transform([
      { name: 'a', formula: '<trans>json$customer$address.city</trans>' },
      { name: 'b', formula: '<trans>customer.name$</trans>' },
      { name: 'c', formula: '<trans>root$nothing$here</trans>' },
      { name: 'd', formula: '<trans>IsNull(root$nothing)</trans>' },
    ]);
    expect(run(order, new Map())).toEqual([{ a: 'London', b: 'Ada', c: undefined, d: true }]);
  });

  it('give every instance with #, and the current instance inside a loop', () => {
    const run = transform([
      { name: 'skus', formula: '<trans>SumString(root$lines#.sku, ",", true)</trans>' },
      { name: 'total', formula: '<trans>Sum(root$lines#.qty)</trans>' },
      { name: 'options', formula: '<trans>Count(root$lines#.options#.code)</trans>' },
      {
        name: 'lines',
        loop: 'lines',
        fields: [
          { name: 'ref', formula: '<trans>root$order + "/" + root$lines.sku</trans>' },
          { name: 'n', formula: '<trans>RecordCount() + "/" + CountSourceRecords()</trans>' },
          { name: 'first', formula: '<trans>FindByPos(1, root$lines#.sku)</trans>' },
        ],
      },
    ]);
    expect(run(order, new Map())).toEqual([
      {
        skus: 'x,y',
        total: 5,
        options: 1,
        lines: [
          { ref: 'SO-1/x', n: '1/2', first: 'x' },
          { ref: 'SO-1/y', n: '2/2', first: 'x' },
        ],
      },
    ]);
  });

  it('count the records of a transformation loop, and 1 outside any loop', () => {
    const looped = transform([{ name: 'n', formula: '<trans>TargetInstanceCount()</trans>' }], 'lines');
    expect(looped(order, new Map())).toEqual([{ n: 1 }, { n: 2 }]);
    expect(transform([{ name: 'n', formula: '<trans>RecordCount()</trans>' }])(order, new Map())).toEqual([{ n: 1 }]);
  });
});

describe('formulas', () => {
  it('share the chain globals between fields and records, and leave a null result out', () => {
    const run = transform([
      { name: 'seen', formula: '<trans>$seen += 1; $seen</trans>' },
      { name: 'gone', formula: '<trans>Null()</trans>' },
      { name: 'text', formula: 'a literal' },
    ]);
    const globals = new Map<string, unknown>();
    run(order, globals);
    expect(run(order, globals)).toEqual([{ seen: 2, gone: undefined, text: 'a literal' }]);
    expect(globals.get('seen')).toBe(2);
  });

  it('refuse functions that wait, and name the field of a syntax error', () => {
    expect(() => transform([{ name: 'x', formula: '<trans>Sleep(1)</trans>' }])).toThrow(expect.objectContaining({ code: 'SCRIPT_NOT_ALLOWED' }));
    let error: unknown;
    try {
      transform([{ name: 'total', formula: '<trans>\n  1 +</trans>' }]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).message).toMatch(/^formula of "total": /);
    expect((error as ScriptError).location).toMatchObject({ line: 2 });
  });
});
