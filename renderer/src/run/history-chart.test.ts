import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../preload/contract.ts';
import { chartLayout } from './history-chart.ts';

const run = (id: string, ms: number, records: number): RunSummary => ({
  id,
  operation: 'a',
  operationName: 'A',
  status: 'succeeded',
  startedAt: '2026-01-01T10:00:00.000Z',
  endedAt: new Date(Date.parse('2026-01-01T10:00:00.000Z') + ms).toISOString(),
  records,
  errors: 0,
  chainSucceeded: true,
});

describe('run history chart', () => {
  it('puts the oldest run on the left and scales durations and records to the plot', () => {
    const layout = chartLayout([run('new', 500, 0), run('old', 1000, 40)], 200, 100);
    expect(layout.runs.map((r) => r.id)).toEqual(['old', 'new']);
    expect(layout).toMatchObject({ maxMs: 1000, maxRecords: 40 });
    const [old, fresh] = layout.runs;
    expect([old.barY, fresh.barY]).toEqual([0, 50]);
    expect([old.dotY, fresh.dotY]).toEqual([0, 100]);
    expect(old.x + old.width).toBeLessThanOrEqual(fresh.x);
    expect(fresh.x + fresh.width).toBeLessThanOrEqual(200);
  });

  it('draws an empty history without dividing by zero', () => {
    expect(chartLayout([], 200, 100).runs).toEqual([]);
    expect(chartLayout([run('x', 0, 0)], 200, 100).runs[0]).toMatchObject({ barY: 100, dotY: 100 });
  });
});
