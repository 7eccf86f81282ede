import { describe, expect, it } from 'vitest';
import type { Step } from '../../../engine/src/core/model/operation.ts';
import { validateProject } from '../../../engine/src/core/validate.ts';
import { putComponent } from './components.ts';
import { sampleProject } from './test-support.ts';
import { addStep, moveStep, removeStep, stepInsertIndex } from './step-commands.ts';

const read: Step = { kind: 'read', activity: 'r' };
const transform: Step = { kind: 'transform', transformation: 't' };
const write: Step = { kind: 'write', activity: 'w' };
const script: Step = { kind: 'script', script: 'hello' };

function projectWithParts() {
  let p = sampleProject();
  p = putComponent(p, 'activities', 'r', { id: 'r', name: 'R', type: 'read', endpoint: 'incoming', format: { type: 'csv' } });
  p = putComponent(p, 'activities', 'w', { id: 'w', name: 'W', type: 'write', endpoint: 'incoming', format: { type: 'json' } });
  return putComponent(p, 'transformations', 't', { id: 't', name: 'T', fields: [{ name: 'x', from: 'x' }] });
}

describe('step commands', () => {
  it('puts each kind of step where the step order allows it', () => {
    expect(stepInsertIndex([], 'transform')).toBe(0);
    expect(stepInsertIndex([script, read, write, script], 'read')).toBe(1);
    expect(stepInsertIndex([script, read, write, script], 'transform')).toBe(2);
    expect(stepInsertIndex([read, transform, write], 'transform')).toBe(2);
    expect(stepInsertIndex([script, read, write, script], 'write')).toBe(3);
    expect(stepInsertIndex([script], 'read')).toBe(1);
    expect(stepInsertIndex([read, write], 'script')).toBe(2);
  });

  it('builds a valid operation whatever order the steps are dropped in', () => {
    let p = projectWithParts();
    for (const step of [write, script, transform, read]) p = addStep.run(p, { operation: 'b', step });
    expect(p.operations.find((o) => o.id === 'b')?.steps).toEqual([read, transform, write, script]);
    expect(validateProject(p).filter((x) => x.file === 'operations/b.json')).toEqual([]);
    expect(addStep.label({ operation: 'b', step: write })).toBe('Add Write Step');
  });

  it('moves and removes steps; a move out of range changes nothing', () => {
    let p = projectWithParts();
    for (const step of [read, transform, write]) p = addStep.run(p, { operation: 'b', step });
    const moved = moveStep.run(p, { operation: 'b', from: 2, to: 1 });
    expect(moved.operations.find((o) => o.id === 'b')?.steps).toEqual([read, write, transform]);
    expect(validateProject(moved).some((x) => x.file === 'operations/b.json' && x.path === '$.steps[2]')).toBe(true);
    expect(moveStep.run(p, { operation: 'b', from: 0, to: 3 })).toBe(p);
    expect(removeStep.run(p, { operation: 'b', index: 1 }).operations.find((o) => o.id === 'b')?.steps).toEqual([read, write]);
  });
});
