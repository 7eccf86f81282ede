import { describe, expect, it } from 'vitest';
import { applyDeltas, diffProjects, sameDoc } from './components.ts';
import { reconcile } from './reconcile.ts';
import { sampleProject } from './test-support.ts';
import { putComponent } from './components.ts';

describe('component diffs', () => {
  it('compares documents regardless of key order and undefined keys', () => {
    expect(sameDoc({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameDoc({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameDoc([1], { 0: 1 })).toBe(false);
  });

  it('lists added, changed and removed components, and applies them both ways', () => {
    const from = sampleProject();
    let to = putComponent(from, 'operations', 'b', undefined);
    to = putComponent(to, 'operations', 'c', { id: 'c', name: 'C', steps: [] });
    to = putComponent(to, 'endpoints', 'incoming', { ...from.endpoints[0], name: 'In' });
    const deltas = diffProjects(from, to);
    expect(deltas.map((d) => `${d.kind}/${d.id}:${d.before ? 'b' : '-'}${d.after ? 'a' : '-'}`).sort()).toEqual([
      'endpoints/incoming:ba',
      'operations/b:b-',
      'operations/c:-a',
    ]);
    expect(diffProjects(applyDeltas(to, deltas, 'before'), from)).toEqual([]);
    expect(diffProjects(applyDeltas(from, deltas, 'after'), to)).toEqual([]);
  });
});

describe('reconcile', () => {
  const edited = (name: string) => putComponent(sampleProject(), 'operations', 'a', { ...sampleProject().operations[0], name });

  it('takes a disk change when there is no local edit', () => {
    const { project, conflicts } = reconcile(sampleProject(), sampleProject(), edited('From git'));
    expect(project.operations[0].name).toBe('From git');
    expect(conflicts).toEqual([]);
  });

  it('keeps local edits of components the disk did not change', () => {
    const disk = putComponent(sampleProject(), 'operations', 'b', undefined);
    const { project, conflicts } = reconcile(sampleProject(), edited('Mine'), disk);
    expect(project.operations.map((o) => [o.id, o.name])).toEqual([['a', 'Mine']]);
    expect(conflicts).toEqual([]);
  });

  it('reports a conflict and keeps mine when both changed the same component', () => {
    const { project, conflicts } = reconcile(sampleProject(), edited('Mine'), edited('Theirs'));
    expect(project.operations[0].name).toBe('Mine');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'operations', id: 'a', mine: { name: 'Mine' }, theirs: { name: 'Theirs' } });
  });

  it('sees no conflict when both sides made the same change', () => {
    expect(reconcile(sampleProject(), edited('Same'), edited('Same')).conflicts).toEqual([]);
  });
});
