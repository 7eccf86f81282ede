import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project fixtures shared by the engine's tests (engine/test/fixtures). */
export const fixturesDir = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));

/** What loading the valid-v1 fixture reports: only that its formula cannot run in this version. */
export const validV1Problems = [
  {
    severity: 'warning',
    code: 'FORMULA_UNAVAILABLE',
    file: 'transformations/shop-to-warehouse.json',
    path: '$.fields[2].fields[0].formula',
    message: 'formulas need the script language, which this version does not have yet; a run of this transformation fails',
  },
];

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
