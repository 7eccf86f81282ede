import { readFile } from 'node:fs/promises';
import { componentOf } from '../core/merge/files.ts';
import { SyncError } from './errors.ts';
import { readLocalFiles, writeProjectFiles } from './local.ts';
import { takeSnapshot } from './snapshot.ts';
import { readConflictCandidate, readState, removeConflictCandidates, writeState } from './state.ts';

/**
 * How to settle a conflict: `mine` and `theirs` are the merges preferring each side on the
 * conflicting parts (changes that did not conflict are in both); `file` is a version made
 * by hand, for one file of the component.
 */
export type Resolution = { take: 'mine' | 'theirs' } | { file: string };

/** Settles a conflicted component; works offline. Returns the files written and deleted. */
export async function resolve(dir: string, component: string, resolution: Resolution): Promise<{ component: string; written: string[]; deleted: string[] }> {
  const state = await readState(dir);
  const key = component in state.conflicts ? component : componentOf(component);
  const conflict = state.conflicts[key];
  if (!conflict) {
    const open = Object.keys(state.conflicts);
    throw new SyncError('SYNC_INVALID', `${component} has no conflict (${open.length ? `conflicts: ${open.join(', ')}` : 'there are no conflicts'})`);
  }

  const paths = Object.keys(conflict.files).sort();
  const next = new Map<string, string>();
  const take = async (path: string, side: 'mine' | 'theirs') => {
    if (conflict.files[path][side]) next.set(path, await readConflictCandidate(dir, path, side));
  };
  if ('take' in resolution) {
    for (const path of paths) await take(path, resolution.take);
  } else {
    const target = await fileTarget(dir, component, paths, conflict.files);
    const text = await readFile(resolution.file, 'utf8');
    if (target.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch {
        throw new SyncError('SYNC_INVALID', `${resolution.file} is not JSON, so it cannot replace ${target}`);
      }
    }
    for (const path of paths) {
      if (path === target) next.set(path, text);
      else await take(path, conflict.files[path].mine ? 'mine' : 'theirs');
    }
  }

  const local = await readLocalFiles(dir);
  const current = new Map([...local].filter(([path]) => paths.includes(path)));
  // What this overwrites (my side with --theirs, hand edits since the merge) is kept like local work before a merge.
  const overwritten = paths.filter((path) => current.has(path) && current.get(path) !== next.get(path));
  if (overwritten.length) await takeSnapshot(dir, current, overwritten.map((path) => ({ path, change: 'modified' as const })), state.base.revision);
  const { written, deleted } = await writeProjectFiles(dir, current, next);
  const { [key]: _, ...rest } = state.conflicts;
  await writeState(dir, { ...state, conflicts: rest });
  await removeConflictCandidates(dir, paths);
  return { component: key, written, deleted };
}

/** The file `--file` replaces: the one named, or the only file whose candidates differ. */
async function fileTarget(dir: string, component: string, paths: string[], files: Record<string, { mine: boolean; theirs: boolean }>): Promise<string> {
  if (paths.includes(component)) return component;
  const differing: string[] = [];
  for (const path of paths) {
    const { mine, theirs } = files[path];
    if (mine !== theirs || (mine && (await readConflictCandidate(dir, path, 'mine')) !== (await readConflictCandidate(dir, path, 'theirs')))) differing.push(path);
  }
  if (differing.length === 1) return differing[0];
  throw new SyncError('SYNC_INVALID', `${component} conflicts in several files (${differing.join(', ')}): name the file, e.g. chorus resolve <dir> ${differing[0]} --file F`);
}
