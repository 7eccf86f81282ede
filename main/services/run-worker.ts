/**
 * Runs one operation chain off the host's main thread. Started by the run manager with the
 * loaded project and the secrets it needs; reports every engine event, then the run log.
 * A `cancel` message aborts the run the way Ctrl+C does in the CLI: targets are not
 * committed and temporary files are removed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toChorusError } from '../../engine/src/core/errors.ts';
import type { Project } from '../../engine/src/core/model/project.ts';
import { runOperation } from '../../engine/src/runtime/run.ts';
import type { RunEvent, RunLog } from '../../engine/src/runtime/run-log.ts';

export interface RunWorkerInput {
  operation: string;
  project: Project;
  projectDir: string;
  variables: Record<string, string>;
  secrets: [string, string][];
}

export type FromRunWorker =
  | { type: 'event'; event: RunEvent }
  | { type: 'done'; log: RunLog }
  | { type: 'error'; code: string; message: string };

export type ToRunWorker = { type: 'cancel' };

const port = parentPort;
if (!port) throw new Error('run-worker.ts runs only as a worker thread');
const input = workerData as RunWorkerInput;
const abort = new AbortController();
const post = (message: FromRunWorker) => port.postMessage(message);

port.on('message', (message: ToRunWorker) => {
  if (message.type === 'cancel') abort.abort();
});

try {
  const log = await runOperation(input.operation, {
    project: input.project,
    projectDir: input.projectDir,
    variables: input.variables,
    secrets: new Map(input.secrets),
    signal: abort.signal,
    onEvent: (event) => post({ type: 'event', event }),
  });
  post({ type: 'done', log });
} catch (err) {
  const error = toChorusError(err);
  post({ type: 'error', code: error.code, message: error.message });
} finally {
  port.close();
}
