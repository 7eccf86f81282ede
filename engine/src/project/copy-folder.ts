import { constants } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { attempt } from './attempt.ts';

/**
 * Copies the regular files and folders under `from` into `to` (which exists), leaving out
 * the top-level entries named in `skip`. Symbolic links are not followed nor copied, like
 * the project reader. Existing files are never overwritten.
 */
export async function copyFolder(from: string, to: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
  const entries = await attempt(to, () => readdir(from, { withFileTypes: true }), `copy ${from} to ${to}`);
  for (const entry of entries) {
    if (skip.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await attempt(target, () => mkdir(target), `copy ${source} to ${target}`);
      await copyFolder(source, target);
    } else if (entry.isFile()) {
      await attempt(target, () => copyFile(source, target, constants.COPYFILE_EXCL), `copy ${source} to ${target}`);
    }
  }
}
