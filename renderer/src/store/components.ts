import { componentKindNames, type ComponentKind, type Project } from '../../../engine/src/core/model/project.ts';

/** Any component document: every kind has an id and a name. */
export type ComponentDoc = { id: string; name: string } & Record<string, unknown>;

/** A component's identity across the project: its kind and id. */
export interface ComponentRef {
  kind: ComponentKind;
  id: string;
}

export const refKey = (ref: ComponentRef) => `${ref.kind}/${ref.id}`;

export function listOf(project: Project, kind: ComponentKind): ComponentDoc[] {
  return project[kind] as unknown as ComponentDoc[];
}

export function findComponent(project: Project, kind: ComponentKind, id: string): ComponentDoc | undefined {
  return listOf(project, kind).find((c) => c.id === id);
}

/** The project with one component written (`doc`) or removed (`undefined`); lists stay sorted by id, as the engine keeps them. */
export function putComponent(project: Project, kind: ComponentKind, id: string, doc: ComponentDoc | undefined): Project {
  const rest = listOf(project, kind).filter((c) => c.id !== id);
  const list = doc ? [...rest, doc].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : rest;
  return { ...project, [kind]: list };
}

/** Deep equality that ignores key order: files on disk sort their keys, documents edited here may not. */
export function sameDoc(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameDoc(item, other[i]));
  }
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameDoc((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** One component before and after an edit; `undefined` on a side means absent (added or deleted). */
export interface ComponentDelta extends ComponentRef {
  before?: ComponentDoc;
  after?: ComponentDoc;
}

/** Components that differ between two projects. Unchanged lists are skipped by reference, so this is cheap after a command. */
export function diffProjects(from: Project, to: Project): ComponentDelta[] {
  const deltas: ComponentDelta[] = [];
  for (const kind of componentKindNames) {
    if (from[kind] === to[kind]) continue;
    const before = new Map(listOf(from, kind).map((c) => [c.id, c]));
    const after = new Map(listOf(to, kind).map((c) => [c.id, c]));
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(id);
      const a = after.get(id);
      if (!sameDoc(b, a)) deltas.push({ kind, id, before: b, after: a });
    }
  }
  return deltas;
}

/** Applies one side of a set of deltas (`after` to redo, `before` to undo). */
export function applyDeltas(project: Project, deltas: readonly ComponentDelta[], side: 'before' | 'after'): Project {
  return deltas.reduce((p, d) => putComponent(p, d.kind, d.id, d[side]), project);
}
