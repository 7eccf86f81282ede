import { useStore } from 'zustand';
import { useStudioContext } from '../ui/studio-context.ts';
import { badgeText } from './badge.ts';
import { syncStoreOf } from './sync-store.ts';

/** The title bar's sync status; a click shows the Sync panel. */
export function SyncBadge() {
  const { client, store } = useStudioContext();
  const { status, error, busy } = useStore(syncStoreOf(store, client));
  const state = status?.state ?? (error ? 'error' : 'unknown');
  const title = status?.reason ?? (status?.remote ? `${status.remote.url} · ${status.remote.org} · ${status.remote.environment}` : error);
  return (
    <button className={`sync-badge sync-${state.replace(' ', '-')}`} data-testid="sync-badge" data-state={state} title={title} onClick={() => store.getState().setBottomTab('sync')}>
      {busy ? `${busy}…` : badgeText(status, error)}
    </button>
  );
}
