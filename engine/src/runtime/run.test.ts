import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerConnector } from '../connectors/registry.ts';
import type { Connector } from '../connectors/types.ts';
import { ChorusError } from '../core/errors.ts';
import { registerEndpointKind } from '../core/model/endpoint.ts';
import { emptyProject, type Project } from '../core/model/project.ts';
import { tempEndpointSettings } from '../core/model/endpoint.ts';
import { runOperation, type RunOptions } from './run.ts';
import type { RunEvent } from './run-log.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chorus-run-'));
  await mkdir(path.join(dir, 'in'));
  await mkdir(path.join(dir, 'out'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A project reading `in/*.csv` and writing `out/<file>` as a JSON array through one transformation. */
function csvToJson(overrides: (p: Project) => void = () => undefined): Project {
  const p = emptyProject({ formatVersion: 1, id: 'test-project', name: 'Test' });
  p.endpoints.push({ id: 'in', name: 'In', kind: 'file', settings: { folder: 'in' } });
  p.endpoints.push({ id: 'out', name: 'Out', kind: 'file', settings: { folder: 'out' } });
  p.activities.push({ id: 'read', name: 'Read CSV', type: 'read', endpoint: 'in', filter: '*.csv', format: { type: 'csv' } });
  p.activities.push({ id: 'write', name: 'Write JSON', type: 'write', endpoint: 'out', fileName: '[outName].json', format: { type: 'json', mode: 'array' } });
  p.variables.push({ id: 'out-name', name: 'outName', default: 'result' });
  p.transformations.push({
    id: 'map',
    name: 'Map',
    fields: [
      { name: 'id', from: 'id' },
      { name: 'qty', from: 'qty', type: 'integer' },
    ],
  });
  p.operations.push({
    id: 'convert',
    name: 'Convert',
    steps: [
      { kind: 'read', activity: 'read' },
      { kind: 'transform', transformation: 'map' },
      { kind: 'write', activity: 'write' },
    ],
  });
  overrides(p);
  return p;
}

const run = (project: Project, op = 'convert', extra: Partial<RunOptions> = {}) => runOperation(op, { project, projectDir: dir, ...extra });

describe('runOperation', () => {
  it('streams records through the steps and returns the run log', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\nB,2\n');
    await writeFile(path.join(dir, 'in/b.csv'), 'id,qty\nC,3\n');
    const events: RunEvent[] = [];
    const log = await run(csvToJson(), 'Convert', { onEvent: (e) => events.push(e) });

    expect(log.status).toBe('succeeded');
    expect(log.operation).toBe('convert');
    expect(Date.parse(log.endedAt)).toBeGreaterThanOrEqual(Date.parse(log.startedAt));
    expect(log.steps.map(({ name, kind, recordsIn, recordsOut }) => ({ name, kind, recordsIn, recordsOut }))).toEqual([
      { name: 'Read CSV', kind: 'read', recordsIn: 3, recordsOut: 3 },
      { name: 'Map', kind: 'transform', recordsIn: 3, recordsOut: 3 },
      { name: 'Write JSON', kind: 'write', recordsIn: 3, recordsOut: 3 },
    ]);
    for (const s of log.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(log.preview['Map']).toEqual([{ id: 'A', qty: 1 }, { id: 'B', qty: 2 }, { id: 'C', qty: 3 }]);
    expect(log.sources).toEqual(['in/a.csv', 'in/b.csv']);
    expect(log.targets).toEqual(['out/result.json']);
    expect(log.messages).toEqual([]);
    expect(log.children).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, 'out/result.json'), 'utf8'))).toEqual([{ id: 'A', qty: 1 }, { id: 'B', qty: 2 }, { id: 'C', qty: 3 }]);

    const saved = JSON.parse(await readFile(path.join(dir, '.chorus/runs', `${log.id}.json`), 'utf8'));
    expect(saved.id).toBe(log.id);
    expect(saved.steps).toHaveLength(3);
    expect(events[0]).toMatchObject({ type: 'run-started', operation: 'convert' });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished' });
    expect(events.some((e) => e.type === 'step-progress' && e.kind === 'write' && e.records === 3)).toBe(true);
  });

  it('keeps existing targets untouched when a record fails, and says which record', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\nB,two\nC,3\n');
    await writeFile(path.join(dir, 'out/result.json'), 'previous content');
    const log = await run(csvToJson());
    expect(log.status).toBe('failed');
    expect(log.messages).toEqual([
      expect.objectContaining({ level: 'error', code: 'TRANSFORM_TYPE', step: 'Map', record: 1, path: 'qty' }),
    ]);
    expect(await readFile(path.join(dir, 'out/result.json'), 'utf8')).toBe('previous content');
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['result.json']);
  });

  it('reports malformed data with the file and line', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\nB,2,extra\n');
    const log = await run(csvToJson());
    expect(log.status).toBe('failed');
    expect(log.messages[0]).toMatchObject({ code: 'DATA_CSV_MALFORMED', file: 'in/a.csv', line: 3, step: 'Read CSV' });
  });

  it('fails before reading when the target folder does not exist, and runs no after-read action', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const project = csvToJson((p) => {
      p.endpoints[1].settings = { folder: 'missing' };
      p.activities[0] = { ...p.activities[0], afterRead: { action: 'delete' } } as Project['activities'][number];
    });
    const log = await run(project);
    expect(log.status).toBe('failed');
    expect(log.messages[0].code).toBe('TARGET_FOLDER_MISSING');
    expect(await readFile(path.join(dir, 'in/a.csv'), 'utf8')).toBe('id,qty\nA,1\n');
  });

  it('runs after-read actions once the operation succeeded', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const project = csvToJson((p) => {
      p.activities[0] = { ...p.activities[0], afterRead: { action: 'move', folder: '../done' } } as Project['activities'][number];
    });
    expect((await run(project)).status).toBe('succeeded');
    expect(await readdir(path.join(dir, 'in'))).toEqual([]);
    expect(await readdir(path.join(dir, 'done'))).toEqual(['a.csv']);
  });

  it('keeps [file] in an after-read rename for the connector to fill in', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const project = csvToJson((p) => {
      p.activities[0] = { ...p.activities[0], afterRead: { action: 'rename', to: '[file].[outName]' } } as Project['activities'][number];
    });
    expect((await run(project)).status).toBe('succeeded');
    expect(await readdir(path.join(dir, 'in'))).toEqual(['a.csv.result']);
  });

  it('writes nothing when no source matches and the activity allows it', async () => {
    await writeFile(path.join(dir, 'out/result.json'), 'previous content');
    const project = csvToJson((p) => {
      p.activities[0] = { ...p.activities[0], ifNone: 'succeed' } as Project['activities'][number];
    });
    const log = await run(project);
    expect(log.status).toBe('succeeded');
    expect(log.messages).toEqual([expect.objectContaining({ level: 'info', code: 'RUN_NO_SOURCE' })]);
    expect(log.targets).toEqual([]);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['result.json']);
    expect(await readFile(path.join(dir, 'out/result.json'), 'utf8')).toBe('previous content');
  });

  it('never applies an after-read action to a file the run has just written', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const project = csvToJson((p) => {
      p.activities[0] = { ...p.activities[0], filter: 'a.csv', afterRead: { action: 'delete' } } as Project['activities'][number];
      p.activities[1] = { id: 'write', name: 'Write CSV', type: 'write', endpoint: 'in', fileName: 'a.csv', format: { type: 'csv' } };
    });
    const log = await run(project);
    expect(log.status).toBe('succeeded');
    expect(log.messages).toEqual([expect.objectContaining({ level: 'warning', code: 'RUN_AFTER_READ_SKIPPED', file: 'in/a.csv' })]);
    expect(await readFile(path.join(dir, 'in/a.csv'), 'utf8')).toBe('id,qty\nA,1\n');
  });

  it('reports an after-read action that fails once the targets are written as a warning, without retrying', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    await writeFile(path.join(dir, 'blocker'), 'a file where the archive folder should be');
    const project = csvToJson((p) => {
      p.activities[0] = { ...p.activities[0], afterRead: { action: 'move', folder: '../blocker' } } as Project['activities'][number];
      p.operations[0].options = { retries: { count: 3, delaySeconds: 0 } };
    });
    const log = await run(project);
    expect(log).toMatchObject({ status: 'succeeded', attempts: 1, targets: ['out/result.json'] });
    expect(log.messages).toEqual([expect.objectContaining({ level: 'warning', file: 'in/a.csv' })]);
    expect(await readdir(path.join(dir, 'in'))).toEqual(['a.csv']);
  });

  it('still returns the run log when the run history cannot be written', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    await writeFile(path.join(dir, '.chorus'), 'a file where the local folder should be');
    const log = await run(csvToJson());
    expect(log.status).toBe('succeeded');
    expect(log.messages).toEqual([expect.objectContaining({ level: 'warning', code: 'RUN_LOG_NOT_KEPT' })]);
  });

  it('closes the source file when a later step fails', async () => {
    if (!existsSync('/proc/self/fd')) return;
    await writeFile(path.join(dir, 'in/a.csv'), `id,qty\nA,x\n${'B,2\n'.repeat(50_000)}`);
    const before = (await readdir('/proc/self/fd')).length;
    for (let i = 0; i < 3; i++) expect((await run(csvToJson())).status).toBe('failed');
    expect((await readdir('/proc/self/fd')).length).toBeLessThanOrEqual(before);
  });

  it('counts the records a step handled before it failed', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\nB,2\nC,x\n');
    const log = await run(csvToJson());
    expect(log.steps[1]).toMatchObject({ name: 'Map', recordsIn: 2, recordsOut: 2 });
    expect(log.messages[0]).toMatchObject({ code: 'TRANSFORM_TYPE', record: 2 });
  });

  it('keeps a preview per step when two steps have the same name, and leaves names unsubstituted', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const log = await run(csvToJson((p) => {
      p.transformations[0].name = 'Read CSV';
      p.activities[1].name = 'Write [draft] JSON';
    }));
    expect(log.status).toBe('succeeded');
    expect(Object.keys(log.preview)).toEqual(['Read CSV', 'Read CSV (2)', 'Write [draft] JSON']);
    expect(log.preview['Read CSV (2)']).toEqual([{ id: 'A', qty: 1 }]);
  });

  it('passes a reader warning into the run log', async () => {
    await writeFile(path.join(dir, 'in/a.xml'), '<orders><Order id="1"/></orders>');
    const log = await run(csvToJson((p) => {
      p.activities[0] = { ...p.activities[0], filter: '*.xml', format: { type: 'xml', record: 'order' } } as Project['activities'][number];
    }));
    expect(log.status).toBe('succeeded');
    expect(log.messages).toEqual([expect.objectContaining({ level: 'warning', code: 'DATA_XML_NO_RECORD', file: 'in/a.xml', step: 'Read CSV' })]);
  });

  it('substitutes run variables over project variable defaults', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const log = await run(csvToJson(), 'convert', { variables: { outName: 'custom' } });
    expect(log.targets).toEqual(['out/custom.json']);
    expect(log.variables.outName).toBe('custom');
  });

  it('refuses an undefined variable with its location', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const log = await run(csvToJson((p) => (p.variables = [])));
    expect(log.messages[0]).toMatchObject({ code: 'VARIABLE_UNDEFINED', file: 'activities/write.json', path: '$.fileName' });
  });

  it('runs the on-failure operation with the chain globals, and the on-success one otherwise', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,x\n');
    const project = csvToJson((p) => {
      p.endpoints.push({ id: 'errors', name: 'Errors', kind: 'variable', settings: { variable: 'chorus.errors' } });
      p.activities.push({ id: 'read-errors', name: 'Read errors', type: 'read', endpoint: 'errors', format: { type: 'json', mode: 'lines' } });
      p.activities.push({ id: 'write-report', name: 'Write report', type: 'write', endpoint: 'out', fileName: 'report.csv', format: { type: 'csv', columns: ['code', 'record'] } });
      p.transformations.push({ id: 'report', name: 'Report', fields: [{ name: 'code', from: 'code' }, { name: 'record', from: 'record' }] });
      p.operations.push({ id: 'report', name: 'Report', steps: [{ kind: 'read', activity: 'read-errors' }, { kind: 'transform', transformation: 'report' }, { kind: 'write', activity: 'write-report' }] });
      p.operations[0].onFailure = ['report'];
      p.operations[0].onSuccess = ['report'];
    });
    const log = await run(project);
    expect(log.status).toBe('failed');
    expect(log.children).toHaveLength(1);
    expect(log.children[0]).toMatchObject({ operation: 'report', status: 'succeeded' });
    expect(await readFile(path.join(dir, 'out/report.csv'), 'utf8')).toBe('code,record\nTRANSFORM_TYPE,0\n');
    expect(log.variables['jitterbit.operation.last_error']).toContain('"x" is not a whole number');
  });

  it('detects an operation chain that loops back on itself', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\n');
    const project = csvToJson((p) => {
      p.operations.push({ ...p.operations[0], id: 'again', name: 'Again', onSuccess: ['convert'] });
      p.operations[0].onSuccess = ['again'];
    });
    const log = await run(project);
    expect(log.status).toBe('succeeded');
    expect(log.children[0].status).toBe('succeeded');
    expect(log.children[0].children[0]).toMatchObject({ operation: 'convert', status: 'failed', messages: [expect.objectContaining({ code: 'RUN_CYCLE' })] });
  });

  it('throws OPERATION_NOT_FOUND for an unknown operation', async () => {
    await expect(run(csvToJson(), 'nope')).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' });
  });

  it('writes every record of every step in debug mode', async () => {
    await writeFile(path.join(dir, 'in/a.csv'), 'id,qty\nA,1\nB,2\n');
    const log = await run(csvToJson((p) => (p.operations[0].options = { debug: true })));
    const files = (await readdir(path.join(dir, '.chorus/runs', log.id))).sort();
    expect(files).toEqual(['1-read.jsonl', '2-transform.jsonl', '3-write.jsonl']);
    const lines = (await readFile(path.join(dir, '.chorus/runs', log.id, '2-transform.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ id: 'A', qty: 1 }, { id: 'B', qty: 2 }]);
  });
});

describe('runOperation with a plugin connector', () => {
  let attempts = 0;
  let mode: 'transient' | 'permanent' | 'endless' = 'transient';
  const flaky: Connector = {
    kind: 'test-flaky',
    async testConnection() {},
    async listSources(ctx) {
      attempts++;
      if (mode === 'transient' && attempts < 3) throw new ChorusError('ENDPOINT_UNREACHABLE', 'busy', {}, true);
      if (mode === 'permanent') throw new ChorusError('ENDPOINT_UNREACHABLE', 'gone');
      if (mode === 'endless') {
        return [{ name: 'endless', open: () => Readable.from(endlessCsv(ctx.signal)), afterRead: async () => {} }];
      }
      return [{ name: 'mem', open: () => Readable.from(['id,qty\nA,1\n']), afterRead: async () => {} }];
    },
    async openTarget() {
      throw new Error('not used');
    },
  };
  registerEndpointKind('test-flaky', tempEndpointSettings);
  registerConnector(flaky);
  const project = () =>
    csvToJson((p) => {
      p.endpoints[0] = { id: 'in', name: 'In', kind: 'test-flaky', settings: {} };
    });

  it('retries transient faults with backoff and records each attempt', async () => {
    attempts = 0;
    mode = 'transient';
    const events: RunEvent[] = [];
    const log = await run(
      csvToJson((p) => {
        p.endpoints[0] = { id: 'in', name: 'In', kind: 'test-flaky', settings: {} };
        p.operations[0].options = { retries: { count: 3, delaySeconds: 0.01, factor: 2 } };
      }),
      'convert',
      { onEvent: (e) => events.push(e) },
    );
    expect(log.status).toBe('succeeded');
    expect(log.attempts).toBe(3);
    expect(log.messages.filter((m) => m.level === 'warning')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'run-retrying').map((e) => (e as { delayMs: number }).delayMs)).toEqual([10, 20]);
  });

  it('does not retry a permanent fault', async () => {
    attempts = 0;
    mode = 'permanent';
    const log = await run(csvToJson((p) => {
      p.endpoints[0] = { id: 'in', name: 'In', kind: 'test-flaky', settings: {} };
      p.operations[0].options = { retries: { count: 3, delaySeconds: 0.01 } };
    }));
    expect(log).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('stops a run at its timeout without writing the target', async () => {
    mode = 'endless';
    const log = await run(csvToJson((p) => {
      p.endpoints[0] = { id: 'in', name: 'In', kind: 'test-flaky', settings: {} };
      p.operations[0].options = { timeoutSeconds: 0.3 };
    }));
    expect(log.status).toBe('failed');
    expect(log.messages.at(-1)?.code).toBe('RUN_TIMEOUT');
    expect(await readdir(path.join(dir, 'out'))).toEqual([]);
  });

  it('cancels a run through its signal', async () => {
    mode = 'endless';
    const abort = new AbortController();
    const log = await run(project(), 'convert', {
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'step-progress' && e.records > 1000) abort.abort();
      },
    });
    expect(log.status).toBe('cancelled');
    expect(log.messages.at(-1)?.code).toBe('RUN_CANCELLED');
    expect(log.steps[0].recordsOut).toBeGreaterThan(1000);
    expect(await readdir(path.join(dir, 'out'))).toEqual([]);
  });
});

async function* endlessCsv(signal: AbortSignal): AsyncGenerator<string> {
  yield 'id,qty\n';
  for (let i = 0; !signal.aborted; i++) {
    yield `R${i},${i}\n`.repeat(100);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
