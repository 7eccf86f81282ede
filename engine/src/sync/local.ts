import { mkdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_FILE } from '../core/model/project.ts';
import { componentKindOfFile } from '../core/project-files.ts';
import { stageFile, syncFolder, type StagedFile } from '../project/atomic.ts';
import { readProjectFiles } from '../project/store.ts';
import { sha256, type Manifest, type ManifestChanges } from './client.ts';
import { SyncError } from './errors.ts';

/**
 * Whether a path may be synced: `chorus.json` or a file directly inside a component folder,
 * exactly what the project store reads. A manifest from the server naming anything else is
 * refused, so a server can never make the client write outside the project's own files.
 */
export function isSyncablePath(path: string): boolean {
  if (path === MANIFEST_FILE) return true;
  const parts = path.split('/');
  return parts.length === 2 && componentKindOfFile(path) !== undefined && !/^\.|[\\:\p{Cc}]/u.test(parts[1]) && !parts[1].endsWith('.tmp');
}

/** The project's files as they are in the folder now (never `.chorus/`). */
export async function readLocalFiles(dir: string): Promise<Map<string, string>> {
  const { files, undecodable } = await readProjectFiles(dir);
  if (undecodable.length) throw new SyncError('SYNC_INVALID', `${undecodable.join(', ')}: not UTF-8 text; save as UTF-8 before syncing`);
  for (const path of files.keys()) if (!isSyncablePath(path)) files.delete(path);
  return files;
}

export function manifestOf(files: ReadonlyMap<string, string>): Manifest {
  return Object.fromEntries([...files].map(([path, text]) => [path, sha256(text)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface Change {
  path: string;
  change: 'added' | 'modified' | 'deleted';
}

/** What differs between two manifests, by path. */
export function changesBetween(from: Manifest, to: Manifest): Change[] {
  const changes: Change[] = [];
  for (const path of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
    if (!(path in from)) changes.push({ path, change: 'added' });
    else if (!(path in to)) changes.push({ path, change: 'deleted' });
    else if (from[path] !== to[path]) changes.push({ path, change: 'modified' });
  }
  return changes;
}

/** The changes that turn manifest `from` into `to`: what a push sends instead of the whole manifest. */
export function manifestChanges(from: Manifest, to: Manifest): ManifestChanges {
  const put: Manifest = {};
  for (const [path, hash] of Object.entries(to)) if (from[path] !== hash) put[path] = hash;
  return { put, delete: Object.keys(from).filter((path) => !Object.hasOwn(to, path)) };
}

/** `manifest` with the changes made, paths in order (as `manifestOf` and the server keep them). */
export function applyChanges(manifest: Manifest, changes: ManifestChanges): Manifest {
  const next: Manifest = { ...manifest, ...changes.put };
  for (const path of changes.delete) delete next[path];
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Makes the folder's project files equal `next`, given that they are `current` now: every
 * changed file is staged (written and synced) before the first is renamed into place, then
 * files no longer in `next` are deleted. Other files are never touched.
 */
export async function writeProjectFiles(dir: string, current: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): Promise<{ written: string[]; deleted: string[] }> {
  for (const path of next.keys()) if (!isSyncablePath(path)) throw new SyncError('SYNC_INVALID', `refusing to write ${path}: not a project file`);
  const written = [...next.keys()].filter((path) => current.get(path) !== next.get(path)).sort();
  const deleted = [...current.keys()].filter((path) => !next.has(path)).sort();
  const staged: StagedFile[] = [];
  try {
    for (const path of written) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      staged.push(await stageFile(join(dir, path), next.get(path)!));
    }
    while (staged.length) {
      await staged[0].commit();
      staged.shift();
    }
  } finally {
    await Promise.all(staged.map((s) => s.discard()));
  }
  for (const path of deleted) {
    try {
      await unlink(join(dir, path));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  for (const folder of new Set(deleted.map((p) => dirname(join(dir, p))))) await syncFolder(folder);
  return { written, deleted };
}
