import type { TestResult } from '../../engine/src/testing/run-test.ts';
import type { TestDiffLine, TestResultView } from '../../preload/contract.ts';

/**
 * The engine reports a failed comparison as lines `path: expected X, actual Y` (values as
 * JSON, `(nothing)`/`(missing)` for an absent side); the studio shows them as columns. A path
 * or a value containing those separators would split at the first `: expected ` and the
 * last `, actual `, which only odd quoted keys could make ambiguous.
 */
const DIFF_LINE = /^(.*?): expected (.*), actual (.*)$/s;

export function parseDiffLine(line: string): TestDiffLine | undefined {
  const match = DIFF_LINE.exec(line);
  return match ? { path: match[1], expected: match[2], actual: match[3] } : undefined;
}

/** Only a failed comparison carries diff lines; other details (the run's messages under a wrong status) stay text. */
export function toResultView(result: TestResult): TestResultView {
  return {
    id: result.id,
    name: result.name,
    status: result.status,
    ms: result.ms,
    ...(result.skipReason !== undefined ? { skipReason: result.skipReason } : {}),
    failures: result.failures.map((f) => {
      const comparison = / differs from /.test(f.message);
      const diff = comparison ? f.details.map(parseDiffLine) : [];
      return diff.length > 0 && diff.every((d) => d !== undefined)
        ? { message: f.message, diff: diff as TestDiffLine[], details: [] }
        : { message: f.message, diff: [], details: f.details };
    }),
  };
}
