/**
 * "Create test from this run". The run log keeps the steps, counts, a preview of the first
 * records and the globals at the end, but neither the bytes read nor the bytes written, so
 * the test is made by running the run's operation again in capture mode with the run's
 * project variables: what its read steps read becomes input fixtures, and the engine's test
 * runner, given those fixtures, yields the golden files (as `chorus test --update` creates
 * missing ones). Nothing outside `tests/` is written.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { getConnector } from '../../engine/src/connectors/registry.ts';
import { ChorusError } from '../../engine/src/core/errors.ts';
import { canonicalJson } from '../../engine/src/core/json.ts';
import type { ReadActivity } from '../../engine/src/core/model/activity.ts';
import type { Endpoint } from '../../engine/src/core/model/endpoint.ts';
import type { Project } from '../../engine/src/core/model/project.ts';
import { FIXTURES_FOLDER, testCaseSchema, type Fixture, type TestCaseDoc } from '../../engine/src/core/model/test-case.ts';
import type { Scalar } from '../../engine/src/core/model/common.ts';
import { writeFileAtomic } from '../../engine/src/project/atomic.ts';
import type { CapturedOutput } from '../../engine/src/runtime/overrides.ts';
import { runOperation } from '../../engine/src/runtime/run.ts';
import type { RunLog } from '../../engine/src/runtime/run-log.ts';
import { recordsOf } from '../../engine/src/testing/documents.ts';
import { runTest } from '../../engine/src/testing/run-test.ts';

/** Endpoints whose data lives only as long as the run chain: the chain itself makes them, so they are neither fixtures nor golden files. */
const CHAIN_PRIVATE_KINDS = new Set(['temp', 'variable']);

export interface CreateTestInput {
  project: Project;
  projectDir: string;
  log: RunLog;
  name: string;
}

export async function createTestFromRun({ project, projectDir, log, name }: CreateTestInput): Promise<{ id: string }> {
  const id = uniqueTestId(project, name);
  if (project.tests.some((t) => t.name.trim().toLowerCase() === name.trim().toLowerCase())) {
    throw new ChorusError('PROJECT_DUPLICATE_NAME', `a test named "${name}" already exists`);
  }
  const variables = runVariables(project, log);
  const { reads, captured, status } = await captureRun(project, projectDir, log.operation, variables);
  const folder = `${FIXTURES_FOLDER}${id}/`;
  const inputs: Record<string, Fixture> = {};
  for (const [activityId, read] of reads) {
    const fixture = await fixtureOf(projectDir, variables, read, `${folder}${activityId}`);
    if (fixture) inputs[activityId] = fixture;
  }
  const outputs = Object.fromEntries(
    [...new Set(captured.filter((c) => !CHAIN_PRIVATE_KINDS.has(endpointKind(project, c.endpoint))).map((c) => c.activity))].map((activity) => [
      activity,
      { file: `${folder}${activity}${extensionOf(captured.findLast((c) => c.activity === activity)!.fileName, '.out')}` },
    ]),
  );
  const doc: TestCaseDoc = { id, name, operation: log.operation, variables, inputs, expect: { status, outputs } };
  const test = testCaseSchema.parse(doc);
  // The runner with the fixtures: every golden file is missing, so each output comes back as an update.
  const result = await runTest({ project, projectDir }, test);
  if (result.status === 'error') throw new ChorusError('INTERNAL', `the new test could not run: ${result.failures.map((f) => f.message).join('; ')}`);
  for (const update of result.updates) await writeFixture(projectDir, update.file, update.bytes);
  await writeFileAtomic(path.join(projectDir, 'tests', `${id}.json`), canonicalJson(doc));
  return { id };
}

/**
 * The project variables the run had at its end: the log keeps the chain's globals at the end,
 * not those it started with, so a variable a script changed during the run starts with its
 * changed value. Secret variables are left out (their values are masked, and tests get no vault).
 */
function runVariables(project: Project, log: RunLog): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const v of project.variables) {
    const value = log.variables[v.name];
    if (v.secret || value === undefined || (value !== null && typeof value === 'object')) continue;
    out[v.name] = value as Scalar;
  }
  return out;
}

interface Read {
  activity: ReadActivity;
  endpoint: Endpoint;
}

/** Runs the operation with every target captured, noting the read steps as the runtime planned them (variables substituted). */
async function captureRun(project: Project, projectDir: string, operation: string, variables: Record<string, Scalar>) {
  const reads = new Map<string, Read>();
  const captured: CapturedOutput[] = [];
  const log = await runOperation(operation, {
    project,
    projectDir,
    variables,
    runsDir: false,
    overrides: {
      source: ({ activity, endpoint }) => {
        if (!CHAIN_PRIVATE_KINDS.has(endpoint.kind) && !reads.has(activity.id)) reads.set(activity.id, { activity, endpoint });
        return undefined;
      },
      capture: (output) => captured.push(output),
    },
  });
  return { reads, captured, status: log.status === 'succeeded' ? ('succeeded' as const) : ('failed' as const) };
}

/**
 * What a read step read, as a fixture file: the one source's bytes as they are (parsed with
 * the activity's format, like the real file); several sources as their records in one JSON
 * array. None: no fixture, so the test, like the run, finds no source.
 */
async function fixtureOf(projectDir: string, variables: Record<string, Scalar>, read: Read, base: string): Promise<Fixture | undefined> {
  const chainTempDir = await mkdtemp(path.join(tmpdir(), 'chorus-fixture-'));
  try {
    const ctx = { projectDir, chainTempDir, globals: new Map<string, unknown>(Object.entries(variables)), signal: new AbortController().signal };
    const sources = await getConnector(read.endpoint.kind).listSources(ctx, read.endpoint, read.activity);
    if (sources.length === 0) return undefined;
    if (sources.length === 1) {
      const file = `${base}${extensionOf(sources[0].name, '.in')}`;
      await writeFixture(projectDir, file, await bytesOf(sources[0].open()));
      return { file };
    }
    const records = [];
    for (const source of sources) records.push(...(await recordsOf(await bytesOf(source.open()), read.activity.format, source.name)));
    const file = `${base}.json`;
    await writeFixture(projectDir, file, Buffer.from(JSON.stringify(records, null, 2)));
    return { file, format: { type: 'json', mode: 'array', records: '', indent: 2, encoding: 'utf-8' } };
  } finally {
    await rm(chainTempDir, { recursive: true, force: true });
  }
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function writeFixture(projectDir: string, file: string, bytes: Uint8Array): Promise<void> {
  const full = path.join(projectDir, ...file.split('/'));
  await mkdir(path.dirname(full), { recursive: true });
  await writeFileAtomic(full, bytes);
}

function endpointKind(project: Project, id: string): string {
  return project.endpoints.find((e) => e.id === id)?.kind ?? '';
}

/** `.csv` of `in/orders.csv`; a fixture name keeps its file's extension, so it opens as what it is. */
function extensionOf(fileName: string, fallback: string): string {
  const ext = path.extname(fileName).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : fallback;
}

/** An id from the name (`Orders from run` -> `orders-from-run`), with a counter when taken. */
export function uniqueTestId(project: Project, name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'test';
  let id = base;
  for (let n = 2; project.tests.some((t) => t.id === id); n++) id = `${base}-${n}`;
  return id;
}
