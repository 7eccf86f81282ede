import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { errnoOf } from '../../engine/src/core/errors.ts';
import type { RequestOf, ResponseOf } from '../../preload/contract.ts';
import { HostError } from './host-error.ts';

/**
 * The browser host's folder "dialog": the renderer shows a text field and sends what the
 * user typed; this checks it the way a native dialog would (an existing folder to open; a
 * new or empty folder, in an existing parent, to create a project in).
 */
export async function chooseTypedFolder({ purpose, typed }: RequestOf<'dialogs', 'chooseFolder'>): Promise<ResponseOf<'dialogs', 'chooseFolder'>> {
  if (typed === undefined) throw new HostError('DIALOG_NEEDS_PATH', 'this host has no folder dialog: type the folder path', 'typed');
  const trimmed = typed.trim();
  if (trimmed === '') return { folder: null };
  const folder = path.resolve(trimmed.replace(/^~(?=$|[\\/])/, homedir()));
  const info = await stat(folder).catch((err: unknown) => {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw err;
  });
  if (purpose === 'open') {
    if (!info?.isDirectory()) throw new HostError('FOLDER_NOT_FOUND', `${folder} is not a folder`, 'typed');
    return { folder };
  }
  if (info && (!info.isDirectory() || (await readdir(folder)).length > 0)) throw new HostError('FOLDER_NOT_FOUND', `${folder} exists and is not an empty folder`, 'typed');
  const parent = await stat(path.dirname(folder)).catch(() => undefined);
  if (!parent?.isDirectory()) throw new HostError('FOLDER_NOT_FOUND', `${path.dirname(folder)} does not exist`, 'typed');
  return { folder };
}
