import { describe, expect, it } from 'vitest';
import { jsonEqual, mergeJson } from './json.ts';

const base = { id: 'convert', name: 'Convert', description: 'old', steps: [{ kind: 'read' }], layout: { a: { x: 1, y: 1 } } };

describe('mergeJson', () => {
  it('takes the side that changed a field, field by field', () => {
    const mine = { ...base, name: 'Convert orders' };
    const theirs = { ...base, description: 'new', layout: { a: { x: 1, y: 9 } } };
    const merged = mergeJson(base, mine, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(merged.mine).toEqual({ ...base, name: 'Convert orders', description: 'new', layout: { a: { x: 1, y: 9 } } });
    expect(merged.theirs).toEqual(merged.mine);
  });

  it('reports a field both changed differently, keeping each side in its candidate', () => {
    const merged = mergeJson(base, { ...base, name: 'Mine' }, { ...base, name: 'Theirs', description: 'x' });
    expect(merged.conflicts).toEqual(['$.name']);
    expect(merged.mine).toMatchObject({ name: 'Mine', description: 'x' });
    expect(merged.theirs).toMatchObject({ name: 'Theirs', description: 'x' });
  });

  it('accepts the same change on both sides', () => {
    const both = { ...base, name: 'Same' };
    expect(mergeJson(base, both, { ...both })).toEqual({ mine: both, theirs: both, conflicts: [] });
  });

  it('merges added and removed fields', () => {
    const { description: _, ...withoutDescription } = base;
    const merged = mergeJson(base, withoutDescription, { ...base, notes: 'added' });
    expect(merged.conflicts).toEqual([]);
    expect(merged.mine).toEqual({ ...withoutDescription, notes: 'added' });
  });

  it('conflicts when one side removes a field the other changed, and on nested paths', () => {
    const { description: _, ...withoutDescription } = base;
    expect(mergeJson(base, withoutDescription, { ...base, description: 'edited' }).conflicts).toEqual(['$.description']);
    const merged = mergeJson(base, { ...base, layout: { a: { x: 2, y: 1 } } }, { ...base, layout: { a: { x: 3, y: 1 }, b: { x: 0, y: 0 } } });
    expect(merged.conflicts).toEqual(['$.layout.a.x']);
    expect(merged.mine).toMatchObject({ layout: { a: { x: 2, y: 1 }, b: { x: 0, y: 0 } } });
  });

  it('treats arrays as values: one side changing one merges, two different changes conflict', () => {
    const one = mergeJson(base, { ...base, steps: [{ kind: 'read' }, { kind: 'write' }] }, { ...base, name: 'x' });
    expect(one.conflicts).toEqual([]);
    expect(one.mine).toMatchObject({ name: 'x', steps: [{ kind: 'read' }, { kind: 'write' }] });
    const two = mergeJson(base, { ...base, steps: [{ kind: 'read' }, { kind: 'write' }] }, { ...base, steps: [] });
    expect(two.conflicts).toEqual(['$.steps']);
  });

  it('merges documents added on both sides with no base per field', () => {
    const merged = mergeJson(undefined, { id: 'a', name: 'A', x: 1 }, { id: 'a', name: 'A', y: 2 });
    expect(merged).toEqual({ mine: { id: 'a', name: 'A', x: 1, y: 2 }, theirs: { id: 'a', name: 'A', x: 1, y: 2 }, conflicts: [] });
    expect(mergeJson(undefined, { id: 'a', name: 'A' }, { id: 'a', name: 'B' }).conflicts).toEqual(['$.name']);
  });

  it('compares JSON structurally, ignoring key order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
