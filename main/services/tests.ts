import { Worker } from 'node:worker_threads';
import { ChorusError, type ErrorCode } from '../../engine/src/core/errors.ts';
import type { Project } from '../../engine/src/core/model/project.ts';
import type { TestCaseDoc } from '../../engine/src/core/model/test-case.ts';
import type { RequestOf, ResponseOf, TestResultView, TestSummary } from '../../preload/contract.ts';
import { loadProject } from '../../engine/src/project/store.ts';
import { loadRunnable } from './load-runnable.ts';
import { readRunLog } from './run-history.ts';
import type { FromTestWorker, TestWorkerJob } from './test-worker.ts';

const workerUrl = new URL('./test-worker-boot.js', import.meta.url);

/**
 * The studio's test explorer: lists a project's tests, runs them (and makes new ones from a
 * run) in a worker thread, so tests never hold up the host. The last status of each test is
 * remembered per project folder for the life of the host.
 */
export class TestService {
  readonly #workers = new Set<Worker>();
  /** Last status by project folder, then test id. */
  readonly #last = new Map<string, Map<string, TestResultView['status']>>();

  async list({ folder }: RequestOf<'tests', 'list'>): Promise<ResponseOf<'tests', 'list'>> {
    // Listing works on a project with problems too (running refuses it, as `chorus test` does).
    const { dir, project } = await loadProject(folder);
    if (!project) throw new ChorusError('PROJECT_INVALID', `${folder} cannot be loaded as a project`);
    const last = this.#last.get(dir);
    return project.tests.map((t) => summaryOf(project, t, last?.get(t.id)));
  }

  async run({ folder, ids }: RequestOf<'tests', 'run'>): Promise<ResponseOf<'tests', 'run'>> {
    const { dir, project } = await loadRunnable(folder);
    const unknown = ids?.find((id) => !project.tests.some((t) => t.id === id));
    if (unknown) throw new ChorusError('PROJECT_REFERENCE_MISSING', `no test "${unknown}" in this project`);
    const answer = await this.#inWorker({ job: 'run', project, projectDir: dir, ids });
    if (answer.type !== 'ran') throw unexpected(answer);
    const last = this.#last.get(dir) ?? new Map<string, TestResultView['status']>();
    for (const r of answer.results) last.set(r.id, r.status);
    this.#last.set(dir, last);
    return { results: answer.results };
  }

  async createFromRun({ folder, runId, name }: RequestOf<'tests', 'createFromRun'>): Promise<ResponseOf<'tests', 'createFromRun'>> {
    const { dir, project } = await loadRunnable(folder);
    const log = await readRunLog(dir, runId);
    const answer = await this.#inWorker({ job: 'create', project, projectDir: dir, log, name });
    if (answer.type !== 'created') throw unexpected(answer);
    return { id: answer.id };
  }

  /** Stops the workers still going (the host is closing). */
  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((w) => w.terminate()));
  }

  /** One job in a fresh worker; an `error` answer is thrown with the engine's code. */
  #inWorker(job: TestWorkerJob): Promise<Exclude<FromTestWorker, { type: 'error' }>> {
    const worker = new Worker(workerUrl, { workerData: job });
    this.#workers.add(worker);
    return new Promise((resolve, reject) => {
      worker.once('message', (message: FromTestWorker) => {
        if (message.type === 'error') reject(new ChorusError(message.code as ErrorCode, message.message));
        else resolve(message);
      });
      worker.once('error', reject);
      worker.once('exit', () => {
        this.#workers.delete(worker);
        reject(new ChorusError('INTERNAL', 'the test worker stopped before answering'));
      });
    });
  }
}

function summaryOf(project: Project, test: TestCaseDoc, status: TestSummary['status']): TestSummary {
  const kind = test.transformation !== undefined ? 'transformation' : 'operation';
  const id = test.transformation ?? test.operation ?? '';
  const target = kind === 'operation' ? project.operations.find((o) => o.id === id) : project.transformations.find((t) => t.id === id);
  return {
    id: test.id,
    name: test.name,
    target: { kind, id, name: target?.name ?? id },
    ...(status ? { status } : {}),
    ...(test.skip !== undefined ? { skip: test.skip } : {}),
  };
}

function unexpected(answer: FromTestWorker): ChorusError {
  return new ChorusError('INTERNAL', `unexpected answer from the test worker: ${answer.type}`);
}
