import type { SyncStatusView } from '../../../preload/contract.ts';

/** The title bar's words for a sync status: `in sync`, `ahead 2`, `behind`, `2 conflicts`, ... */
export function badgeText(status: SyncStatusView | undefined, error: string | undefined): string {
  if (error !== undefined && status === undefined) return 'sync error';
  if (!status) return 'sync…';
  switch (status.state) {
    case 'ahead':
      return `ahead ${status.changes.length}`;
    case 'diverged':
      return `ahead ${status.changes.length}, behind`;
    case 'conflicts':
      return `${status.conflicts.length} conflict${status.conflicts.length === 1 ? '' : 's'}`;
    case 'offline':
      return status.changes.length ? `offline, ${status.changes.length} changed` : 'offline';
    default:
      return status.state;
  }
}
