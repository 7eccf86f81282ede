import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templatesDir } from '../cli/commands/new.ts';
import { chorus, snapshot } from './test-support.ts';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'chorus-examples-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('every example ships with tests that pass', async () => {
  for (const name of await readdir(templatesDir)) {
    it(name, async () => {
      // A copy, so a regression that wrote somewhere could never touch the repository.
      const dir = path.join(work, name);
      await cp(path.join(templatesDir, name), dir, { recursive: true });
      const before = await snapshot(dir);
      const r = await chorus(work, ['test', name]);
      expect(r.stderr).toBe('');
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
      expect(r.code).toBe(0);
      expect(await snapshot(dir)).toEqual(before);
    });
  }
});
