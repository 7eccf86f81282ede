import { testCaseSchema, type TestCase } from '../core/model/test-case.ts';
import type { Project } from '../core/model/project.ts';
import { runTest, type TestEnv, type TestResult } from './run-test.ts';

/**
 * Tests run a few at a time: each has its own run chain (globals, temporary storage) and
 * writes nothing, so they share no state; more at once would only compete for the CPU.
 */
export const DEFAULT_CONCURRENCY = 3;

/** The project's tests whose name or id contains `filter` (ignoring case), with defaults filled in. */
export function selectTests(project: Project, filter?: string): TestCase[] {
  const needle = filter?.toLowerCase();
  return project.tests
    .filter((t) => needle === undefined || t.name.toLowerCase().includes(needle) || t.id.includes(needle))
    .map((t) => testCaseSchema.parse(t));
}

/** Runs tests concurrently; `onResult` hears of each in the order of `tests`, as soon as it and those before it are done. */
export async function runTests(env: TestEnv, tests: TestCase[], options: { concurrency?: number; onResult?: (r: TestResult) => void } = {}): Promise<TestResult[]> {
  const results: (TestResult | undefined)[] = new Array(tests.length);
  let next = 0;
  let reported = 0;
  const worker = async () => {
    while (next < tests.length) {
      const index = next++;
      results[index] = await runTest(env, tests[index]);
      for (; reported < tests.length && results[reported]; reported++) options.onResult?.(results[reported]!);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, tests.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results as TestResult[];
}

export function countResults(results: readonly TestResult[]): { passed: number; failed: number; skipped: number } {
  const count = (...s: TestResult['status'][]) => results.filter((r) => s.includes(r.status)).length;
  return { passed: count('passed'), failed: count('failed', 'error'), skipped: count('skipped') };
}

/** `N passed, N failed`, and `, N skipped` when any were. */
export function summaryLine(results: readonly TestResult[]): string {
  const { passed, failed, skipped } = countResults(results);
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** Lines of a failure report are capped, so one broken golden file does not flood the terminal. */
const MAX_FAILURE_LINES = 20;

/** One line per test, then for a failure what differs, indented. */
export function formatResult(r: TestResult): string[] {
  if (r.status === 'passed') return [`✓ ${r.name} (${r.ms} ms)`];
  if (r.status === 'skipped') return [`- ${r.name} (skipped: ${r.skipReason ?? ''})`];
  const lines = r.failures.flatMap((f) => [`    ${f.message}`, ...f.details.map((d) => `      ${d}`)]);
  const shown = lines.length > MAX_FAILURE_LINES ? [...lines.slice(0, MAX_FAILURE_LINES - 1), `      … ${lines.length - MAX_FAILURE_LINES + 1} more lines`] : lines;
  return [`✗ ${r.name}`, ...shown];
}
