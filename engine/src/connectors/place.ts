import fs from 'node:fs/promises';
import path from 'node:path';
import { ChorusError, errnoOf } from '../core/errors.ts';

const MAX_COUNTER = 10_000;
/** link() errors meaning "no hard link possible here" (another device, FAT, some network shares). */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** `orders.csv` with counter 0, 1, 2... gives `orders.csv`, `orders-1.csv`, `orders-2.csv`. */
export function numberedName(name: string, counter: number): string {
  if (counter === 0) return name;
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)}-${counter}${ext}`;
}

/**
 * Moves file `from` into `dir` as `name`, or `name-1.ext`, `name-2.ext`... when the name is
 * taken, and returns the path used. Never replaces an existing file, even one created
 * concurrently: a hard link fails on an existing name where rename would replace it.
 */
export async function moveWithoutClobber(from: string, dir: string, name: string): Promise<string> {
  for (let counter = 0; counter < MAX_COUNTER; counter++) {
    const to = path.join(dir, numberedName(name, counter));
    try {
      await placeAt(from, to);
      return to;
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw err;
    }
  }
  const last = numberedName(name, MAX_COUNTER - 1);
  throw new ChorusError('TARGET_EXISTS', `every name from ${name} to ${last} is taken in ${dir}`, { file: path.join(dir, name) });
}

async function placeAt(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (err) {
    if (!NO_LINK.has(errnoOf(err) ?? '')) throw err;
    // No hard link possible: claim the name exclusively, then copy (never replaces, not atomic).
    await (await fs.open(to, 'wx')).close();
    try {
      await fs.copyFile(from, to);
    } catch (copyErr) {
      await fs.rm(to, { force: true });
      throw copyErr;
    }
  }
  try {
    await fs.unlink(from);
  } catch (err) {
    await fs.rm(to, { force: true }); // the file must not end up in two places
    throw err;
  }
}
