import { describe, expect, it } from 'vitest';
import { validateProject } from '../../../engine/src/core/validate.ts';
import { putComponent } from '../store/components.ts';
import { sampleProject } from '../store/test-support.ts';
import { stepOfPath, workflowGraph } from './graph.ts';

describe('workflow graph', () => {
  it('marks each invalid step with its own problem, and the operation with its first', () => {
    let p = sampleProject();
    p = putComponent(p, 'operations', 'a', { id: 'a', name: 'A', steps: [{ kind: 'script', script: 'hello' }, { kind: 'read', activity: 'gone' }] });
    p = putComponent(p, 'scripts', 'hello', { ...p.scripts[0], source: '<trans>Upper(</trans>' });
    const a = workflowGraph(p, 'main', validateProject(p)).nodes.find((n) => n.id === 'a')!;
    expect(a.data.steps.map((s) => s.problem)).toEqual([expect.stringMatching(/^scripts\/hello\.chs: /), 'activity "gone" does not exist']);
    expect(a.data.problem).toBe('an operation that reads must write somewhere: add a write step');
    const b = workflowGraph(p, 'main', validateProject(p)).nodes.find((n) => n.id === 'b')!;
    expect(b.data.problem).toBe('an operation needs at least one step');
  });

  it('reads the step index from a problem path', () => {
    expect(stepOfPath('$.steps[12].activity')).toBe(12);
    expect(stepOfPath('$.steps')).toBeUndefined();
    expect(stepOfPath('$.onSuccess[0]')).toBeUndefined();
  });
});
