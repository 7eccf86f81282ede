import type { ResponseOf, RunSummary, StudioEvent } from '../../../preload/contract.ts';

/** The full run log (docs/run-log.md), as the contract gives it. */
export type RunLog = ResponseOf<'runs', 'get'>['log'];

export type StepKind = 'read' | 'transform' | 'write' | 'script';

/** One step of the run as the run panel shows it: live records while running, the figures once finished. */
export interface StepProgress {
  operationName: string;
  name: string;
  kind: StepKind;
  records: number;
  finished?: { recordsIn: number; recordsOut: number; ms: number };
}

/** The run the studio started last: not part of the document, not undoable. */
export interface RunView {
  runId?: string;
  operation: string;
  operationName: string;
  status: 'starting' | 'running' | RunSummary['status'];
  /** Epoch ms, for the elapsed time. */
  startedAt: number;
  endedAt?: number;
  steps: StepProgress[];
  summary?: RunSummary;
  /** The full log, fetched once the run has finished. */
  log?: RunLog;
  /** Why the run could not start. */
  error?: string;
}

export function startingRun(operation: string, operationName: string, now: number): RunView {
  return { operation, operationName, status: 'starting', startedAt: now, steps: [] };
}

/** Folds one host event into the run view; events of other runs leave it as it is. */
export function applyRunEvent(run: RunView, event: StudioEvent, now: number): RunView {
  if (!('runId' in event) || event.runId !== run.runId) return run;
  switch (event.type) {
    case 'runs.started':
      return { ...run, status: 'running' };
    case 'runs.progress':
      return { ...run, steps: upsertStep(run.steps, event.operationName, event.step, event.kind, (s) => ({ ...s, records: event.records })) };
    case 'runs.stepFinished': {
      const { name, kind, recordsIn, recordsOut, ms } = event.step;
      return { ...run, steps: upsertStep(run.steps, event.operationName, name, kind, (s) => ({ ...s, records: recordsOut, finished: { recordsIn, recordsOut, ms } })) };
    }
    case 'runs.finished':
      return { ...run, status: event.summary.status, summary: event.summary, endedAt: now };
    default:
      return run;
  }
}

function upsertStep(steps: StepProgress[], operationName: string, name: string, kind: StepKind, update: (s: StepProgress) => StepProgress): StepProgress[] {
  const i = steps.findIndex((s) => s.operationName === operationName && s.name === name);
  if (i < 0) return [...steps, update({ operationName, name, kind, records: 0 })];
  return steps.map((s, j) => (j === i ? update(s) : s));
}

export const isRunActive = (run: RunView | undefined) => run?.status === 'starting' || run?.status === 'running';

/** An earlier run, opened from the history: its log as the run panel shows a finished run. */
export function runViewOfLog(log: RunLog, summary?: RunSummary): RunView {
  const steps = (l: RunLog): StepProgress[] => [
    ...l.steps.map((s) => ({ operationName: l.operationName, name: s.name, kind: s.kind, records: s.recordsOut, finished: { recordsIn: s.recordsIn, recordsOut: s.recordsOut, ms: s.ms } })),
    ...l.children.flatMap(steps),
  ];
  return {
    runId: log.id,
    operation: log.operation,
    operationName: log.operationName,
    status: log.status,
    startedAt: Date.parse(log.startedAt),
    endedAt: Date.parse(log.endedAt),
    steps: steps(log),
    summary,
    log,
  };
}
