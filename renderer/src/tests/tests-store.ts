import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TestResultView, TestSummary } from '../../../preload/contract.ts';
import type { StudioClient } from '../api/client.ts';
import type { StudioStore } from '../store/studio-store.ts';

/** The test explorer's state: the project's tests, the results of the last runs, what is going on. */
export interface TestsState {
  tests: TestSummary[];
  /** Latest result per test id. */
  results: Record<string, TestResultView>;
  /** Tests being run now. */
  running: string[];
  /** The test whose result is shown. */
  selected?: string;
  error?: string;
  /** A test just made from a run, to point the designer at. */
  created?: string;
  refresh(): Promise<void>;
  /** All tests without `ids`. */
  run(ids?: string[]): Promise<void>;
  select(id: string | undefined): void;
  createFromRun(): Promise<void>;
}
export type TestsStore = StoreApi<TestsState>;

const stores = new WeakMap<StudioStore, TestsStore>();

/** The test store of a studio store, made on first use; commands reach it through the studio store they are given. */
export function testsStoreOf(studio: StudioStore, client: StudioClient): TestsStore {
  let store = stores.get(studio);
  if (!store) stores.set(studio, (store = createTestsStore(studio, client)));
  return store;
}

/** Only once the workbench has connected it (commands have no client of their own). */
export function connectedTestsStore(studio: StudioStore): TestsStore | undefined {
  return stores.get(studio);
}

export function createTestsStore(studio: StudioStore, client: StudioClient): TestsStore {
  const folder = () => studio.getState().folder;
  const store = createStore<TestsState>()((set, get) => ({
    tests: [],
    results: {},
    running: [],

    async refresh() {
      const f = folder();
      if (!f) return;
      try {
        const tests = await client.api.tests.list({ folder: f });
        if (folder() === f) set({ tests, error: undefined });
      } catch (err) {
        set({ error: (err as Error).message });
      }
    },

    async run(ids) {
      const f = folder();
      if (!f || get().running.length > 0) return;
      set({ running: ids ?? get().tests.map((t) => t.id), error: undefined });
      try {
        await studio.getState().flushSave(); // the host runs what is on disk
        const { results } = await client.api.tests.run({ folder: f, ids });
        const byId = { ...get().results };
        for (const r of results) byId[r.id] = r;
        const firstFailed = results.find((r) => r.status === 'failed' || r.status === 'error');
        set({ results: byId, selected: firstFailed?.id ?? get().selected ?? results[0]?.id });
      } catch (err) {
        set({ error: (err as Error).message });
      } finally {
        set({ running: [] });
      }
      await get().refresh();
    },

    select: (selected) => set({ selected }),

    async createFromRun() {
      const f = folder();
      const run = studio.getState().run;
      if (!f || !run?.runId || !run.summary) return;
      studio.getState().setBottomTab('tests');
      try {
        // Run ids are unique, so the name is too; the designer renames it in the explorer.
        const { id } = await client.api.tests.createFromRun({ folder: f, runId: run.runId, name: `${run.operationName} (run ${run.runId})` });
        set({ created: id, selected: id, error: undefined });
      } catch (err) {
        set({ error: (err as Error).message });
      }
      await get().refresh();
    },
  }));
  // A change on disk (a new test file, an edit) reloads the project; the list follows it.
  studio.subscribe((s, prev) => {
    if (s.folder !== prev.folder) store.setState({ tests: [], results: {}, selected: undefined, created: undefined });
    if (s.project?.tests !== prev.project?.tests || s.folder !== prev.folder) void store.getState().refresh();
  });
  void store.getState().refresh();
  return store;
}
