/** Operations copied as a group: pasted or duplicated with new ids and names, links between them kept. */
import type { Project } from '../../../engine/src/core/model/project.ts';
import type { OperationDoc } from '../../../engine/src/core/model/operation.ts';
import type { WorkflowDoc } from '../../../engine/src/core/model/workflow.ts';
import { putComponent, type ComponentDoc } from './components.ts';
import { define, mustFind, uniqueId, uniqueName, type Position } from './document-commands.ts';

/** What Ctrl+C keeps: the documents as they were, so a paste works after the originals change or go. */
export interface CopiedOperations {
  operations: OperationDoc[];
  positions: Record<string, Position>;
}

/** Where pasted copies land, from the originals' positions. */
export const PASTE_OFFSET = { x: 40, y: 40 };

/**
 * Adds copies of `operations` to the project; returns the new id of each original. Chain
 * actions between copied operations point at the copies; actions to operations left behind
 * are dropped, so a copy never runs someone else's chain twice.
 */
export function cloneOperations(project: Project, operations: readonly OperationDoc[]): { project: Project; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  let next = project;
  const names = new Map<string, string>();
  for (const op of operations) {
    const name = uniqueName(next, 'operations', `${op.name} copy`);
    const id = uniqueId(next, 'operations', name);
    ids.set(op.id, id);
    names.set(op.id, name);
    // Reserve the id and name before the next one is chosen.
    next = putComponent(next, 'operations', id, { id, name, steps: [] });
  }
  const remap = (list: string[] | undefined) => (list ?? []).flatMap((id) => (ids.has(id) ? [ids.get(id)!] : []));
  for (const op of operations) {
    const copy: OperationDoc = { ...structuredClone(op), id: ids.get(op.id)!, name: names.get(op.id)!, onSuccess: remap(op.onSuccess), onFailure: remap(op.onFailure) };
    next = putComponent(next, 'operations', copy.id, copy as unknown as ComponentDoc);
  }
  return { project: next, ids };
}

/** Places copies on a workflow, each beside where its original was. */
function placeCopies(project: Project, workflow: string, ids: Map<string, string>, positions: Record<string, Position>): Project {
  const wf = mustFind<WorkflowDoc>(project, 'workflows', workflow);
  const layout = { ...wf.layout };
  for (const [original, copy] of ids) {
    const at = positions[original] ?? { x: 80, y: 80 };
    layout[copy] = { x: Math.round(at.x + PASTE_OFFSET.x), y: Math.round(at.y + PASTE_OFFSET.y) };
  }
  return putComponent(project, 'workflows', workflow, { ...wf, operations: [...wf.operations, ...ids.values()], layout });
}

export const pasteOperations = define<{ workflow: string; copied: CopiedOperations }>({
  id: 'pasteOperations',
  label: ({ copied }) => (copied.operations.length === 1 ? 'Paste Operation' : 'Paste Operations'),
  run(project, { workflow, copied }) {
    if (!copied.operations.length) return project;
    const { project: next, ids } = cloneOperations(project, copied.operations);
    return placeCopies(next, workflow, ids, copied.positions);
  },
});

/** The copy of an operation joins every workflow that shows the original. */
export function duplicateOperation(project: Project, id: string): { project: Project; id: string } {
  const op = mustFind<OperationDoc>(project, 'operations', id);
  const cloned = cloneOperations(project, [op]);
  let next = cloned.project;
  for (const wf of project.workflows.filter((w) => w.operations.includes(id))) {
    next = placeCopies(next, wf.id, cloned.ids, wf.layout ?? {});
  }
  return { project: next, id: cloned.ids.get(id)! };
}
