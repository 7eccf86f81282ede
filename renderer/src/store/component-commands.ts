/** Explorer edits of any component kind: delete and duplicate (rename is in document-commands). */
import { componentKinds, type ComponentKind, type Project } from '../../../engine/src/core/model/project.ts';
import { listOf, putComponent } from './components.ts';
import { capitalize, define, deleteOperations, mustFind, uniqueId, uniqueName } from './document-commands.ts';
import { duplicateOperation } from './operation-commands.ts';

/**
 * Removes a component. An operation also leaves the workflows and chain actions that named
 * it (they only place or chain it); other references stay and show as problems, which the
 * confirmation lists beforehand.
 */
export const deleteComponent = define<{ kind: ComponentKind; id: string }>({
  id: 'deleteComponent',
  label: ({ kind }) => `Delete ${capitalize(componentKinds[kind].label)}`,
  run(project, { kind, id }) {
    mustFind(project, kind, id);
    if (kind === 'operations') return deleteOperations.run(project, { ids: [id] });
    return putComponent(project, kind, id, undefined);
  },
});

/** A variable's name is an identifier, so its copy cannot have a space in it. */
const copyName = (kind: ComponentKind, name: string) => (kind === 'variables' ? `${name}_copy` : `${name} copy`);

/** The id a duplicate of `id` gets; the caller opens it. */
export function duplicateOf(project: Project, kind: ComponentKind, id: string): { project: Project; id: string } {
  if (kind === 'operations') return duplicateOperation(project, id);
  const doc = mustFind(project, kind, id);
  const name = uniqueName(project, kind, copyName(kind, doc.name));
  const copyId = uniqueId(project, kind, name);
  return { project: putComponent(project, kind, copyId, { ...structuredClone(doc), id: copyId, name }), id: copyId };
}

export const duplicateComponent = define<{ kind: ComponentKind; id: string }>({
  id: 'duplicateComponent',
  label: ({ kind }) => `Duplicate ${capitalize(componentKinds[kind].label)}`,
  run: (project, { kind, id }) => duplicateOf(project, kind, id).project,
});

/** Why `name` cannot be the new name of a component, checked before the rename is dispatched. */
export function nameProblem(project: Project, kind: ComponentKind, id: string, name: string): string | undefined {
  const doc = mustFind(project, kind, id);
  const result = componentKinds[kind].schema.safeParse({ ...doc, name });
  const issue = result.success ? undefined : result.error.issues.find((i) => i.path[0] === 'name');
  if (issue) return issue.message;
  const taken = listOf(project, kind).find((c) => c.id !== id && c.name.trim().toLowerCase() === name.trim().toLowerCase());
  return taken ? `another ${componentKinds[kind].label} is already named "${taken.name}"` : undefined;
}
