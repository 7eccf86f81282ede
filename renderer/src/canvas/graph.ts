/**
 * The canvas is a view: nodes and edges derived from the document, never stored twice.
 * Node data is plain data (no functions), so React Flow can compare it cheaply.
 */
import type { Edge, Node } from '@xyflow/react';
import { componentFile, type Project } from '../../../engine/src/core/model/project.ts';
import type { Step } from '../../../engine/src/core/model/operation.ts';
import type { Problem } from '../../../engine/src/core/problems.ts';
import type { ComponentRef } from '../store/components.ts';

export interface StepView {
  kind: Step['kind'];
  /** The activity, transformation or script name. */
  label: string;
  /** For reads and writes: the endpoint's name. */
  endpoint?: string;
  /** What a click on the step opens. */
  opens?: ComponentRef;
  /** The first problem of the step, or of the component it uses, shown on hover. */
  problem?: string;
}

export type OperationNodeData = {
  operationId: string;
  name: string;
  steps: StepView[];
  /** The first problem of the operation, shown on hover. */
  problem?: string;
  /** The step of the last run that reported an error. */
  failedStep?: string;
};
export type OperationNode = Node<OperationNodeData, 'operation'>;

export const SUCCESS_HANDLE = 'success';
export const FAILURE_HANDLE = 'failure';

const GRID = { x: 320, y: 200 };

export function stepView(project: Project, step: Step): StepView {
  if (step.kind === 'read' || step.kind === 'write') {
    const activity = project.activities.find((a) => a.id === step.activity);
    const endpoint = activity && project.endpoints.find((e) => e.id === activity.endpoint);
    return { kind: step.kind, label: activity?.name ?? step.activity, endpoint: endpoint?.name, opens: activity && { kind: 'activities', id: activity.id } };
  }
  if (step.kind === 'transform') {
    const t = project.transformations.find((x) => x.id === step.transformation);
    return { kind: step.kind, label: t?.name ?? step.transformation, opens: t && { kind: 'transformations', id: t.id } };
  }
  const script = project.scripts.find((x) => x.id === step.script);
  return { kind: step.kind, label: script?.name ?? step.script, opens: script && { kind: 'scripts', id: script.id } };
}

export function workflowGraph(project: Project, workflowId: string, problems: Problem[], failedStep?: { operation: string; step: string }) {
  const workflow = project.workflows.find((w) => w.id === workflowId);
  if (!workflow) return { nodes: [] as OperationNode[], edges: [] as Edge[] };
  const shown = new Set(workflow.operations);
  const nodes: OperationNode[] = [];
  const edges: Edge[] = [];
  workflow.operations.forEach((id, i) => {
    const op = project.operations.find((o) => o.id === id);
    const position = workflow.layout?.[id] ?? { x: 80 + (i % 4) * GRID.x, y: 80 + Math.floor(i / 4) * GRID.y };
    const own = problems.filter((p) => p.file === componentFile('operations', id));
    const problem = own.find((p) => stepOfPath(p.path) === undefined) ?? own[0];
    nodes.push({
      id,
      type: 'operation',
      position,
      data: {
        operationId: id,
        name: op?.name ?? `${id} (missing)`,
        steps: op?.steps.map((s, i) => withProblem(stepView(project, s), i, own, problems)) ?? [],
        problem: problem?.message ?? (op ? undefined : `operation "${id}" does not exist`),
        failedStep: failedStep?.operation === id ? failedStep.step : undefined,
      },
    });
    for (const [on, list] of [
      ['success', op?.onSuccess],
      ['failure', op?.onFailure],
    ] as const) {
      for (const target of list ?? []) {
        if (!shown.has(target)) continue;
        edges.push({
          id: `${on}:${id}->${target}`,
          source: id,
          target,
          sourceHandle: on,
          className: `edge-${on}`,
          label: on === 'success' ? 'on success' : 'on failure',
          data: { on },
        });
      }
    }
  });
  return { nodes, edges };
}

/** The step index a problem's JSON path points into (`$.steps[2].activity` -> 2). */
export function stepOfPath(path: string): number | undefined {
  const match = /^\$\.steps\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/** A step is invalid where the operation says so at that step, or where the component it uses has an error. */
function withProblem(view: StepView, index: number, own: Problem[], problems: Problem[]): StepView {
  const atStep = own.find((p) => stepOfPath(p.path) === index);
  const used = view.opens && problems.find((p) => p.severity === 'error' && p.file.startsWith(`${view.opens!.kind}/${view.opens!.id}.`));
  const problem = atStep?.message ?? (used ? `${used.file}: ${used.message}` : undefined);
  return problem ? { ...view, problem } : view;
}
