import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOperation } from '../../engine/src/runtime/run.ts';
import { loadProject } from '../../engine/src/project/store.ts';
import { copyExample, tempDir } from '../test/fixtures.ts';
import { parseDiffLine } from './test-results.ts';
import { TestService } from './tests.ts';

let parent: { dir: string; cleanup: () => Promise<void> };
let service: TestService;
let project: string;

beforeEach(async () => {
  parent = await tempDir();
  service = new TestService();
  project = await copyExample('csv-orders-to-json', parent.dir);
});
afterEach(async () => {
  await service.close();
  await parent.cleanup();
});

describe('TestService', () => {
  it('lists the tests with their target, then their last status once run', async () => {
    const before = await service.list({ folder: project });
    expect(before).toEqual([
      { id: 'convert-orders', name: 'Convert orders matches the golden JSON', target: { kind: 'operation', id: 'convert-orders', name: 'Convert orders' } },
      { id: 'row-to-order', name: 'Order row to order types values and computes fields', target: { kind: 'transformation', id: 'row-to-order', name: 'Order row to order' } },
    ]);
    const { results } = await service.run({ folder: project });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['convert-orders', 'passed'],
      ['row-to-order', 'passed'],
    ]);
    expect((await service.list({ folder: project })).map((t) => t.status)).toEqual(['passed', 'passed']);
  });

  it('runs only the tests asked for and reports a broken golden file as diff lines', async () => {
    const golden = path.join(project, 'tests/fixtures/orders.json');
    const doc = JSON.parse(await readFile(golden, 'utf8')) as { orders: { customer: { name: string } }[] };
    const name = doc.orders[1].customer.name;
    doc.orders[1].customer.name = 'Somebody Else';
    await writeFile(golden, JSON.stringify(doc));

    const { results } = await service.run({ folder: project, ids: ['convert-orders'] });
    expect(results).toHaveLength(1);
    expect(results[0].status).toBe('failed');
    const comparison = results[0].failures.find((f) => f.diff.length > 0)!;
    expect(comparison.message).toMatch(/differs from tests\/fixtures\/orders\.json \(1 difference\)/);
    expect(comparison.diff).toEqual([{ path: 'orders[1].customer.name', expected: '"Somebody Else"', actual: JSON.stringify(name) }]);
    expect((await service.list({ folder: project })).map((t) => t.status)).toEqual(['failed', undefined]);
  });

  it('refuses an unknown test id', async () => {
    await expect(service.run({ folder: project, ids: ['nope'] })).rejects.toMatchObject({ code: 'PROJECT_REFERENCE_MISSING' });
  });

  it('creates a passing test from a kept run: the source as input fixture, the output as golden file', async () => {
    const loaded = await loadProject(project);
    const log = await runOperation('convert-orders', { project: loaded.project!, projectDir: project, variables: { outputName: 'from-run' } });

    const { id } = await service.createFromRun({ folder: project, runId: log.id, name: 'Orders from a run' });
    expect(id).toBe('orders-from-a-run');
    const test = JSON.parse(await readFile(path.join(project, 'tests/orders-from-a-run.json'), 'utf8')) as Record<string, unknown>;
    expect(test).toMatchObject({
      operation: 'convert-orders',
      variables: { outputName: 'from-run' },
      inputs: { 'read-orders': { file: 'tests/fixtures/orders-from-a-run/read-orders.csv' } },
      expect: { status: 'succeeded', outputs: { 'write-orders': { file: 'tests/fixtures/orders-from-a-run/write-orders.json' } } },
    });
    expect(await readFile(path.join(project, 'tests/fixtures/orders-from-a-run/read-orders.csv'))).toEqual(await readFile(path.join(project, 'data/in/orders.csv')));
    const golden = JSON.parse(await readFile(path.join(project, 'tests/fixtures/orders-from-a-run/write-orders.json'), 'utf8')) as unknown;
    expect(golden).toEqual(JSON.parse(await readFile(path.join(project, 'data/out/from-run.json'), 'utf8')));

    const { results } = await service.run({ folder: project, ids: [id] });
    expect(results[0].status).toBe('passed');
    await expect(service.createFromRun({ folder: project, runId: log.id, name: 'Orders from a run' })).rejects.toMatchObject({ code: 'PROJECT_DUPLICATE_NAME' });
  });

  it('refuses a run that is not in the history', async () => {
    await expect(service.createFromRun({ folder: project, runId: 'nope', name: 'x' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});

describe('parseDiffLine', () => {
  it('splits the engine diff line into path, expected and actual', () => {
    expect(parseDiffLine('orders[0].total: expected 100, actual "100"')).toEqual({ path: 'orders[0].total', expected: '100', actual: '"100"' });
    expect(parseDiffLine('(document): expected (nothing), actual {"a":1}')).toEqual({ path: '(document)', expected: '(nothing)', actual: '{"a":1}' });
    expect(parseDiffLine('status: failed')).toBeUndefined();
  });
});
