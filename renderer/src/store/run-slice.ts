import type { StateCreator } from 'zustand';
import type { RunSummary, StudioEvent } from '../../../preload/contract.ts';
import type { StudioClient } from '../api/client.ts';
import { applyRunEvent, isRunActive, runViewOfLog, startingRun, type RunView } from './run-state.ts';
import type { StudioState } from './studio-store.ts';

/** The run started from the studio, followed live through the host's events. */
export interface RunSlice {
  run?: RunView;
  /** The project's earlier runs, newest first (`runs.history`). */
  runHistory: RunSummary[];
  historyError?: string;
  loadHistory(): Promise<void>;
  /** Shows an earlier run's log in the run panel. */
  openRun(runId: string): Promise<void>;
  startRun(operation: string): Promise<void>;
  cancelRun(): Promise<void>;
  /** Called for every host event. */
  onRunEvent(event: StudioEvent): void;
}

/** Runs the history chart and list show. */
const HISTORY_RUNS = 50;

export function createRunSlice(client: StudioClient, now: () => number): StateCreator<StudioState, [], [], RunSlice> {
  return (set, get) => {
    // Events can overtake the answer to runs.start; they wait here until the run id is known.
    let early: StudioEvent[] = [];

    const fetchLog = async (runId: string) => {
      const { folder } = get();
      if (!folder) return;
      try {
        const { log } = await client.api.runs.get({ folder, runId });
        set((s) => (s.run?.runId === runId ? { run: { ...s.run, log } } : {}));
      } catch {
        // Killed runs keep no log; the summary from the event is all there is.
      }
    };

    return {
      runHistory: [],

      async loadHistory() {
        const { folder } = get();
        if (!folder) return;
        try {
          const runHistory = await client.api.runs.history({ folder, limit: HISTORY_RUNS });
          if (get().folder === folder) set({ runHistory, historyError: undefined });
        } catch (err) {
          set({ historyError: (err as Error).message });
        }
      },

      async openRun(runId) {
        const { folder, run } = get();
        if (!folder || isRunActive(run)) return;
        const { log } = await client.api.runs.get({ folder, runId });
        set((s) => ({ run: runViewOfLog(log, s.runHistory.find((r) => r.id === runId)), bottomTab: 'run' }));
      },

      async startRun(operation) {
        const { folder, project } = get();
        if (!folder || !project || isRunActive(get().run)) return;
        const name = project.operations.find((o) => o.id === operation)?.name ?? operation;
        early = [];
        set({ run: startingRun(operation, name, now()), bottomTab: 'run' });
        await get().flushSave(); // the host runs what is on disk
        try {
          const { runId } = await client.api.runs.start({ folder, operation });
          let run: RunView = { ...get().run!, runId, status: 'running' };
          for (const event of early) run = applyRunEvent(run, event, now());
          early = [];
          set({ run });
          if (run.summary) await fetchLog(runId);
        } catch (err) {
          set((s) => ({ run: s.run && { ...s.run, status: 'failed', endedAt: now(), error: (err as Error).message } }));
        }
      },

      async cancelRun() {
        const runId = get().run?.runId;
        if (runId && isRunActive(get().run)) await client.api.runs.cancel({ runId });
      },

      onRunEvent(event) {
        const { run } = get();
        if (!run || !event.type.startsWith('runs.')) return;
        if (run.status === 'starting' && !run.runId) {
          early.push(event);
          return;
        }
        const next = applyRunEvent(run, event, now());
        if (next === run) return;
        set({ run: next });
        if (event.type === 'runs.finished' && next.runId) {
          void fetchLog(next.runId);
          void get().loadHistory();
        }
      },
    };
  };
}
