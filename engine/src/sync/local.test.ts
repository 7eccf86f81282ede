import { describe, expect, it } from 'vitest';
import { applyChanges, manifestChanges } from './local.ts';

const h = (c: string) => c.repeat(64);

describe('manifest changes', () => {
  it('carry only what differs, and rebuild the target manifest in path order', () => {
    const from = { 'chorus.json': h('a'), 'operations/x.json': h('b'), 'operations/y.json': h('c') };
    const to = { 'operations/z.json': h('e'), 'chorus.json': h('a'), 'operations/x.json': h('d') };
    const changes = manifestChanges(from, to);
    expect(changes).toEqual({ put: { 'operations/x.json': h('d'), 'operations/z.json': h('e') }, delete: ['operations/y.json'] });
    const rebuilt = applyChanges(from, changes);
    expect(rebuilt).toEqual(to);
    expect(Object.keys(rebuilt)).toEqual(['chorus.json', 'operations/x.json', 'operations/z.json']);
    expect(manifestChanges(to, to)).toEqual({ put: {}, delete: [] });
    expect(applyChanges({}, manifestChanges({}, to))).toEqual(to);
  });
});
