import { toChorusError } from '../core/errors.ts';
import { stepComponent, type Step } from '../core/model/operation.ts';
import type { Project } from '../core/model/project.ts';
import type { TestCase } from '../core/model/test-case.ts';
import type { CapturedOutput, Replacement } from '../runtime/overrides.ts';
import { runOperation } from '../runtime/run.ts';
import type { RunLog, RunMessage } from '../runtime/run-log.ts';
import { replacementOf } from './fixtures.ts';
import { checkOutput, type GoldenUpdate, type TestFailure } from './outputs.ts';
import { asOperationTest } from './transformation-test.ts';

export interface TestResult {
  id: string;
  name: string;
  /** `error`: the test could not run (a missing fixture, an unknown operation); it counts as failed. */
  status: 'passed' | 'failed' | 'error' | 'skipped';
  ms: number;
  failures: TestFailure[];
  skipReason?: string;
  /** Golden files whose comparison failed, with the actual output. */
  updates: GoldenUpdate[];
}

export interface TestEnv {
  project: Project;
  /** Absolute project folder: fixtures resolve against it, and real sources not replaced are read from it. */
  projectDir: string;
}

/**
 * Runs one test: the operation reads fixtures where the test gives them, every write is
 * captured in memory (nothing is written), then status, step counts, messages and outputs are
 * checked. Every check runs, so one failure does not hide the next.
 */
export async function runTest(env: TestEnv, doc: TestCase): Promise<TestResult> {
  const started = performance.now();
  const result: TestResult = { id: doc.id, name: doc.name, status: 'passed', ms: 0, failures: [], updates: [] };
  if (doc.skip !== undefined) return { ...result, status: 'skipped', skipReason: doc.skip };
  const { project, test } = doc.transformation !== undefined ? asOperationTest(env.project, doc) : { project: env.project, test: doc };
  try {
    const byActivity = await replacements(env.projectDir, test.inputs);
    const byEndpoint = await replacements(env.projectDir, test.endpoints);
    const captured: CapturedOutput[] = [];
    const log = await runOperation(test.operation!, {
      project,
      projectDir: env.projectDir,
      variables: test.variables,
      runsDir: false,
      overrides: {
        source: ({ activity, endpoint }) => byActivity.get(activity.id) ?? byEndpoint.get(endpoint.id),
        capture: (output) => captured.push(output),
      },
    });
    result.failures.push(...checkRun(test, project, log));
    for (const [activity, expected] of Object.entries(test.expect.outputs)) {
      // Several writes by one activity in a chain: the last one is what stays.
      const output = captured.findLast((c) => c.activity === activity);
      const stepName = project.activities.find((a) => a.id === activity)?.name ?? activity;
      if (!output) {
        result.failures.push({ message: `"${stepName}" wrote nothing`, details: [] });
        continue;
      }
      const { failure, update } = await checkOutput(env.projectDir, expected, output);
      if (failure) result.failures.push(failure);
      if (update) result.updates.push(update);
    }
    if (result.failures.length > 0) result.status = 'failed';
  } catch (err) {
    const e = toChorusError(err);
    result.status = 'error';
    result.failures.push({ message: `${e.describe()} [${e.code}]`, details: [] });
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

async function replacements(projectDir: string, fixtures: TestCase['inputs']): Promise<Map<string, Replacement>> {
  const out = new Map<string, Replacement>();
  for (const [id, fixture] of Object.entries(fixtures)) out.set(id, await replacementOf(projectDir, fixture));
  return out;
}

/** The run expectations: the operation's status, record counts per step, messages in the chain. */
function checkRun(test: TestCase, project: Project, log: RunLog): TestFailure[] {
  const failures: TestFailure[] = [];
  const messages = chainMessages(log);
  if (log.status !== test.expect.status) {
    const errors = messages.filter((m) => m.level === 'error').map(describeMessage);
    failures.push({ message: `status: expected ${test.expect.status}, actual ${log.status}`, details: errors });
  }
  const op = project.operations.find((o) => o.id === test.operation);
  for (const [id, counts] of Object.entries(test.expect.steps)) {
    const name = stepName(project, op?.steps.find((s) => stepComponent(s) === id)) ?? id;
    const step = log.steps.find((s) => s.name === name);
    for (const key of ['recordsIn', 'recordsOut'] as const) {
      const want = counts[key];
      if (want !== undefined && step?.[key] !== want) {
        failures.push({ message: `step "${name}": ${key} expected ${want}, actual ${step ? step[key] : '(the step did not run)'}`, details: [] });
      }
    }
  }
  for (const expected of test.expect.messages) {
    const found = messages.filter((m) => m.code === expected.code && (expected.level === undefined || m.level === expected.level)).length;
    const ok = expected.count === undefined ? found > 0 : found === expected.count;
    if (!ok) {
      const what = `${expected.level ? `${expected.level} ` : ''}message ${expected.code}`;
      const want = expected.count === undefined ? 'at least 1' : String(expected.count);
      failures.push({ message: `${what}: expected ${want}, actual ${found}`, details: messages.map(describeMessage) });
    }
  }
  return failures;
}

function stepName(project: Project, step: Step | undefined): string | undefined {
  if (!step) return undefined;
  if (step.kind === 'transform') return project.transformations.find((t) => t.id === step.transformation)?.name;
  if (step.kind === 'script') return project.scripts.find((s) => s.id === step.script)?.name;
  return project.activities.find((a) => a.id === step.activity)?.name;
}

function chainMessages(log: RunLog): RunMessage[] {
  return [...log.messages, ...log.children.flatMap(chainMessages)];
}

function describeMessage(m: RunMessage): string {
  const where = [m.step && `step "${m.step}"`, m.record !== undefined && `record ${m.record}`].filter(Boolean).join(': ');
  return `${m.level} ${m.code}: ${where ? `${where}: ` : ''}${m.text}`;
}
