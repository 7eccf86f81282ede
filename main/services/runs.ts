import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ChorusError, type ErrorCode } from '../../engine/src/core/errors.ts';
import type { Project } from '../../engine/src/core/model/project.ts';
import type { RunEvent } from '../../engine/src/runtime/run-log.ts';
import type { RequestOf, ResponseOf, RunSummary } from '../../preload/contract.ts';
import type { EventHub } from './events.ts';
import { loadRunnable } from './load-runnable.ts';
import { readRunLog, runHistory, summarizeRun } from './run-history.ts';
import type { FromRunWorker, RunWorkerInput, ToRunWorker } from './run-worker.ts';

export interface RunManagerOptions {
  events: EventHub;
  /** Values of the project's secret variables, from the vault. */
  secretsFor: (project: Project) => Promise<Map<string, string>>;
  /** How long a cancelled run may take to stop before its worker is terminated. */
  cancelGraceMs?: number;
}

interface ActiveRun {
  worker: Worker;
  operation: string;
  operationName: string;
  startedAt: string;
  cancelled: boolean;
  finished: boolean;
}

const workerUrl = new URL('./run-worker-boot.js', import.meta.url);

/**
 * Runs operations in worker threads, so a million-record run never blocks the host's event
 * loop, and a run that ignores cancellation can still be killed. Each run's engine events
 * become studio events under the id `start` answered with.
 */
export class RunManager {
  readonly #options: RunManagerOptions;
  readonly #active = new Map<string, ActiveRun>();

  constructor(options: RunManagerOptions) {
    this.#options = options;
  }

  async start({ folder, operation, variables }: RequestOf<'runs', 'start'>): Promise<ResponseOf<'runs', 'start'>> {
    const { dir, project } = await loadRunnable(folder);
    const input: RunWorkerInput = { operation, project, projectDir: dir, variables: variables ?? {}, secrets: [...(await this.#options.secretsFor(project))] };
    const worker = new Worker(workerUrl, { workerData: input });
    return new Promise((resolve, reject) => {
      let runId: string | undefined;
      const names = new Map<string, string>();
      const run: ActiveRun = { worker, operation, operationName: operation, startedAt: new Date().toISOString(), cancelled: false, finished: false };
      const finish = (summary: RunSummary) => {
        if (run.finished || runId === undefined) return;
        run.finished = true;
        this.#active.delete(runId);
        this.#options.events.emit({ type: 'runs.finished', runId, folder: dir, summary });
      };
      worker.on('message', (message: FromRunWorker) => {
        if (message.type === 'event') {
          if (runId === undefined && message.event.type === 'run-started') {
            runId = message.event.runId;
            run.operation = message.event.operation;
            run.operationName = message.event.operationName;
            this.#active.set(runId, run);
            resolve({ runId });
          }
          if (runId !== undefined) this.#forward(runId, dir, message.event, names);
        } else if (message.type === 'done') {
          finish(summarizeRun(message.log));
        } else if (runId === undefined) {
          reject(new ChorusError(message.code as ErrorCode, message.message));
        } else {
          finish(this.#lostRun(runId, run, 'failed'));
        }
      });
      worker.on('error', (err) => {
        if (runId === undefined) reject(err);
        else finish(this.#lostRun(runId, run, 'failed'));
      });
      worker.on('exit', () => {
        if (runId === undefined) reject(new ChorusError('INTERNAL', 'the run worker stopped before the run started'));
        else finish(this.#lostRun(runId, run, run.cancelled ? 'cancelled' : 'failed'));
      });
    });
  }

  async cancel({ runId }: RequestOf<'runs', 'cancel'>): Promise<ResponseOf<'runs', 'cancel'>> {
    const run = this.#active.get(runId);
    if (!run || run.cancelled) return { cancelled: false };
    run.cancelled = true;
    run.worker.postMessage({ type: 'cancel' } satisfies ToRunWorker);
    const timer = setTimeout(() => void run.worker.terminate(), this.#options.cancelGraceMs ?? 2000);
    run.worker.once('exit', () => clearTimeout(timer));
    return { cancelled: true };
  }

  history({ folder, limit }: RequestOf<'runs', 'history'>): Promise<ResponseOf<'runs', 'history'>> {
    return runHistory(path.resolve(folder), limit);
  }

  async get({ folder, runId }: RequestOf<'runs', 'get'>): Promise<ResponseOf<'runs', 'get'>> {
    return { log: await readRunLog(path.resolve(folder), runId) };
  }

  /** Ids of the runs still going. */
  activeRuns(): string[] {
    return [...this.#active.keys()];
  }

  /** Stops every run at once (the host is closing): their targets are never committed. */
  async close(): Promise<void> {
    const runs = [...this.#active.values()];
    for (const run of runs) run.cancelled = true;
    await Promise.all(runs.map((run) => run.worker.terminate()));
  }

  #forward(runId: string, folder: string, event: RunEvent, names: Map<string, string>): void {
    const { events } = this.#options;
    switch (event.type) {
      case 'run-started':
        names.set(event.runId, event.operationName);
        events.emit({ type: 'runs.started', runId, folder, operation: event.operation, operationName: event.operationName });
        break;
      case 'step-progress':
        events.emit({ type: 'runs.progress', runId, operationName: names.get(event.runId) ?? '', step: event.step, kind: event.kind, records: event.records });
        break;
      case 'run-finished':
        // Steps stream together (read -> transform -> write in batches), so a step is known finished when its operation is.
        for (const step of event.log.steps) events.emit({ type: 'runs.stepFinished', runId, operationName: event.log.operationName, step });
        break;
      case 'run-retrying':
        events.emit({ type: 'runs.retrying', runId, operationName: names.get(event.runId) ?? '', attempt: event.attempt, delayMs: event.delayMs, reason: event.reason });
        break;
    }
  }

  /** The summary of a run whose worker ended without a log (terminated, or crashed). */
  #lostRun(runId: string, run: ActiveRun, status: RunSummary['status']): RunSummary {
    return { id: runId, operation: run.operation, operationName: run.operationName, status, startedAt: run.startedAt, endedAt: new Date().toISOString(), records: 0, errors: 1, chainSucceeded: false };
  }
}
