import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project fixtures shared by the engine's tests (engine/test/fixtures). */
export const fixturesDir = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

/** Temporary folders for one test file; `cleanup` removes them all. */
export function tempFolders() {
  const made: string[] = [];
  return {
    async make(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), 'chorus-test-'));
      made.push(dir);
      return dir;
    },
    /** A fresh copy of a fixture, safe to change. */
    async fixture(name: string): Promise<string> {
      const dir = join(await this.make(), name);
      await cp(join(fixturesDir, name), dir, { recursive: true });
      return dir;
    },
    async cleanup(): Promise<void> {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** Every folder and file under `dir`, with the files' text, to show that nothing on disk changed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = entry.isFile() ? await readFile(path, 'utf8') : entry.isDirectory() ? '(folder)' : '(other)';
  }
  return out;
}
