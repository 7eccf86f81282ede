import type { ComponentKind, Project } from '../../engine/src/core/model/project.ts';
import type { ComponentChange } from '../../preload/contract.ts';
import { HostError } from './host-error.ts';

/**
 * The project with the changes applied: written documents replace the component with their
 * id (or are added), deleted ones are removed. Lists stay sorted by id, as the store keeps them.
 */
export function applyChanges(project: Project, changes: readonly ComponentChange[]): Project {
  const next: Project = { ...project };
  for (const change of changes) {
    const list = next[change.kind] as { id: string }[];
    if (change.op === 'write') {
      const doc = change.doc as { id: string };
      next[change.kind] = sortById([...list.filter((c) => c.id !== doc.id), doc]) as never;
    } else {
      if (!list.some((c) => c.id === change.id)) throw notFound(change.kind, change.id);
      next[change.kind] = list.filter((c) => c.id !== change.id) as never;
    }
  }
  return next;
}

export function notFound(kind: ComponentKind, id: string): HostError {
  return new HostError('COMPONENT_NOT_FOUND', `no component "${id}" among the project's ${kind}`, 'id');
}

function sortById<T extends { id: string }>(list: T[]): T[] {
  return list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
