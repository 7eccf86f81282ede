/** Steps inside an operation: added where the engine's step order allows them, moved, removed. */
import type { OperationDoc, Step } from '../../../engine/src/core/model/operation.ts';
import type { Project } from '../../../engine/src/core/model/project.ts';
import { putComponent, type ComponentDoc } from './components.ts';
import { define, mustFind } from './document-commands.ts';

/**
 * Where a new step of `kind` goes so the order stays valid (validate.ts: scripts before,
 * then read, transforms, writes, then scripts after): a read before the data steps, a
 * transform after the read and the other transforms, a write after every data step, a
 * script at the end.
 */
export function stepInsertIndex(steps: readonly Step[], kind: Step['kind']): number {
  const dataAt = steps.flatMap((s, i) => (s.kind === 'script' ? [] : [i]));
  // With scripts only, the data steps go after them: the scripts then run first.
  const firstData = dataAt[0] ?? steps.length;
  const lastData = dataAt.length ? dataAt[dataAt.length - 1] + 1 : steps.length;
  switch (kind) {
    case 'read':
      return firstData;
    case 'transform': {
      const after = steps.findLastIndex((s) => s.kind === 'read' || s.kind === 'transform');
      return after >= 0 ? after + 1 : firstData;
    }
    case 'write':
      return lastData;
    case 'script':
      return steps.length;
  }
}

const editSteps = (project: Project, operation: string, edit: (steps: Step[]) => Step[]): Project => {
  const op = mustFind<OperationDoc>(project, 'operations', operation);
  return putComponent(project, 'operations', operation, { ...op, steps: edit([...op.steps]) } as unknown as ComponentDoc);
};

const kindLabel: Record<Step['kind'], string> = { read: 'Read', transform: 'Transform', write: 'Write', script: 'Script' };

export const addStep = define<{ operation: string; step: Step }>({
  id: 'addStep',
  label: ({ step }) => `Add ${kindLabel[step.kind]} Step`,
  run: (project, { operation, step }) =>
    editSteps(project, operation, (steps) => {
      steps.splice(stepInsertIndex(steps, step.kind), 0, step);
      return steps;
    }),
});

export const moveStep = define<{ operation: string; from: number; to: number }>({
  id: 'moveStep',
  label: () => 'Move Step',
  run(project, { operation, from, to }) {
    const { steps } = mustFind<OperationDoc>(project, 'operations', operation);
    if (from === to || from < 0 || to < 0 || from >= steps.length || to >= steps.length) return project;
    return editSteps(project, operation, (list) => {
      const [step] = list.splice(from, 1);
      list.splice(to, 0, step);
      return list;
    });
  },
});

export const removeStep = define<{ operation: string; index: number }>({
  id: 'removeStep',
  label: () => 'Remove Step',
  run: (project, { operation, index }) => editSteps(project, operation, (steps) => steps.filter((_, i) => i !== index)),
});
