import type { ExpectedOutput } from '../core/model/test-case.ts';
import type { CapturedOutput } from '../runtime/overrides.ts';
import { compareDocuments, type Difference } from './compare.ts';
import { documentOf, recordsOf, recordsPath } from './documents.ts';
import { readFixtureFile } from './fixtures.ts';

/** Why a test failed: one line, then details (a diff). */
export interface TestFailure {
  message: string;
  details: string[];
}

/** A golden file and the actual output that `--update` would write to it. */
export interface GoldenUpdate {
  file: string;
  bytes: Buffer;
}

/**
 * Compares a captured output with what the test expects: a golden file as a document of the
 * format (JSON deep-equal, CSV row by row, XML canonically), or inline records with the
 * records the format reads back from the output.
 */
export async function checkOutput(projectDir: string, expected: ExpectedOutput, output: CapturedOutput): Promise<{ failure?: TestFailure; update?: GoldenUpdate }> {
  const options = { ignore: expected.ignore, listsOfOne: output.format.type === 'xml' };
  const outputName = `output of "${output.step}"`;
  if (expected.file === undefined) {
    const actual = await recordsOf(output.bytes, output.format, outputName);
    const differences = compareDocuments(expected.records, actual, { ...options, unorderedAt: expected.unordered ? [] : undefined });
    return differences.length > 0 ? { failure: differenceFailure(outputName, 'the expected records', differences) } : {};
  }
  const update = { file: expected.file, bytes: output.bytes };
  const golden = await readFixtureFile(projectDir, expected.file);
  if (!golden) return { failure: { message: `golden file ${expected.file} does not exist (chorus test --update creates it)`, details: [] }, update };
  const format = expected.format ?? output.format;
  const differences = compareDocuments(await documentOf(golden, format, expected.file), await documentOf(output.bytes, output.format, outputName), {
    ...options,
    unorderedAt: expected.unordered ? recordsPath(format) : undefined,
  });
  return differences.length > 0 ? { failure: differenceFailure(outputName, expected.file, differences), update } : {};
}

function differenceFailure(outputName: string, against: string, differences: Difference[]): TestFailure {
  const count = `${differences.length} difference${differences.length === 1 ? '' : 's'}`;
  return {
    message: `${outputName} differs from ${against} (${count})`,
    details: differences.map((d) => `${d.path || '(document)'}: expected ${show(d.expected, '(nothing)')}, actual ${show(d.actual, '(missing)')}`),
  };
}

const SHOWN_CHARS = 80;

/** A value as JSON (so "42" and 42 look different), cut to a readable length. */
export function show(value: unknown, absent: string): string {
  if (value === undefined) return absent;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 1)}…` : text;
}
