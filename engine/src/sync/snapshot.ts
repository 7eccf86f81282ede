import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Change } from './local.ts';
import { syncDir } from './state.ts';

/**
 * Copies local work (files added or modified since the base, and the list of deletions)
 * into `.chorus/sync/snapshots/<time>/` before a merge rewrites the folder. With the base
 * contents in the object store, this is everything needed to get the folder back.
 */
export async function takeSnapshot(dir: string, files: ReadonlyMap<string, string>, changes: Change[], baseRevision: string | null): Promise<string> {
  const root = await newFolder(join(syncDir(dir), 'snapshots'), new Date().toISOString().replace(/[:.]/g, '-'));
  for (const { path, change } of changes) {
    if (change === 'deleted') continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), files.get(path)!);
  }
  await writeFile(join(root, 'snapshot.json'), `${JSON.stringify({ takenAt: new Date().toISOString(), baseRevision, changes }, null, 2)}\n`);
  return root;
}

async function newFolder(parent: string, name: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  for (let n = 1; ; n++) {
    const path = join(parent, n === 1 ? name : `${name}-${n}`);
    try {
      await mkdir(path);
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
