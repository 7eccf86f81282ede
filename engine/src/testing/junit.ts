import type { TestResult } from './run-test.ts';
import { countResults } from './runner.ts';

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, GitHub reporters): one testsuite for the
 * project, one testcase per test, `failure` for a failed check, `error` for a test that
 * could not run, `skipped` with its reason. Times in seconds.
 */
export function junitXml(suite: string, results: readonly TestResult[], timestamp: Date): string {
  const { failed, skipped } = countResults(results);
  const errors = results.filter((r) => r.status === 'error').length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = seconds(results.reduce((sum, r) => sum + r.ms, 0));
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chorus" tests="${results.length}" failures="${failed - errors}" errors="${errors}" skipped="${skipped}" time="${total}">`,
    `  <testsuite name="${attr(suite)}" tests="${results.length}" failures="${failed - errors}" errors="${errors}" skipped="${skipped}" time="${total}" timestamp="${timestamp.toISOString()}">`,
  ];
  for (const r of results) {
    const open = `    <testcase classname="${attr(suite)}" name="${attr(r.name)}" time="${seconds(r.ms)}"`;
    if (r.status === 'passed') {
      out.push(`${open}/>`);
      continue;
    }
    out.push(`${open}>`);
    if (r.status === 'skipped') out.push(`      <skipped message="${attr(r.skipReason ?? '')}"/>`);
    else {
      const element = r.status === 'error' ? 'error' : 'failure';
      const body = r.failures.flatMap((f) => [f.message, ...f.details.map((d) => `  ${d}`)]).join('\n');
      out.push(`      <${element} message="${attr(r.failures[0]?.message ?? '')}">${text(body)}</${element}>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

/** Characters XML 1.0 cannot hold at all (control characters) are dropped. */
function text(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
