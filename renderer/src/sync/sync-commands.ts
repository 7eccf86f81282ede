import type { AppCommand } from '../commands/app-commands.ts';
import { connectedSyncStore } from './sync-store.ts';

/** Whether the project syncs with a repository and nothing else sync-related is going on. */
function canSync(store: Parameters<AppCommand['enabled']>[0]): boolean {
  const sync = connectedSyncStore(store)?.getState();
  return store.getState().project !== undefined && sync !== undefined && sync.busy === undefined && sync.status !== undefined && sync.status.state !== 'not connected';
}

/** Pull and push from anywhere; they act once the workbench has connected the sync store. */
export const syncAppCommands: AppCommand[] = [
  {
    id: 'showSync',
    label: 'Show Sync',
    shortcut: 'Mod+Alt+S',
    global: true,
    enabled: (store) => store.getState().project !== undefined,
    run: (store) => store.getState().setBottomTab('sync'),
  },
  {
    id: 'syncPull',
    label: 'Pull from Repository',
    shortcut: 'Mod+Alt+U',
    global: true,
    enabled: canSync,
    run: async (store) => {
      store.getState().setBottomTab('sync');
      await connectedSyncStore(store)?.getState().pull();
    },
  },
  {
    id: 'syncPush',
    label: 'Push to Repository',
    shortcut: 'Mod+Alt+P',
    global: true,
    enabled: canSync,
    run: async (store) => {
      store.getState().setBottomTab('sync');
      await connectedSyncStore(store)?.getState().push();
    },
  },
];
