import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stageFile, writeFileAtomic } from './atomic.ts';
import { tempFolders } from './test-helpers.ts';

const temp = tempFolders();
afterEach(() => temp.cleanup());

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temporary file behind', async () => {
    const dir = await temp.make();
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, 'one\n');
    await writeFileAtomic(file, 'two\n');
    expect(await readFile(file, 'utf8')).toBe('two\n');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('keeps the mode of the file it replaces, or uses the one given', async () => {
    const dir = await temp.make();
    const file = join(dir, 'a.json');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    await writeFileAtomic(file, 'new');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    await writeFileAtomic(file, 'secret', { mode: 0o600 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('fails without touching the target or leaving a temporary file when the rename fails', async () => {
    const dir = await temp.make();
    const target = join(dir, 'taken');
    await mkdir(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readdir(target)).toEqual(['inside']);
  });

  it('fails when the folder does not exist', async () => {
    const dir = await temp.make();
    await expect(writeFileAtomic(join(dir, 'missing', 'a.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('stageFile', () => {
  it('writes nothing visible until committed, and discard removes the temporary file', async () => {
    const dir = await temp.make();
    const file = join(dir, 'a.json');
    await writeFile(file, 'old');
    const staged = await stageFile(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('old');
    const [tempName] = (await readdir(dir)).filter((n) => n !== 'a.json');
    expect(tempName).toMatch(/^\.a\.json\.[0-9a-f]+\.tmp$/);
    await staged.discard();
    expect(await readdir(dir)).toEqual(['a.json']);
    expect(await readFile(file, 'utf8')).toBe('old');
  });
});
