import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCAL_FOLDER } from '../../engine/src/core/model/project.ts';
import { writeFileAtomic } from '../../engine/src/project/atomic.ts';
import type { SyncState } from '../../engine/src/sync/state.ts';

/**
 * The base a merge with conflicts started from. After a pull the sync state's base is the
 * repository's revision, so the studio keeps the manifest it had before, to show the third
 * version of a conflict. It belongs to the merge that produced `revision`; once the base
 * moves on, it no longer applies.
 */
interface MergeBase {
  revision: string | null;
  manifest: Record<string, string>;
}

const file = (dir: string) => join(dir, LOCAL_FOLDER, 'studio-merge-base.json');

/** Keeps `before` (the state before a pull or push) when that operation left conflicts. */
export async function rememberMergeBase(dir: string, before: SyncState, after: SyncState): Promise<void> {
  if (Object.keys(after.conflicts).length === 0 || after.base.revision === before.base.revision) return;
  const base: MergeBase = { revision: after.base.revision, manifest: before.base.manifest };
  await writeFileAtomic(file(dir), JSON.stringify(base));
}

/** The manifest of the merge base for the state's open conflicts, when this studio made that merge. */
export async function mergeBaseOf(dir: string, state: SyncState): Promise<Record<string, string> | undefined> {
  try {
    const base = JSON.parse(await readFile(file(dir), 'utf8')) as MergeBase;
    return base.revision === state.base.revision ? base.manifest : undefined;
  } catch {
    return undefined;
  }
}
