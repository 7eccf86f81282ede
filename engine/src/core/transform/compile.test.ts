import { describe, expect, it } from 'vitest';
import { ChorusError } from '../errors.ts';
import { schemaSchema } from '../model/schema.ts';
import { transformationSchema, type TransformationDoc } from '../model/transformation.ts';
import { compileTransformation as compile, type FormulaCompiler } from './compile.ts';

const t = (doc: Omit<TransformationDoc, 'id' | 'name'>) => transformationSchema.parse({ id: 't', name: 'T', ...doc });
const globals = new Map<string, unknown>();

describe.each([
  { mode: 'generated code', codegen: true },
  { mode: 'closures only', codegen: false },
])('compileTransformation ($mode)', ({ codegen }) => {
  const compileTransformation = (doc: Parameters<typeof compile>[0], options: Parameters<typeof compile>[1] = {}) => compile(doc, { ...options, codegen });

  it('maps direct fields, constants and nested objects', () => {
    const run = compileTransformation(
      t({
        fields: [
          { name: 'id', from: 'order_id' },
          { name: 'source', const: 'shop' },
          { name: 'customer', fields: [{ name: 'name', from: 'customer.name' }, { name: 'city', from: 'customer.address.city' }] },
          { name: 'missing', from: 'nope' },
        ],
      }),
    );
    expect(run({ order_id: '7', customer: { name: 'Ada', address: { city: 'Paris' } } }, globals)).toEqual([
      { id: '7', source: 'shop', customer: { name: 'Ada', city: 'Paris' } },
    ]);
  });

  it('creates one target instance per source instance in nested loops, with paths up and from the root', () => {
    const run = compileTransformation(
      t({
        fields: [
          {
            name: 'orders',
            loop: 'orders',
            fields: [
              { name: 'id', from: 'id' },
              { name: 'batch', from: '/batch' },
              {
                name: 'lines',
                loop: 'items',
                fields: [
                  { name: 'sku', from: 'sku' },
                  { name: 'order', from: '../id' },
                  { name: 'qty', from: 'qty', type: 'integer' },
                ],
              },
            ],
          },
          { name: 'tags', loop: 'tags', from: '.' },
        ],
      }),
    );
    const out = run(
      {
        batch: 'B1',
        tags: ['a', 'b'],
        orders: [
          { id: 1, items: [{ sku: 'x', qty: '2' }, { sku: 'y', qty: '3' }] },
          { id: 2, items: { sku: 'z', qty: '1' } },
          { id: 3 },
        ],
      },
      globals,
    );
    expect(out).toEqual([
      {
        orders: [
          { id: 1, batch: 'B1', lines: [{ sku: 'x', order: 1, qty: 2 }, { sku: 'y', order: 1, qty: 3 }] },
          { id: 2, batch: 'B1', lines: [{ sku: 'z', order: 2, qty: 1 }] },
          { id: 3, batch: 'B1', lines: [] },
        ],
        tags: ['a', 'b'],
      },
    ]);
  });

  it('yields one record per instance with a transformation-level loop', () => {
    const run = compileTransformation(t({ loop: 'items', fields: [{ name: 'sku', from: 'sku' }, { name: 'order', from: '../id' }] }));
    expect(run({ id: 9, items: [{ sku: 'a' }, { sku: 'b' }] }, globals)).toEqual([
      { sku: 'a', order: 9 },
      { sku: 'b', order: 9 },
    ]);
    expect(run({ id: 9 }, globals)).toEqual([]);
  });

  it('builds plain objects, also for awkward field names', () => {
    const run = compileTransformation(t({ fields: [{ name: '__proto__', from: 'a' }, { name: 'we"ird\\name', from: 'we"ird\\name' }, { name: 'constructor', const: 1 }] }));
    const [out] = run({ a: 'x', 'we"ird\\name': 'y' }, globals);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'we"ird\\name', 'constructor']);
    expect(JSON.stringify(out)).toBe('{"__proto__":"x","we\\"ird\\\\name":"y","constructor":1}');
  });

  it('takes the first instance when a plain path crosses a repeating field', () => {
    const run = compileTransformation(t({ fields: [{ name: 'firstSku', from: 'items.sku' }] }));
    expect(run({ items: [{ sku: 'a' }, { sku: 'b' }] }, globals)).toEqual([{ firstSku: 'a' }]);
  });

  it('types values from the field type or the target schema', () => {
    const schema = schemaSchema.parse({
      id: 's',
      name: 'S',
      fields: [{ name: 'total', type: 'number' }, { name: 'paid', type: 'boolean' }, { name: 'day', type: 'date' }],
    });
    const run = compileTransformation(
      t({ fields: [{ name: 'total', from: 'total' }, { name: 'paid', from: 'paid' }, { name: 'day', from: 'day' }, { name: 'note', from: 'total', type: 'string' }] }),
      { targetSchema: schema },
    );
    expect(run({ total: ' 12.5 ', paid: 'yes', day: '2026-03-01T10:00:00Z' }, globals)).toEqual([
      { total: 12.5, paid: true, day: '2026-03-01', note: ' 12.5 ' },
    ]);
    expect(run({ total: '', paid: '', day: '' }, globals)).toEqual([{ total: null, paid: null, day: null, note: '' }]);
  });

  it('reads dates without a zone as UTC, whatever the machine zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const run = compileTransformation(t({ fields: [{ name: 'd', from: 'a', type: 'date' }, { name: 'dt', from: 'a', type: 'datetime' }, { name: 'us', from: 'b', type: 'date' }] }));
      expect(run({ a: '2026-03-05T00:30:00', b: '03/05/2026' }, globals)).toEqual([{ d: '2026-03-05', dt: '2026-03-05T00:30:00.000Z', us: '2026-03-05' }]);
      expect(run({ a: '2026-03-05T00:30:00+09:00', b: '2026-03-05' }, globals)).toEqual([{ d: '2026-03-04', dt: '2026-03-04T15:30:00.000Z', us: '2026-03-05' }]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('accepts decimal numbers only, treats blank text as null and never reads inherited members', () => {
    const run = compileTransformation(t({ fields: [{ name: 'n', from: 'n', type: 'number' }, { name: 'c', from: 'constructor' }, { name: 's', from: 'toString', type: 'string' }] }));
    expect(run({ n: ' ' }, globals)).toEqual([{ n: null, c: undefined, s: undefined }]);
    expect(run({ n: '-1.5e2' }, globals)[0].n).toBe(-150);
    for (const bad of ['0x1F', 'Infinity', '1,5']) expect(() => run({ n: bad }, globals)).toThrow(expect.objectContaining({ code: 'TRANSFORM_TYPE' }));
  });

  it('reports a value that cannot be converted with the target field path', () => {
    const run = compileTransformation(t({ fields: [{ name: 'line', fields: [{ name: 'qty', from: 'qty', type: 'integer' }] }] }));
    try {
      run({ qty: 'two' }, globals);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ChorusError);
      expect((err as ChorusError).code).toBe('TRANSFORM_TYPE');
      expect((err as ChorusError).location.path).toBe('line.qty');
    }
  });

  it('gives every record its own copy of an object constant', () => {
    const run = compileTransformation(t({ fields: [{ name: 'meta', const: { tags: [] } }] }));
    const a = run({}, globals)[0].meta as { tags: string[] };
    a.tags.push('changed');
    expect(run({}, globals)[0].meta).toEqual({ tags: [] });
  });

  it('refuses formulas without a script language, and compiles them once with one', () => {
    const doc = t({ fields: [{ name: 'x', formula: 'upper' }] });
    expect(() => compileTransformation(doc)).toThrow(expect.objectContaining({ code: 'FORMULA_UNAVAILABLE' }));
    let compiled = 0;
    const formulas: FormulaCompiler = () => {
      compiled++;
      return (scope, g) => `${String((scope.value as { name: string }).name).toUpperCase()}${g.get('suffix')}`;
    };
    const run = compileTransformation(doc, { formulas });
    const g = new Map([['suffix', '!']]);
    expect(run({ name: 'ada' }, g)).toEqual([{ x: 'ADA!' }]);
    expect(run({ name: 'bob' }, g)).toEqual([{ x: 'BOB!' }]);
    expect(compiled).toBe(1);
  });

  it('rejects a malformed path before any record', () => {
    expect(() => compileTransformation(t({ fields: [{ name: 'x', from: 'a..b' }] }))).toThrow(expect.objectContaining({ code: 'TRANSFORM_INVALID' }));
  });
});
