import { describe, expect, it } from 'vitest';
import { validateProject } from '../../../engine/src/core/validate.ts';
import { deleteComponent, duplicateComponent, duplicateOf, nameProblem } from './component-commands.ts';
import { putComponent } from './components.ts';
import { sampleProject } from './test-support.ts';

describe('explorer commands', () => {
  it('deletes a component; references to it are left for validation to report', () => {
    const p = deleteComponent.run(sampleProject(), { kind: 'scripts', id: 'hello' });
    expect(p.scripts).toEqual([]);
    expect(validateProject(p).map((x) => `${x.file} ${x.path}`)).toContain('operations/a.json $.steps[0].script');
    expect(deleteComponent.label({ kind: 'scripts', id: 'hello' })).toBe('Delete Script');
    expect(() => deleteComponent.run(sampleProject(), { kind: 'scripts', id: 'nope' })).toThrow(/no script "nope"/);
  });

  it('deletes an operation from its workflows and chain actions too', () => {
    const base = putComponent(sampleProject(), 'operations', 'a', { ...sampleProject().operations[0], onSuccess: ['b'] });
    const p = deleteComponent.run(base, { kind: 'operations', id: 'b' });
    expect(p.operations.map((o) => o.id)).toEqual(['a']);
    expect(p.operations[0].onSuccess).toEqual([]);
    expect(p.workflows[0]).toMatchObject({ operations: ['a'], layout: { a: { x: 0, y: 0 } } });
  });

  it('duplicates a component with a new id and a unique name', () => {
    const once = duplicateComponent.run(sampleProject(), { kind: 'scripts', id: 'hello' });
    expect(once.scripts.map((s) => [s.id, s.name, s.source])).toEqual([
      ['hello', 'Hello', '<trans>1</trans>'],
      ['hello-copy', 'Hello copy', '<trans>1</trans>'],
    ]);
    const twice = duplicateOf(once, 'scripts', 'hello');
    expect(twice.id).toBe('hello-copy-2');
    expect(twice.project.scripts.find((s) => s.id === twice.id)?.name).toBe('Hello copy 2');
    expect(validateProject(twice.project)).toEqual(validateProject(sampleProject()));
  });

  it('gives a duplicated variable a name that is still an identifier', () => {
    const p = putComponent(sampleProject(), 'variables', 'target', { id: 'target', name: 'target', type: 'string' });
    const copy = duplicateOf(duplicateOf(p, 'variables', 'target').project, 'variables', 'target');
    expect(copy.project.variables.map((v) => v.name)).toEqual(['target', 'target_copy', 'target_copy_2']);
  });

  it('places a duplicated operation beside the original on its workflow', () => {
    const { project, id } = duplicateOf(sampleProject(), 'operations', 'b');
    expect(id).toBe('b-copy');
    expect(project.workflows[0].operations).toEqual(['a', 'b', 'b-copy']);
    expect(project.workflows[0].layout?.['b-copy']).toEqual({ x: 340, y: 40 });
  });
});

describe('rename check', () => {
  it('refuses empty, taken and (for variables) non-identifier names', () => {
    const p = putComponent(sampleProject(), 'variables', 'target', { id: 'target', name: 'target', type: 'string' });
    expect(nameProblem(p, 'operations', 'a', '  ')).toBe('must not be empty');
    expect(nameProblem(p, 'operations', 'a', 'b')).toBe('another operation is already named "B"');
    expect(nameProblem(p, 'operations', 'a', 'A')).toBeUndefined();
    expect(nameProblem(p, 'variables', 'target', 'my target')).toMatch(/must be a variable name/);
  });
});
