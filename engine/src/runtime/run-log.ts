/**
 * The run log (transaction log): one JSON document per run, with the runs it chained as
 * children. Written to `.chorus/runs/<id>.json` in the project's local folder.
 */
export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

export interface StepLog {
  /** Name of the component the step uses (activity, transformation or script). */
  name: string;
  kind: 'read' | 'transform' | 'write' | 'script';
  recordsIn: number;
  recordsOut: number;
  /** Time spent in this step, in milliseconds. */
  ms: number;
}

export interface RunMessage {
  level: 'info' | 'warning' | 'error';
  /** Stable code: an ErrorCode for errors, RUN_* for run events. */
  code: string;
  text: string;
  step?: string;
  record?: number;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

export interface RunLog {
  id: string;
  /** Id of the operation. */
  operation: string;
  operationName: string;
  status: RunStatus;
  startedAt: string;
  endedAt: string;
  attempts: number;
  steps: StepLog[];
  messages: RunMessage[];
  /** The first records out of each step, by step name. */
  preview: Record<string, unknown[]>;
  /** Global variables at the end of the run. */
  variables: Record<string, unknown>;
  /** Files the run wrote (committed) and read. */
  targets: string[];
  sources: string[];
  children: RunLog[];
  /** Present when targets were captured instead of written (a dry run or a test): nothing was committed. */
  dryRun?: true;
}

/** Whether a run and every run it chained succeeded. */
export function chainSucceeded(log: RunLog): boolean {
  return log.status === 'succeeded' && log.children.every(chainSucceeded);
}

/** Events a run emits while it runs, for progress displays. */
export type RunEvent =
  | { type: 'run-started'; runId: string; operation: string; operationName: string }
  | { type: 'step-progress'; runId: string; step: string; kind: StepLog['kind']; records: number }
  | { type: 'run-retrying'; runId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'run-finished'; log: RunLog };
