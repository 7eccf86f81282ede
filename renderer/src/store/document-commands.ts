/**
 * Every edit of the document is one of these: pure over the project, so they are unit-tested
 * without React and dispatched the same way from the canvas, forms, the palette and tests.
 */
import { componentKinds, type ComponentKind, type Project } from '../../../engine/src/core/model/project.ts';
import type { OperationDoc, Step } from '../../../engine/src/core/model/operation.ts';
import type { WorkflowDoc } from '../../../engine/src/core/model/workflow.ts';
import { findComponent, putComponent, type ComponentDoc } from './components.ts';

export interface DocumentCommand<A> {
  id: string;
  /** Shown in the history: "Undo Move Operation". */
  label: (args: A) => string;
  /** Edits with the same key in quick succession become one undo step. */
  mergeKey?: (args: A) => string;
  run(project: Project, args: A): Project;
}

export const define = <A>(command: DocumentCommand<A>) => command;

export type Position = { x: number; y: number };
export type Trigger = 'success' | 'failure';

export function mustFind<T>(project: Project, kind: ComponentKind, id: string): T & ComponentDoc {
  const doc = findComponent(project, kind, id);
  if (!doc) throw new Error(`no ${componentKinds[kind].label} "${id}"`);
  return doc as T & ComponentDoc;
}

const listKey = (on: Trigger) => (on === 'success' ? 'onSuccess' : 'onFailure');

/** Where operations sit on a workflow's canvas; a whole drag is one call. */
export const moveOperations = define<{ workflow: string; positions: Record<string, Position> }>({
  id: 'moveOperations',
  label: ({ positions }) => (Object.keys(positions).length === 1 ? 'Move Operation' : 'Move Operations'),
  run(project, { workflow, positions }) {
    const wf = mustFind<WorkflowDoc>(project, 'workflows', workflow);
    const rounded = Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]));
    return putComponent(project, 'workflows', workflow, { ...wf, layout: { ...wf.layout, ...rounded } });
  },
});

/** Replaces a component's document with an edited one (forms). */
export const updateComponent = define<{ kind: ComponentKind; doc: ComponentDoc }>({
  id: 'updateComponent',
  label: ({ kind }) => `Edit ${capitalize(componentKinds[kind].label)}`,
  mergeKey: ({ kind, doc }) => `edit:${kind}/${doc.id}`,
  run(project, { kind, doc }) {
    mustFind(project, kind, doc.id);
    return putComponent(project, kind, doc.id, doc);
  },
});

export const renameComponent = define<{ kind: ComponentKind; id: string; name: string }>({
  id: 'renameComponent',
  label: ({ kind }) => `Rename ${capitalize(componentKinds[kind].label)}`,
  run(project, { kind, id, name }) {
    const doc = mustFind(project, kind, id);
    return putComponent(project, kind, id, { ...doc, name: name.trim() });
  },
});

/** Typing in the script editor: consecutive keystrokes merge into one undo step. */
export const editScript = define<{ id: string; source: string }>({
  id: 'editScript',
  label: () => 'Edit Script',
  mergeKey: ({ id }) => `script:${id}`,
  run(project, { id, source }) {
    const doc = mustFind(project, 'scripts', id);
    return putComponent(project, 'scripts', id, { ...doc, source });
  },
});

/** Adds an on-success or on-failure action from one operation to another. */
export const connectOperations = define<{ from: string; to: string; on: Trigger }>({
  id: 'connectOperations',
  label: ({ on }) => (on === 'success' ? 'Connect On Success' : 'Connect On Failure'),
  run(project, { from, to, on }) {
    const op = mustFind<OperationDoc>(project, 'operations', from);
    mustFind(project, 'operations', to);
    const list = op[listKey(on)] ?? [];
    if (from === to || list.includes(to)) return project;
    return putComponent(project, 'operations', from, { ...op, [listKey(on)]: [...list, to] });
  },
});

export const disconnectOperations = define<{ from: string; to: string; on: Trigger }>({
  id: 'disconnectOperations',
  label: () => 'Remove Connection',
  run(project, { from, to, on }) {
    const op = mustFind<OperationDoc>(project, 'operations', from);
    return putComponent(project, 'operations', from, { ...op, [listKey(on)]: (op[listKey(on)] ?? []).filter((id) => id !== to) });
  },
});

/** A new operation on a workflow's canvas: empty, or with the step dropped on the canvas. */
export const addOperation = define<{ workflow: string; name: string; position: Position; steps?: Step[] }>({
  id: 'addOperation',
  label: () => 'Add Operation',
  run(project, { workflow, name, position, steps = [] }) {
    const wf = mustFind<WorkflowDoc>(project, 'workflows', workflow);
    const id = uniqueId(project, 'operations', name);
    const op: OperationDoc = { id, name: uniqueName(project, 'operations', name), steps };
    const withOp = putComponent(project, 'operations', id, op as unknown as ComponentDoc);
    return putComponent(withOp, 'workflows', workflow, {
      ...wf,
      operations: [...wf.operations, id],
      layout: { ...wf.layout, [id]: { x: Math.round(position.x), y: Math.round(position.y) } },
    });
  },
});

/** Deletes operations, and every canvas position and chain action that named them. */
export const deleteOperations = define<{ ids: string[] }>({
  id: 'deleteOperations',
  label: ({ ids }) => (ids.length === 1 ? 'Delete Operation' : 'Delete Operations'),
  run(project, { ids }) {
    const gone = new Set(ids);
    let next = project;
    for (const id of ids) next = putComponent(next, 'operations', id, undefined);
    for (const wf of next.workflows) {
      if (!wf.operations.some((id) => gone.has(id))) continue;
      const layout = Object.fromEntries(Object.entries(wf.layout ?? {}).filter(([id]) => !gone.has(id)));
      next = putComponent(next, 'workflows', wf.id, { ...wf, operations: wf.operations.filter((id) => !gone.has(id)), layout } as unknown as ComponentDoc);
    }
    for (const op of next.operations) {
      const keep = (list: string[] | undefined) => (list ?? []).filter((id) => !gone.has(id));
      if ([...(op.onSuccess ?? []), ...(op.onFailure ?? [])].some((id) => gone.has(id))) {
        next = putComponent(next, 'operations', op.id, { ...op, onSuccess: keep(op.onSuccess), onFailure: keep(op.onFailure) } as unknown as ComponentDoc);
      }
    }
    return next;
  },
});

/** Resolves a conflict with the version on disk (undoable, unlike the reload itself). */
export const takeDiskVersion = define<{ kind: ComponentKind; id: string; doc: ComponentDoc | undefined }>({
  id: 'takeDiskVersion',
  label: () => 'Take Version on Disk',
  run: (project, { kind, id, doc }) => putComponent(project, kind, id, doc),
});

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An id from a name (`Send report` -> `send-report`), with a counter when it is taken. */
export function uniqueId(project: Project, kind: ComponentKind, name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || kind.slice(0, -1);
  let id = base;
  for (let n = 2; findComponent(project, kind, id); n++) id = `${base}-${n}`;
  return id;
}

/** Names must be unique per kind (validation says so), so a new component gets a counter. */
export function uniqueName(project: Project, kind: ComponentKind, name: string): string {
  const taken = new Set((project[kind] as { name: string }[]).map((c) => c.name.trim().toLowerCase()));
  // Variable names are identifiers: no spaces.
  const separator = kind === 'variables' ? '_' : ' ';
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name}${separator}${n}`;
  return candidate;
}
