import './sync.css';
import { useState } from 'react';
import { useStore } from 'zustand';
import { useStudioContext } from '../ui/studio-context.ts';
import { ConflictView } from './ConflictView.tsx';
import { HistoryView } from './HistoryView.tsx';
import { badgeText } from './badge.ts';
import { syncStoreOf } from './sync-store.ts';

/** Sync with the repository: status, pull and push, the open conflicts, the revision history. */
export function SyncPanel() {
  const { client, store } = useStudioContext();
  const sync = useStore(syncStoreOf(store, client));
  const [message, setMessage] = useState('');
  const { status } = sync;
  const connected = status !== undefined && status.state !== 'not connected';
  const blocked = !connected || sync.busy !== undefined;
  return (
    <div className="sync-panel" data-testid="sync-panel">
      <div className="sync-toolbar">
        <strong data-testid="sync-state">{badgeText(status, sync.error)}</strong>
        {status?.remote && (
          <span className="muted">
            {status.remote.url} · {status.remote.environment}
            {status.base?.revision ? ` · based on revision ${status.base.seq}` : ' · not pushed yet'}
          </span>
        )}
        <span className="spacer" />
        <button onClick={() => void sync.pull()} disabled={blocked}>
          ⇣ Pull
        </button>
        <input aria-label="Push message" placeholder="What changed" value={message} onChange={(e) => setMessage(e.target.value)} disabled={blocked} />
        <button
          onClick={() => void sync.push(message).then(() => setMessage(''))}
          disabled={blocked || status?.state === 'conflicts'}
          title="Merges the repository's newer revisions first, if any"
        >
          ⇡ Push
        </button>
      </div>
      {status?.state === 'not connected' && <p className="muted">This project does not sync with a repository yet: link it with chorus remote add {store.getState().folder} &lt;url&gt;, then push.</p>}
      {status?.reason && status.state === 'offline' && <p className="muted">Offline: {status.reason}</p>}
      {sync.error && (
        <p className="error" role="alert">
          {sync.error}
        </p>
      )}
      {sync.conflicts.map((c) => (
        <ConflictView key={c.component} conflict={c} disabled={sync.busy !== undefined} onResolve={(r) => void sync.resolve(r)} />
      ))}
      {sync.notice && (
        <p className="notice" role="status">
          {sync.notice}
        </p>
      )}
      {status && status.changes.length > 0 && (
        <details className="sync-changes">
          <summary>{status.changes.length} file(s) changed here since the base</summary>
          <ul>
            {status.changes.map((c) => (
              <li key={c.path}>
                {c.change} {c.path}
              </li>
            ))}
          </ul>
        </details>
      )}
      {connected && <HistoryView />}
    </div>
  );
}
