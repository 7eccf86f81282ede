import type { RunSummary } from '../../../preload/contract.ts';

/** One run in the history chart: a bar for its duration, a dot for its record count. */
export interface ChartRun {
  id: string;
  status: RunSummary['status'];
  x: number;
  width: number;
  /** Top of the duration bar; the bar reaches the bottom of the plot. */
  barY: number;
  /** Centre of the records dot. */
  dotY: number;
  ms: number;
  records: number;
}

export interface ChartLayout {
  runs: ChartRun[];
  maxMs: number;
  maxRecords: number;
}

export const durationMs = (run: RunSummary) => Math.max(0, Date.parse(run.endedAt) - Date.parse(run.startedAt));

/**
 * Oldest on the left, as time reads; each measure on its own scale from zero (durations on
 * the left axis, records on the right), so a slow run and a big run both stand out.
 */
export function chartLayout(history: readonly RunSummary[], width: number, height: number): ChartLayout {
  const runs = [...history].reverse();
  const maxMs = Math.max(1, ...runs.map(durationMs));
  const maxRecords = Math.max(1, ...runs.map((r) => r.records));
  const slot = width / Math.max(1, runs.length);
  const barWidth = Math.max(2, Math.min(24, slot * 0.6));
  return {
    maxMs,
    maxRecords,
    runs: runs.map((r, i) => {
      const ms = durationMs(r);
      return {
        id: r.id,
        status: r.status,
        x: i * slot + (slot - barWidth) / 2,
        width: barWidth,
        barY: height - (ms / maxMs) * height,
        dotY: height - (r.records / maxRecords) * height,
        ms,
        records: r.records,
      };
    }),
  };
}
