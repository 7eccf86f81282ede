import { describe, expect, it } from 'vitest';
import { validateProject } from '../../../engine/src/core/validate.ts';
import { putComponent } from './components.ts';
import { pasteOperations } from './operation-commands.ts';
import { sampleProject } from './test-support.ts';

describe('paste operations', () => {
  it('pastes copies with new ids and names, links between the copies kept and others dropped', () => {
    let p = sampleProject();
    p = putComponent(p, 'operations', 'a', { ...p.operations[0], onSuccess: ['b'] });
    p = putComponent(p, 'operations', 'b', { ...p.operations[1], onFailure: ['a', 'c'] });
    p = putComponent(p, 'operations', 'c', { id: 'c', name: 'C', steps: [] });
    const copied = { operations: [p.operations[0], p.operations[1]], positions: { a: { x: 0, y: 0 }, b: { x: 300, y: 0 } } };

    const once = pasteOperations.run(p, { workflow: 'main', copied });
    expect(once.operations.map((o) => [o.id, o.name, o.onSuccess, o.onFailure])).toContainEqual(['a-copy', 'A copy', ['b-copy'], []]);
    expect(once.operations.map((o) => [o.id, o.name, o.onSuccess, o.onFailure])).toContainEqual(['b-copy', 'B copy', [], ['a-copy']]);
    expect(once.workflows[0].operations).toEqual(['a', 'b', 'a-copy', 'b-copy']);
    expect(once.workflows[0].layout?.['b-copy']).toEqual({ x: 340, y: 40 });

    const twice = pasteOperations.run(once, { workflow: 'main', copied });
    expect(twice.operations.filter((o) => o.name.startsWith('A copy')).map((o) => o.name)).toEqual(['A copy', 'A copy 2']);
    expect(validateProject(twice).filter((x) => x.code === 'PROJECT_DUPLICATE_NAME')).toEqual([]);
    expect(pasteOperations.label({ workflow: 'main', copied })).toBe('Paste Operations');
  });
});
