import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/fixtures.ts';
import { watchFolder } from './watch.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  tmp = await tempDir();
  await mkdir(path.join(tmp.dir, 'operations'));
});
afterEach(() => tmp.cleanup());

describe('watchFolder', () => {
  it('reports a burst of changes once, with relative paths, leaving out temporary files and local state', async () => {
    const batches: string[][] = [];
    const stop = watchFolder(tmp.dir, (files) => batches.push(files), 100);
    try {
      await mkdir(path.join(tmp.dir, '.chorus'));
      await writeFile(path.join(tmp.dir, '.chorus/state.json'), '{}');
      await writeFile(path.join(tmp.dir, 'operations/.a.json.1f2e3d.tmp'), '{}');
      await writeFile(path.join(tmp.dir, 'operations/a.json'), '{}');
      await writeFile(path.join(tmp.dir, 'chorus.json'), '{}');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(batches).toEqual([['chorus.json', 'operations/a.json']]);
    } finally {
      stop();
    }
  });

  it('reports nothing once stopped', async () => {
    const batches: string[][] = [];
    watchFolder(tmp.dir, (files) => batches.push(files), 20)();
    await writeFile(path.join(tmp.dir, 'chorus.json'), '{}');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(batches).toEqual([]);
  });
});
