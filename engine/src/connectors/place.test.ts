import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveWithoutClobber, numberedName } from './place.ts';
import { files, listing, sandbox, type Sandbox } from './test-support.ts';

let box: Sandbox;
beforeEach(async () => {
  box = await sandbox();
});
afterEach(() => box.cleanup());

describe('numberedName', () => {
  it('puts the counter before the extension', () => {
    expect(numberedName('a.csv', 0)).toBe('a.csv');
    expect(numberedName('a.csv', 2)).toBe('a-2.csv');
    expect(numberedName('a.tar.gz', 1)).toBe('a.tar-1.gz');
    expect(numberedName('report', 1)).toBe('report-1');
  });
});

describe('moveWithoutClobber', () => {
  it('takes the first free name and removes the original', async () => {
    await files(box.root, { 'src/a.csv': 'new', 'dst/a.csv': 'old' });
    const to = await moveWithoutClobber(path.join(box.root, 'src', 'a.csv'), path.join(box.root, 'dst'), 'a.csv');
    expect(to).toBe(path.join(box.root, 'dst', 'a-1.csv'));
    expect(await listing(path.join(box.root, 'src'))).toEqual([]);
    expect(await fs.readFile(path.join(box.root, 'dst', 'a.csv'), 'utf-8')).toBe('old');
  });

  // /dev/shm is usually another file system, where a hard link is impossible (EXDEV).
  const otherDevice = (() => {
    try {
      return statSync('/dev/shm').dev !== statSync(process.env.TMPDIR ?? '/tmp').dev;
    } catch {
      return false;
    }
  })();
  it.skipIf(!otherDevice)('copies exclusively across file systems', async () => {
    const shm = await fs.mkdtemp('/dev/shm/chorus-place-');
    try {
      await files(box.root, { 'a.csv': 'across' });
      await files(shm, { 'a.csv': 'there' });
      const to = await moveWithoutClobber(path.join(box.root, 'a.csv'), shm, 'a.csv');
      expect(to).toBe(path.join(shm, 'a-1.csv'));
      expect(await fs.readFile(to, 'utf-8')).toBe('across');
      expect(await fs.readFile(path.join(shm, 'a.csv'), 'utf-8')).toBe('there');
      expect(await listing(box.root)).not.toContain('a.csv');
    } finally {
      await fs.rm(shm, { recursive: true, force: true });
    }
  });

  it('leaves nothing behind when the source is missing', async () => {
    await fs.mkdir(path.join(box.root, 'dst'));
    await expect(moveWithoutClobber(path.join(box.root, 'gone.csv'), path.join(box.root, 'dst'), 'gone.csv')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await listing(path.join(box.root, 'dst'))).toEqual([]);
  });
});
