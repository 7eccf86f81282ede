import { describe, expect, it } from 'vitest';
import { formatSchema } from '../core/model/format.ts';
import { compareDocuments, parsePathPattern } from './compare.ts';
import { canonicalXml, documentOf, recordsPath } from './documents.ts';

const orders = (...totals: unknown[]) => ({ orders: totals.map((total, i) => ({ id: `SO-${i + 1}`, total })) });

describe('compareDocuments', () => {
  it('finds nothing in equal documents and names the path of each difference', () => {
    expect(compareDocuments(orders(1, 2), orders(1, 2))).toEqual([]);
    expect(compareDocuments(orders(1, 2), orders(1, '2'))).toEqual([{ path: 'orders[1].total', expected: 2, actual: '2' }]);
    expect(compareDocuments({ a: { 'b c': 1 } }, { a: { 'b c': 2, d: 3 } })).toEqual([
      { path: 'a["b c"]', expected: 1, actual: 2 },
      { path: 'a.d', expected: undefined, actual: 3 },
    ]);
    expect(compareDocuments(orders(1), orders(1, 2))).toEqual([{ path: 'orders[1]', expected: undefined, actual: { id: 'SO-2', total: 2 } }]);
  });

  it('ignores paths with wildcards, and everything below them', () => {
    const expected = { orders: [{ id: 1, createdAt: 'x', meta: { a: 1 } }] };
    const actual = { orders: [{ id: 1, createdAt: 'y', meta: { a: 2, b: 3 } }] };
    expect(compareDocuments(expected, actual, { ignore: ['orders[*].createdAt', 'orders[0].meta'] })).toEqual([]);
    expect(compareDocuments(expected, actual, { ignore: ['orders[*].createdAt'] })).toHaveLength(2);
    expect(parsePathPattern('orders[*].createdAt')).toEqual(['orders', '*', 'createdAt']);
    expect(parsePathPattern('[2]["a.b"].c')).toEqual([2, 'a.b', 'c']);
  });

  it('compares the records as a multiset when unordered, with ignores applying inside them', () => {
    const expected = { orders: [{ id: 1, at: 'a' }, { id: 2, at: 'b' }, { id: 2, at: 'c' }] };
    const shuffled = { orders: [{ id: 2, at: 'x' }, { id: 1, at: 'y' }, { id: 2, at: 'z' }] };
    expect(compareDocuments(expected, shuffled, { unorderedAt: ['orders'], ignore: ['orders[*].at'] })).toEqual([]);
    expect(compareDocuments(expected, shuffled, { ignore: ['orders[*].at'] })).not.toEqual([]);
    // Multiplicity counts: two records with id 2 expected, one found.
    const missing = compareDocuments(expected, { orders: [{ id: 2, at: '' }, { id: 1, at: '' }, { id: 3, at: '' }] }, { unorderedAt: ['orders'], ignore: ['orders[*].at'] });
    expect(missing).toEqual([
      { path: 'orders[2]', expected: { id: 2, at: 'c' }, actual: undefined },
      { path: 'orders[2]', expected: undefined, actual: { id: 3, at: '' } },
    ]);
  });

  it('takes one value as a list of one where the other side has a list (XML)', () => {
    expect(compareDocuments({ item: { a: '1' } }, { item: [{ a: '1' }] }, { listsOfOne: true })).toEqual([]);
    expect(compareDocuments({ item: { a: '1' } }, { item: [{ a: '1' }, { a: '2' }] }, { listsOfOne: true })).toEqual([{ path: 'item[1]', expected: undefined, actual: { a: '2' } }]);
  });
});

describe('documents', () => {
  it('reads XML canonically: attribute order, indentation, comments and CDATA do not matter', () => {
    const a = canonicalXml('<r><o b="2" a="1"><n>x &amp; y</n><i>1</i><i>2</i></o></r>', 'a.xml');
    const b = canonicalXml('<?xml version="1.0"?>\n<!-- c -->\n<r>\n  <o a="1" b="2">\n    <n><![CDATA[x & y]]></n>\n    <i>1</i>\n    <i>2</i>\n  </o>\n</r>\n', 'b.xml');
    expect(a).toEqual({ r: { o: { '@a': '1', '@b': '2', n: 'x & y', i: ['1', '2'] } } });
    expect(compareDocuments(a, b)).toEqual([]);
    expect(() => canonicalXml('<r><o></r>', 'bad.xml')).toThrow(/bad\.xml is not well-formed XML/);
  });

  it('reads CSV as rows, JSON Lines as a list, and finds the records of each format', async () => {
    const csv = formatSchema.parse({ type: 'csv', delimiter: ';' });
    expect(await documentOf(Buffer.from('id;qty\nA;1\n'), csv, 'x.csv')).toEqual([{ id: 'A', qty: '1' }]);
    const lines = formatSchema.parse({ type: 'json', mode: 'lines' });
    expect(await documentOf(Buffer.from('{"a":1}\n\n{"a":2}\n'), lines, 'x.jsonl')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(recordsPath(formatSchema.parse({ type: 'json', mode: 'array', records: 'data.orders' }))).toEqual(['data', 'orders']);
    expect(recordsPath(formatSchema.parse({ type: 'xml', root: 'orders', record: 'order' }))).toEqual(['orders', 'order']);
    await expect(documentOf(Buffer.from('{'), formatSchema.parse({ type: 'json' }), 'golden.json')).rejects.toThrow(/golden\.json is not valid JSON/);
  });
});
