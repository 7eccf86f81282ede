import { componentKinds, type ComponentKind, type Project } from '../../../engine/src/core/model/project.ts';
import { jsonPath } from '../../../engine/src/core/json.ts';
import type { ComponentRef } from './components.ts';

/** A component that references another one, and where in its document. */
export interface Usage extends ComponentRef {
  name: string;
  /** JSON path of the reference (`$.steps[0].activity`), so the form can reveal it. */
  path: string;
}

type Reference = { from: ComponentRef & { name: string }; path: (string | number)[]; to: ComponentRef };

/** Every reference between components, as the model defines them (ids, never names). */
export function references(project: Project): Reference[] {
  const out: Reference[] = [];
  const add = (kind: ComponentKind, doc: { id: string; name: string }, path: (string | number)[], toKind: ComponentKind, toId: string | undefined) => {
    if (toId !== undefined) out.push({ from: { kind, id: doc.id, name: doc.name }, path, to: { kind: toKind, id: toId } });
  };
  for (const a of project.activities) {
    add('activities', a, ['endpoint'], 'endpoints', a.endpoint);
    add('activities', a, ['schema'], 'schemas', a.schema);
  }
  for (const t of project.transformations) {
    add('transformations', t, ['source'], 'schemas', t.source);
    add('transformations', t, ['target'], 'schemas', t.target);
  }
  for (const op of project.operations) {
    op.steps.forEach((step, i) => {
      if (step.kind === 'transform') add('operations', op, ['steps', i, 'transformation'], 'transformations', step.transformation);
      else if (step.kind === 'script') add('operations', op, ['steps', i, 'script'], 'scripts', step.script);
      else add('operations', op, ['steps', i, 'activity'], 'activities', step.activity);
    });
    (op.onSuccess ?? []).forEach((id, i) => add('operations', op, ['onSuccess', i], 'operations', id));
    (op.onFailure ?? []).forEach((id, i) => add('operations', op, ['onFailure', i], 'operations', id));
  }
  for (const w of project.workflows) w.operations.forEach((id, i) => add('workflows', w, ['operations', i], 'operations', id));
  for (const s of project.schedules) add('schedules', s, ['operation'], 'operations', s.operation);
  for (const t of project.tests) add('tests', t, ['operation'], 'operations', t.operation);
  return out;
}

/** What uses a component: one entry per reference, in explorer order of the referencing kinds. */
export function findUsages(project: Project, target: ComponentRef): Usage[] {
  const order = Object.keys(componentKinds);
  return references(project)
    .filter((r) => r.to.kind === target.kind && r.to.id === target.id)
    .map((r) => ({ kind: r.from.kind, id: r.from.id, name: r.from.name, path: jsonPath(r.path) }))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name));
}
