import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../preload/contract.ts';
import { copyExample, tempDir, writeBigOrdersCsv } from '../test/fixtures.ts';
import { EventHub } from './events.ts';
import { RunManager } from './runs.ts';

let parent: { dir: string; cleanup: () => Promise<void> };
let events: StudioEvent[];
let manager: RunManager;
let hub: EventHub;

beforeEach(async () => {
  parent = await tempDir();
  events = [];
  hub = new EventHub();
  hub.on((e) => events.push(e));
  manager = new RunManager({ events: hub, secretsFor: async () => new Map() });
});
afterEach(async () => {
  await manager.close();
  await parent.cleanup();
});

function finished(runId: string): Promise<Extract<StudioEvent, { type: 'runs.finished' }>> {
  const seen = events.find((e) => e.type === 'runs.finished' && e.runId === runId);
  if (seen) return Promise.resolve(seen as Extract<StudioEvent, { type: 'runs.finished' }>);
  return new Promise((resolve) => {
    const off = hub.on((e) => {
      if (e.type === 'runs.finished' && e.runId === runId) {
        off();
        resolve(e);
      }
    });
  });
}

describe('RunManager', () => {
  it('runs an example operation in a worker, with events, and keeps it in the history', async () => {
    const project = await copyExample('csv-orders-to-json', parent.dir);
    const { runId } = await manager.start({ folder: project, operation: 'convert-orders' });
    const done = await finished(runId);

    expect(done.summary).toMatchObject({ id: runId, status: 'succeeded', operation: 'convert-orders', chainSucceeded: true, errors: 0 });
    expect(done.summary.records).toBeGreaterThan(0);
    const out = JSON.parse(await readFile(path.join(project, 'data/out/orders.json'), 'utf8')) as { orders: unknown[] };
    expect(out.orders).toHaveLength(done.summary.records);

    const types = events.filter((e) => 'runId' in e && e.runId === runId).map((e) => e.type);
    expect(types[0]).toBe('runs.started');
    expect(types).toContain('runs.progress');
    expect(types.at(-1)).toBe('runs.finished');

    const history = await manager.history({ folder: project });
    expect(history.map((r) => r.id)).toEqual([runId]);
    const { log } = await manager.get({ folder: project, runId });
    expect(log.steps.map((s) => s.kind).slice(0, 3)).toEqual(['read', 'transform', 'write']);
    const stepsFinished = events.flatMap((e) => (e.type === 'runs.stepFinished' ? [e.step] : []));
    expect(stepsFinished).toEqual(log.steps);
    expect(manager.activeRuns()).toEqual([]);
  });

  it('refuses an unknown operation without starting a run', async () => {
    const project = await copyExample('csv-orders-to-json', parent.dir);
    await expect(manager.start({ folder: project, operation: 'nope' })).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' });
    expect(await manager.history({ folder: project })).toEqual([]);
  });

  it('cancels a long run: the run ends cancelled and writes no target', async () => {
    const project = await copyExample('csv-orders-to-json', parent.dir);
    await writeBigOrdersCsv(project, 600_000);
    const { runId } = await manager.start({ folder: project, operation: 'convert-orders' });
    await new Promise<void>((resolve) => {
      const off = hub.on((e) => {
        if (e.type === 'runs.progress' && e.runId === runId && e.records > 0) {
          off();
          resolve();
        }
      });
    });
    expect(await manager.cancel({ runId })).toEqual({ cancelled: true });
    const done = await finished(runId);

    expect(done.summary.status).toBe('cancelled');
    expect(await readdir(path.join(project, 'data/out'))).toEqual(['.gitkeep']);
    expect(await manager.cancel({ runId })).toEqual({ cancelled: false });
    // It stopped by itself (not terminated): the engine kept its log.
    expect(await manager.history({ folder: project })).toMatchObject([{ id: runId, status: 'cancelled' }]);
  });

  it('terminates a worker that does not stop within the grace period', async () => {
    const project = await copyExample('csv-orders-to-json', parent.dir);
    await writeBigOrdersCsv(project, 400_000);
    const impatient = new RunManager({ events: hub, secretsFor: async () => new Map(), cancelGraceMs: 0 });
    const { runId } = await impatient.start({ folder: project, operation: 'convert-orders' });
    await impatient.cancel({ runId });
    const done = await finished(runId);

    expect(done.summary.status).toBe('cancelled');
    expect(existsSync(path.join(project, 'data/out/orders.json'))).toBe(false);
    // Terminated before the engine could keep a log.
    expect(await impatient.history({ folder: project })).toEqual([]);
    await impatient.close();
  });
});
