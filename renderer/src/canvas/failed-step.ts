import type { RunLog, RunView } from '../store/run-state.ts';

/** The operation and step that reported the first error of the last run, to mark on the canvas. */
export function failedStepOf(run: RunView | undefined): { operation: string; step: string } | undefined {
  const visit = (log: RunLog): { operation: string; step: string } | undefined => {
    const error = log.messages.find((m) => m.level === 'error' && m.step);
    if (error?.step) return { operation: log.operation, step: error.step };
    for (const child of log.children) {
      const found = visit(child);
      if (found) return found;
    }
    return undefined;
  };
  return run?.log && visit(run.log);
}
