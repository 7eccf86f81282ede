import { mergeProjectFiles } from '../core/merge/files.ts';
import type { Manifest, RepoClient } from './client.ts';
import { connect, type SyncOptions } from './connect.ts';
import { SyncError } from './errors.ts';
import { applyChanges, changesBetween, isSyncablePath, manifestOf, readLocalFiles, writeProjectFiles } from './local.ts';
import { takeSnapshot } from './snapshot.ts';
import { hasObject, putObjects, readBaseFiles, readState, writeConflictCandidate, writeState, type SyncState } from './state.ts';

export interface PullResult {
  /** The revision the folder is now based on. */
  revision: { id: string; seq: number } | null;
  upToDate: boolean;
  /** Contents downloaded: only those the client did not have. */
  downloaded: number;
  written: string[];
  deleted: string[];
  conflicts: { component: string; details: string[] }[];
  /** Where local work was copied before merging, when there was any. */
  snapshot?: string;
}

/** Brings the head revision into the folder, merging it with local work. */
export async function pull(dir: string, options: SyncOptions = {}): Promise<PullResult> {
  const state = await readState(dir);
  refuseWhileConflicts(state, 'pull');
  const current = { id: state.base.revision ?? '', seq: state.base.seq };
  const upToDate: PullResult = { revision: state.base.revision ? current : null, upToDate: true, downloaded: 0, written: [], deleted: [], conflicts: [] };
  if (!state.project) return upToDate;
  const client = await connect(state, options);
  const { head } = await client.getProject(state.project);
  if (!head || head.id === state.base.revision) return upToDate;
  return integrate(dir, state, client, head);
}

export function refuseWhileConflicts(state: SyncState, what: string): void {
  const components = Object.keys(state.conflicts);
  if (components.length) {
    throw new SyncError('SYNC_CONFLICTS', `cannot ${what} while ${components.length} component${components.length === 1 ? '' : 's'} conflict (${components.join(', ')}): resolve with chorus resolve <dir> <component> --mine|--theirs|--file F`);
  }
}

/**
 * Merges a revision into the folder: downloads the contents the client lacks, snapshots
 * local work, merges three-way against the base, keeps both candidates of each conflict and
 * makes the revision the new base. The state is written last, so an interrupted pull is
 * simply pulled again.
 */
export async function integrate(dir: string, state: SyncState, client: RepoClient, head: { id: string; seq: number }): Promise<PullResult> {
  // With a base, only what changed since it crosses the wire; the head's manifest is the
  // base's with those changes made.
  const manifest: Manifest =
    state.base.revision === null
      ? (await client.getRevision(state.project!, head.id)).manifest
      : applyChanges(state.base.manifest, await client.getChanges(state.project!, head.id, state.base.revision));
  const revision = { id: head.id, seq: head.seq, manifest };
  const bad = Object.keys(revision.manifest).find((path) => !isSyncablePath(path));
  if (bad) throw new SyncError('SYNC_INVALID', `revision ${revision.seq} names ${bad}, which is not a project file; nothing was written`);

  // The base's contents are in the object store already; only newer ones may be missing.
  const known = new Set(Object.values(state.base.manifest));
  const missing: string[] = [];
  for (const hash of new Set(Object.values(revision.manifest))) if (!known.has(hash) && !(await hasObject(dir, hash))) missing.push(hash);
  const downloaded = await client.download(missing);
  await putObjects(dir, downloaded.values());

  const mine = await readLocalFiles(dir);
  const mineManifest = manifestOf(mine);
  // A content the folder holds under the same hash is not read again from the object store.
  const texts = new Map([...mine].map(([path, text]) => [mineManifest[path], text]));
  for (const [hash, text] of downloaded) texts.set(hash, text);
  const base = await readBaseFiles(dir, state.base.manifest, texts);
  const theirs = await readBaseFiles(dir, revision.manifest, texts);
  const local = changesBetween(state.base.manifest, mineManifest);
  const snapshot = local.length ? await takeSnapshot(dir, mine, local, state.base.revision) : undefined;

  const merged = mergeProjectFiles(base, mine, theirs);
  const conflicts = { ...state.conflicts };
  for (const conflict of merged.conflicts) {
    const files: Record<string, { mine: boolean; theirs: boolean }> = {};
    for (const f of conflict.files) {
      if (f.mine !== undefined) await writeConflictCandidate(dir, f.path, 'mine', f.mine);
      if (f.theirs !== undefined) await writeConflictCandidate(dir, f.path, 'theirs', f.theirs);
      files[f.path] = { mine: f.mine !== undefined, theirs: f.theirs !== undefined };
    }
    conflicts[conflict.component] = { details: conflict.details, files };
  }
  const { written, deleted } = await writeProjectFiles(dir, mine, merged.files);
  await writeState(dir, { ...state, base: { revision: revision.id, seq: revision.seq, manifest: revision.manifest }, conflicts });
  return {
    revision: { id: revision.id, seq: revision.seq },
    upToDate: false,
    downloaded: downloaded.size,
    written,
    deleted,
    conflicts: merged.conflicts.map(({ component, details }) => ({ component, details })),
    snapshot,
  };
}
