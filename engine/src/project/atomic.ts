import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteOptions {
  /** File mode of the new file; by default the mode of the file it replaces, else 0o666 less the umask. */
  mode?: number;
}

/** A file written and synced beside its target, not yet in place. */
export interface StagedFile {
  readonly path: string;
  /** Renames the temporary file over the target and syncs the folder. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target stays as it was. */
  discard(): Promise<void>;
}

/**
 * Writes `data` to a temporary file in the target's folder and fsyncs it. Staging every file
 * of a save before renaming any lets a save that fails half-way leave the old files intact.
 * The temporary name ends in `.tmp` so a copy left by a crash is never read as a component.
 */
export async function stageFile(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<StagedFile> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = options.mode ?? (await existingMode(path)) ?? 0o666;
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  const discard = () => rm(temp, { force: true });
  return {
    path,
    discard,
    async commit() {
      try {
        await rename(temp, path);
      } catch (err) {
        await discard();
        throw err;
      }
      await syncFolder(dirname(path));
    },
  };
}

/** Replaces `path` with `data` so that readers see either the old or the new content, never a mix. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const staged = await stageFile(path, data, options);
  await staged.commit();
}

/** Makes a rename durable. Some platforms (Windows) cannot open or fsync a folder. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw err;
  } finally {
    await handle?.close();
  }
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return undefined;
  }
}
