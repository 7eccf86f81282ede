import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { ChorusError, errnoOf } from '../core/errors.ts';
import type { ReadActivity } from '../core/model/activity.ts';
import { applyAfterRead, checkAfterRead } from './after-read.ts';
import { displayPath, fsError } from './common.ts';
import type { ConnectorContext, Source } from './types.ts';

export interface ListOptions {
  /** A missing folder counts as an empty one (temporary storage not written yet). */
  missingIsEmpty?: boolean;
}

/** The files of `dir` matching the activity's filter, by name; shared by the file and temp connectors. */
export async function listFolderSources(
  ctx: ConnectorContext,
  dir: string,
  activity: ReadActivity,
  options: ListOptions = {},
): Promise<Source[]> {
  checkAfterRead(activity.afterRead);
  const shownDir = displayPath(ctx, dir);
  const names = await matchingFiles(dir, activity.filter, shownDir, options);
  if (names.length === 0 && activity.ifNone === 'fail') {
    throw new ChorusError('SOURCE_NOT_FOUND', `no file matches "${activity.filter}" in ${shownDir}`, { file: shownDir });
  }
  return names.map((name) => {
    const file = path.join(dir, name);
    return {
      name: displayPath(ctx, file),
      open: () => createReadStream(file),
      afterRead: () => applyAfterRead(ctx, dir, name, activity.afterRead),
    };
  });
}

async function matchingFiles(dir: string, filter: string, shownDir: string, options: ListOptions): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    const errno = errnoOf(err);
    if (errno === 'ENOENT' && options.missingIsEmpty) return [];
    if (errno === 'ENOENT') throw new ChorusError('SOURCE_NOT_FOUND', `folder "${shownDir}" does not exist`, { file: shownDir });
    if (errno === 'ENOTDIR') throw new ChorusError('SOURCE_NOT_FOUND', `"${shownDir}" is not a folder`, { file: shownDir });
    throw fsError('SOURCE_UNREADABLE', err, `folder "${shownDir}" cannot be read`, shownDir);
  }
  // Case-sensitive and the same on every platform (a backslash escapes, it never separates).
  const matches = picomatch(filter, { windows: false });
  const names: string[] = [];
  for (const entry of entries) {
    // Dotfiles are hidden, and our own `.chorus-tmp-` files are dotfiles.
    if (entry.name.startsWith('.') || !matches(entry.name)) continue;
    if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(path.join(dir, entry.name))))) names.push(entry.name);
  }
  // Default sort compares UTF-16 code units: the same order on every machine and locale.
  return names.sort();
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (stats) => stats.isFile(),
    () => false, // a dangling link is not a file to read
  );
}
