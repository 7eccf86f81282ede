import { constants, type Stats } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { ChorusError, errnoOf } from '../core/errors.ts';
import type { WriteActivity } from '../core/model/activity.ts';
import { displayPath, finishWriting, fsError, isPlainFileName } from './common.ts';
import { FileWriter } from './file-writer.ts';
import { moveWithoutClobber } from './place.ts';
import type { ConnectorContext, Target } from './types.ts';

/** Prefix of the files being written; listing skips them (they are dotfiles). */
export const TEMP_PREFIX = '.chorus-tmp-';

/**
 * Opens `activity.fileName` in `dir` for writing; shared by the file and temp connectors.
 * Bytes go to a temp file in the same folder, so publishing is a rename on the same file system:
 * - overwrite: rename over the target (atomic; keeps the replaced file's permission bits);
 * - append: the temp file starts as a copy of the target, the new bytes follow, and commit
 *   renames it over the target: readers see the old or the new file, never a half-append,
 *   and an abort or crash leaves the target untouched. Costs a copy of the target per run;
 * - unique: the name (`name.ext`, `name-1.ext`...) is chosen at commit with a hard link,
 *   which fails rather than replace a file created meanwhile.
 */
export async function openFolderTarget(ctx: ConnectorContext, dir: string, activity: WriteActivity): Promise<Target> {
  const shownDir = displayPath(ctx, dir);
  const { fileName, mode } = activity;
  if (!isPlainFileName(fileName)) {
    throw new ChorusError('TARGET_WRITE_FAILED', `file name "${fileName}" must be a plain name, without folders`, { file: shownDir });
  }
  await requireFolder(dir, shownDir);
  await removeStaleTemps(dir);

  const finalPath = path.join(dir, fileName);
  const shown = displayPath(ctx, finalPath);
  const writeFailed = (err: unknown) => fsError('TARGET_WRITE_FAILED', err, `could not write ${shown}`, shown);
  const existing = await existingFile(finalPath, shown, writeFailed);
  const appending = mode === 'append' && (existing?.size ?? 0) > 0;

  const tmp = path.join(dir, `${TEMP_PREFIX}${randomUUID()}`);
  const stream = new FileWriter(await openTemp(tmp, appending ? finalPath : undefined, writeFailed), writeFailed);
  const discard = async () => {
    stream.destroy();
    await finished(stream).catch(() => undefined); // settles once the handle is closed
    await fs.rm(tmp, { force: true });
  };
  let state: 'open' | 'committed' | 'aborted' = 'open';

  const target: Target = {
    name: shown,
    stream,
    appending,
    async commit() {
      if (state !== 'open') throw new ChorusError('INTERNAL', `${shown} was already ${state}`, { file: shown });
      state = 'committed';
      try {
        await finishWriting(stream);
        if (mode === 'overwrite' && existing) await fs.chmod(tmp, existing.mode & 0o777);
        if (mode === 'unique') target.name = displayPath(ctx, await moveWithoutClobber(tmp, dir, fileName));
        else await fs.rename(tmp, finalPath);
      } catch (err) {
        await discard();
        throw writeFailed(err);
      }
    },
    async abort() {
      if (state !== 'open') return; // nothing to undo once committed
      state = 'aborted';
      await discard();
    },
  };
  return target;
}

/** A temp file this old was left by a run that was killed (a crash, SIGKILL, a power cut). */
export const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** Removes temp files that killed runs left behind; a running write's temp file is never this old. */
async function removeStaleTemps(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(dir, name);
    const stats = await fs.lstat(file).catch(() => undefined);
    if (stats?.isFile() && stats.mtimeMs < cutoff) await fs.rm(file, { force: true }).catch(() => undefined);
  }
}

async function requireFolder(dir: string, shownDir: string): Promise<void> {
  let stats;
  try {
    stats = await fs.stat(dir);
  } catch (err) {
    const errno = errnoOf(err);
    if (errno === 'ENOENT' || errno === 'ENOTDIR') {
      throw new ChorusError('TARGET_FOLDER_MISSING', `target folder "${shownDir}" does not exist`, { file: shownDir });
    }
    throw fsError('TARGET_WRITE_FAILED', err, `target folder "${shownDir}" cannot be used`, shownDir);
  }
  if (!stats.isDirectory()) {
    throw new ChorusError('TARGET_FOLDER_MISSING', `target folder "${shownDir}" is not a folder`, { file: shownDir });
  }
}

/** Creates the temp file, starting as a copy of `copyOf` when appending. */
async function openTemp(tmp: string, copyOf: string | undefined, writeFailed: (err: unknown) => ChorusError): Promise<FileHandle> {
  try {
    if (copyOf) await fs.copyFile(copyOf, tmp, constants.COPYFILE_EXCL);
    return await fs.open(tmp, copyOf ? 'a' : 'wx');
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw writeFailed(err);
  }
}

/** The target's stats when it exists; a folder in its place is an error up front. */
async function existingFile(file: string, shown: string, writeFailed: (err: unknown) => ChorusError): Promise<Stats | undefined> {
  let stats;
  try {
    stats = await fs.stat(file);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw writeFailed(err);
  }
  if (stats.isDirectory()) throw new ChorusError('TARGET_WRITE_FAILED', `${shown} is a folder, not a file`, { file: shown });
  return stats;
}
