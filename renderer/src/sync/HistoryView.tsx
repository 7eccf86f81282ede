import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useStudioContext } from '../ui/studio-context.ts';
import { diffRevisions, type FileDiff } from './revision-diff.ts';
import { syncStoreOf } from './sync-store.ts';

/** The project's revisions: compare any two, restore one as local changes, deploy the base revision. */
export function HistoryView() {
  const { client, store } = useStudioContext();
  const syncStore = syncStoreOf(store, client);
  const { revisions, busy, status } = useStore(syncStore);
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const [diff, setDiff] = useState<{ label: string; files: FileDiff[] }>();
  const [error, setError] = useState<string>();
  const [environment, setEnvironment] = useState('Production');
  const head = status?.head?.id;
  useEffect(() => void syncStore.getState().loadHistory(), [syncStore, head, status?.base?.revision]);

  const compare = async () => {
    if (!from || !to) return;
    setError(undefined);
    try {
      const [a, b] = await Promise.all([syncStore.getState().revisionFiles(from), syncStore.getState().revisionFiles(to)]);
      const seq = (id: string) => revisions.find((r) => r.id === id)?.seq;
      setDiff({ label: `Revision ${seq(from)} → ${seq(to)}`, files: diffRevisions(a, b) });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="sync-history" aria-label="Revision history">
      <h4>
        History
        <span className="spacer" />
        <button onClick={() => void compare()} disabled={!from || !to || from === to}>
          Compare
        </button>
        <input aria-label="Environment" value={environment} onChange={(e) => setEnvironment(e.target.value)} />
        <button disabled={busy !== undefined || !status?.base?.revision || !environment.trim()} onClick={() => void syncStore.getState().deploy(environment.trim())} title="Makes the revision this folder is based on live there">
          Deploy Base Revision
        </button>
      </h4>
      <table className="grid" aria-label="Revisions">
        <thead>
          <tr>
            <th>From</th>
            <th>To</th>
            <th>Revision</th>
            <th>Message</th>
            <th>Author</th>
            <th>When</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.id} aria-label={`Revision ${r.seq}`} data-base={r.base}>
              <td>
                <input type="radio" name="diff-from" aria-label={`Compare from revision ${r.seq}`} checked={from === r.id} onChange={() => setFrom(r.id)} />
              </td>
              <td>
                <input type="radio" name="diff-to" aria-label={`Compare to revision ${r.seq}`} checked={to === r.id} onChange={() => setTo(r.id)} />
              </td>
              <td>
                {r.seq}
                {r.base && <span className="badge">base</span>}
              </td>
              <td>{r.message}</td>
              <td>{r.author}</td>
              <td>{new Date(r.createdAt).toLocaleString()}</td>
              <td>
                <button disabled={busy !== undefined || status?.state === 'conflicts'} onClick={() => void syncStore.getState().restore(r.id)} title="Writes this revision's files into the folder as local changes">
                  Restore
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {diff && (
        <div className="sync-diff" aria-label={diff.label} data-testid="revision-diff">
          <h5>{diff.label}</h5>
          {diff.files.length === 0 && <p className="muted">The same files.</p>}
          {diff.files.map((f) => (
            <details key={f.path} open>
              <summary>
                {f.change} {f.path}
              </summary>
              <pre>
                {f.lines.map((l, i) => (
                  <div key={i} className={`diff-${l.kind}`}>
                    {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
                    {l.text}
                  </div>
                ))}
              </pre>
            </details>
          ))}
        </div>
      )}
    </section>
  );
}
