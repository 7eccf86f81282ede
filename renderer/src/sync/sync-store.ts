import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RevisionView, SyncConflictView, SyncStatusView } from '../../../preload/contract.ts';
import type { StudioClient } from '../api/client.ts';
import type { StudioStore } from '../store/studio-store.ts';

/** The project's sync: its status, open conflicts and revision history, and what is being done. */
export interface SyncState {
  status?: SyncStatusView;
  conflicts: SyncConflictView[];
  revisions: RevisionView[];
  /** The operation going on (`pull`, `push`, ...); one at a time. */
  busy?: string;
  /** The last failure, with its code (`SYNC_OFFLINE`, `SYNC_HEAD_MOVED`, ...). */
  error?: string;
  /** What the last operation did, for people. */
  notice?: string;
  refresh(): Promise<void>;
  pull(): Promise<void>;
  push(message?: string): Promise<void>;
  resolve(request: { component: string; choice: 'mine' | 'theirs' } | { component: string; choice: 'content'; file: string; content: string }): Promise<void>;
  loadHistory(): Promise<void>;
  revisionFiles(revision: string): Promise<Record<string, string>>;
  restore(revision: string): Promise<void>;
  deploy(environment: string): Promise<void>;
}
export type SyncStore = StoreApi<SyncState>;

const stores = new WeakMap<StudioStore, SyncStore>();

/** The sync store of a studio store, made on first use (the workbench connects it). */
export function syncStoreOf(studio: StudioStore, client: StudioClient): SyncStore {
  let store = stores.get(studio);
  if (!store) stores.set(studio, (store = createSyncStore(studio, client)));
  return store;
}

/** Only once the workbench has connected it (commands have no client of their own). */
export function connectedSyncStore(studio: StudioStore): SyncStore | undefined {
  return stores.get(studio);
}

const codeOf = (err: unknown) => (err as { code?: string }).code;
const describe = (err: unknown) => `${(err as Error).message}${codeOf(err) ? ` [${codeOf(err)}]` : ''}`;

export function createSyncStore(studio: StudioStore, client: StudioClient): SyncStore {
  const folder = () => studio.getState().folder;
  const store = createStore<SyncState>()((set, get) => {
    /** Runs one operation on the folder: saves first (the host syncs what is on disk), then refreshes whatever happened. */
    const operate = async (name: string, call: (folder: string) => Promise<string | undefined>) => {
      const f = folder();
      if (!f || get().busy) return;
      set({ busy: name, error: undefined, notice: undefined });
      try {
        await studio.getState().flushSave();
        set({ notice: await call(f) });
      } catch (err) {
        set({ error: describe(err) });
      } finally {
        set({ busy: undefined });
      }
      await get().refresh();
    };
    return {
      conflicts: [],
      revisions: [],

      async refresh() {
        const f = folder();
        if (!f) return;
        try {
          const status = await client.api.sync.status({ folder: f });
          const conflicts = status.conflicts.length ? await client.api.sync.conflicts({ folder: f }) : [];
          if (folder() === f) set({ status, conflicts });
        } catch (err) {
          if (folder() === f) set({ status: undefined, error: describe(err) });
        }
      },

      pull: () =>
        operate('pull', async (f) => {
          const r = await client.api.sync.pull({ folder: f });
          if (r.upToDate) return 'Already up to date.';
          return `Pulled revision ${r.revision?.seq}${r.conflicts.length ? `: ${r.conflicts.length} conflict${r.conflicts.length === 1 ? '' : 's'} to resolve` : ''}.`;
        }),

      push: (message) =>
        operate('push', async (f) => {
          // A moved head is merged in; conflicts stop the push and show up in the status.
          const r = await client.api.sync.push({ folder: f, message: message || 'Changes from the studio', merge: true });
          return r.revision ? `Pushed revision ${r.revision.seq}${r.merges ? ` (merged ${r.merges} on the way)` : ''}.` : 'Nothing to push.';
        }),

      resolve: (request) =>
        operate('resolve', async (f) => {
          const r = await client.api.sync.resolve({ folder: f, ...request });
          return `Resolved ${r.component}.`;
        }),

      async loadHistory() {
        const f = folder();
        if (!f) return;
        try {
          const { revisions } = await client.api.sync.log({ folder: f });
          if (folder() === f) set({ revisions });
        } catch (err) {
          set({ error: describe(err) });
        }
      },

      async revisionFiles(revision) {
        return (await client.api.sync.revisionFiles({ folder: folder()!, revision })).files;
      },

      restore: (revision) =>
        operate('restore', async (f) => {
          const r = await client.api.sync.restore({ folder: f, revision });
          return `Restored: ${r.written.length} file(s) written, ${r.deleted.length} deleted, as local changes. Push to make it the newest revision.`;
        }),

      deploy: (environment) =>
        operate('deploy', async (f) => {
          const r = await client.api.sync.deploy({ folder: f, environment });
          return `Revision ${r.seq} is live in ${r.environment}.`;
        }),
    };
  });
  client.onEvent((event) => {
    // Local edits change "ahead"; a sync operation (from this window or another) changes anything.
    if ((event.type === 'sync.changed' || event.type === 'projects.changed') && event.folder === folder()) void store.getState().refresh();
  });
  studio.subscribe((s, prev) => {
    if (s.folder === prev.folder) return;
    store.setState({ status: undefined, conflicts: [], revisions: [], error: undefined, notice: undefined });
    void store.getState().refresh();
  });
  void store.getState().refresh();
  return store;
}
