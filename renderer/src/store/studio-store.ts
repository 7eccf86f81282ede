import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StudioClient } from '../api/client.ts';
import { createDocumentSlice, type DocumentSlice } from './document-slice.ts';
import { createRunSlice, type RunSlice } from './run-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type StudioState = DocumentSlice & RunSlice & UiSlice;
export type StudioStore = StoreApi<StudioState>;

export interface StudioStoreOptions {
  autosaveMs?: number;
  now?: () => number;
}

/**
 * One store from typed slices: the document (with undo and autosave), the current run, and
 * the view. It listens to the host: changes on disk reload the document, run events update
 * the run, and a reconnected event channel reloads in case something was missed.
 */
export function createStudioStore(client: StudioClient, options: StudioStoreOptions = {}): StudioStore {
  const now = options.now ?? Date.now;
  const store = createStore<StudioState>()((...a) => ({
    ...createDocumentSlice(client, { autosaveMs: options.autosaveMs ?? 600, now })(...a),
    ...createRunSlice(client, now)(...a),
    ...createUiSlice(...a),
  }));

  client.onEvent((event) => {
    const state = store.getState();
    if (event.type === 'projects.changed') {
      if (event.folder === state.folder) void state.reloadFromDisk().catch(() => undefined);
    } else state.onRunEvent(event);
  });
  let wasClosed = false;
  client.onConnection((connection) => {
    if (connection === 'closed') wasClosed = true;
    if (connection === 'open' && wasClosed) void store.getState().reloadFromDisk().catch(() => undefined);
  });
  return store;
}
