import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChorusError } from '../core/errors.ts';
import type { Problem } from '../core/problems.ts';
import { loadProject, saveProject } from './store.ts';
import { snapshot, tempFolders } from './test-helpers.ts';

const temp = tempFolders();
afterEach(() => temp.cleanup());

/** Changes one JSON file of the fixture. */
async function edit(dir: string, file: string, change: (doc: Record<string, unknown>) => void): Promise<void> {
  const doc = JSON.parse(await readFile(join(dir, file), 'utf8'));
  change(doc);
  await writeFile(join(dir, file), JSON.stringify(doc, null, 2));
}

const cases: { name: string; spoil: (dir: string) => Promise<void>; expected: Partial<Problem> }[] = [
  {
    name: 'malformed JSON, with line and column',
    spoil: (dir) => writeFile(join(dir, 'endpoints/outbox.json'), '{\n  "id": "outbox",\n  "name": "Outbox",,\n}\n'),
    expected: { code: 'PROJECT_JSON_SYNTAX', file: 'endpoints/outbox.json', path: '$', line: 3, column: 20 },
  },
  {
    name: 'an unknown field',
    spoil: (dir) => edit(dir, 'endpoints/outbox.json', (doc) => (doc.bogus = 1)),
    expected: { code: 'PROJECT_INVALID', file: 'endpoints/outbox.json', path: '$.bogus' },
  },
  {
    name: 'a missing referenced component',
    spoil: (dir) => edit(dir, 'activities/write-orders.json', (doc) => (doc.endpoint = 'nowhere')),
    expected: { code: 'PROJECT_REFERENCE_MISSING', file: 'activities/write-orders.json', path: '$.endpoint' },
  },
  {
    name: 'two components of a kind with the same name (ignoring case and spaces)',
    spoil: (dir) => edit(dir, 'endpoints/outbox.json', (doc) => (doc.name = 'INBOX ')),
    expected: { code: 'PROJECT_DUPLICATE_NAME', file: 'endpoints/outbox.json', path: '$.name' },
  },
  {
    name: 'an unknown endpoint kind',
    spoil: (dir) => edit(dir, 'endpoints/outbox.json', (doc) => (doc.kind = 'carrier-pigeon')),
    expected: { code: 'ENDPOINT_KIND_UNKNOWN', file: 'endpoints/outbox.json', path: '$.kind' },
  },
  {
    name: 'an id that does not match the file name',
    spoil: (dir) => rename(join(dir, 'endpoints/outbox.json'), join(dir, 'endpoints/out.json')),
    expected: { code: 'PROJECT_INVALID', file: 'endpoints/out.json', path: '$.id' },
  },
  {
    name: "a missing script's text file",
    spoil: (dir) => rm(join(dir, 'scripts/notify.chs')),
    expected: { code: 'PROJECT_REFERENCE_MISSING', file: 'scripts/notify.json', path: '$' },
  },
  {
    name: 'a format newer than this engine reads',
    spoil: (dir) => edit(dir, 'chorus.json', (doc) => (doc.formatVersion = 2)),
    expected: { code: 'PROJECT_FORMAT_TOO_NEW', file: 'chorus.json', path: '$.formatVersion' },
  },
];

describe('loading bad input', () => {
  for (const c of cases) {
    it(`reports ${c.name} and changes nothing on disk`, async () => {
      const dir = await temp.fixture('valid-v1');
      await c.spoil(dir);
      const before = await snapshot(dir);
      const loaded = await loadProject(dir);
      expect(loaded.problems).toContainEqual(expect.objectContaining({ severity: 'error', ...c.expected }));
      expect(await snapshot(dir)).toEqual(before);
    });
  }

  it('refuses a newer format outright: no project to edit or save', async () => {
    const dir = await temp.fixture('valid-v1');
    await edit(dir, 'chorus.json', (doc) => (doc.formatVersion = 2));
    const loaded = await loadProject(dir);
    expect(loaded.project).toBeUndefined();
    expect(loaded.formatVersion).toBe(2);
    expect(loaded.problems[0].message).toMatch(/newer Chorus/);
  });

  it('rejects a missing folder with PROJECT_NOT_FOUND naming the folder', async () => {
    const dir = join(await temp.make(), 'nothing-here');
    const err = await loadProject(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChorusError);
    expect(err).toMatchObject({ code: 'PROJECT_NOT_FOUND', location: { file: dir } });
  });
});

describe('a failing save', () => {
  it('reports PROJECT_WRITE_FAILED with the file and leaves every existing file untouched', async () => {
    const dir = await temp.fixture('valid-v1');
    // A file where the tests folder should be: creating it fails (chmod would not stop root).
    await rm(join(dir, 'tests'), { recursive: true });
    await writeFile(join(dir, 'tests'), 'not a folder');
    const loaded = await loadProject(dir);
    const project = loaded.project!;
    const before = await snapshot(dir);

    project.endpoints[0] = { ...project.endpoints[0], name: 'Renamed inbox' };
    project.tests.push({ id: 'smoke', name: 'Smoke', operation: 'import-orders' });
    const err = await saveProject(dir, project, loaded).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PROJECT_WRITE_FAILED', location: { file: 'tests/smoke.json' } });
    expect(await snapshot(dir)).toEqual(before);
  });
});
