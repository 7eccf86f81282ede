/**
 * Runs project tests, or makes one from a run, off the host's main thread: a test runs a
 * whole operation chain, and a project's tests several at once. One job per worker; the
 * answer is posted back, then the worker ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toChorusError } from '../../engine/src/core/errors.ts';
import type { Project } from '../../engine/src/core/model/project.ts';
import type { RunLog } from '../../engine/src/runtime/run-log.ts';
import { runTests, selectTests } from '../../engine/src/testing/runner.ts';
import type { TestResultView } from '../../preload/contract.ts';
import { createTestFromRun } from './create-test.ts';
import { toResultView } from './test-results.ts';

export type TestWorkerJob =
  | { job: 'run'; project: Project; projectDir: string; ids?: string[] }
  | { job: 'create'; project: Project; projectDir: string; log: RunLog; name: string };

export type FromTestWorker =
  | { type: 'ran'; results: TestResultView[] }
  | { type: 'created'; id: string }
  | { type: 'error'; code: string; message: string };

const port = parentPort;
if (!port) throw new Error('test-worker.ts runs only as a worker thread');
const input = workerData as TestWorkerJob;
const post = (message: FromTestWorker) => port.postMessage(message);

try {
  const env = { project: input.project, projectDir: input.projectDir };
  if (input.job === 'run') {
    const wanted = input.ids && new Set(input.ids);
    const tests = selectTests(input.project).filter((t) => !wanted || wanted.has(t.id));
    const results = await runTests(env, tests);
    post({ type: 'ran', results: results.map(toResultView) });
  } else {
    post({ type: 'created', ...(await createTestFromRun({ ...env, log: input.log, name: input.name })) });
  }
} catch (err) {
  const error = toChorusError(err);
  post({ type: 'error', code: error.code, message: error.message });
} finally {
  port.close();
}
