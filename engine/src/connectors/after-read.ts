import fs from 'node:fs/promises';
import path from 'node:path';
import { ChorusError, errnoOf } from '../core/errors.ts';
import type { AfterRead } from '../core/model/activity.ts';
import { displayPath, fsError, isPlainFileName } from './common.ts';
import { moveWithoutClobber } from './place.ts';
import type { ConnectorContext } from './types.ts';

/** Rejects a rename pattern that would leave the folder, before anything is read. */
export function checkAfterRead(afterRead: AfterRead): void {
  if (afterRead.action === 'rename' && /[/\\]/.test(afterRead.to)) {
    throw new ChorusError('OPERATION_INVALID', `after-read rename "${afterRead.to}" must be a file name without folders; use move to change folder`);
  }
}

/** `[file]` is the whole name, `[name]` the name without extension, `[ext]` the extension without its dot. */
function renamedFile(pattern: string, file: string): string {
  const ext = path.extname(file);
  const parts: Record<string, string> = { file, name: file.slice(0, file.length - ext.length), ext: ext.slice(1) };
  return pattern.replace(/\[(file|name|ext)\]/g, (_, key: string) => parts[key] ?? '');
}

/**
 * Applies an after-read action to `file` in `dir`. Rename and move never replace an existing
 * file: they add a counter (`name-1.ext`) instead.
 */
export async function applyAfterRead(ctx: ConnectorContext, dir: string, file: string, afterRead: AfterRead): Promise<void> {
  const from = path.join(dir, file);
  const shown = displayPath(ctx, from);
  /** `action` reads after "could not", e.g. `move in/a.csv to in/archive`. */
  const attempt = async (action: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      throw fsError(errnoOf(err) === 'ENOENT' ? 'SOURCE_NOT_FOUND' : 'SOURCE_UNREADABLE', err, `could not ${action}`, shown);
    }
  };

  switch (afterRead.action) {
    case 'keep':
      return;
    case 'delete':
      // force: a file already gone is what delete wanted.
      return attempt(`delete ${shown}`, () => fs.rm(from, { force: true }));
    case 'rename': {
      const to = renamedFile(afterRead.to, file);
      if (!isPlainFileName(to)) {
        throw new ChorusError('OPERATION_INVALID', `after-read rename of ${shown} gives "${to}", which is not a file name`, { file: shown });
      }
      if (to === file) return;
      return attempt(`rename ${shown} to "${to}"`, () => moveWithoutClobber(from, dir, to));
    }
    case 'move': {
      const into = path.resolve(dir, afterRead.folder);
      if (into === dir) return;
      return attempt(`move ${shown} to ${displayPath(ctx, into)}`, async () => {
        await fs.mkdir(into, { recursive: true });
        await moveWithoutClobber(from, into, file);
      });
    }
  }
}
