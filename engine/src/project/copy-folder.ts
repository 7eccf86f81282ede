import { constants } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ChorusError } from '../core/errors.ts';

/**
 * Copies the regular files and folders under `from` into `to` (which exists), leaving out
 * the top-level entries named in `skip`. Symbolic links are not followed nor copied, like
 * the project reader. Existing files are never overwritten.
 */
export async function copyFolder(from: string, to: string, skip: ReadonlySet<string> = new Set()): Promise<void> {
  const entries = await attempt(from, to, () => readdir(from, { withFileTypes: true }));
  for (const entry of entries) {
    if (skip.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await attempt(source, target, () => mkdir(target));
      await copyFolder(source, target);
    } else if (entry.isFile()) {
      await attempt(source, target, () => copyFile(source, target, constants.COPYFILE_EXCL));
    }
  }
}

async function attempt<T>(source: string, target: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    throw new ChorusError('PROJECT_WRITE_FAILED', `cannot copy ${source} to ${target}: ${(err as Error).message}`, { file: target }, false, { cause: err });
  }
}
