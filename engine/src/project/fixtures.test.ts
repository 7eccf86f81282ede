import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { componentKindNames } from '../core/model/project.ts';
import { loadProject, saveProject } from './store.ts';
import { snapshot, tempFolders } from './test-helpers.ts';

const temp = tempFolders();
afterEach(() => temp.cleanup());

describe('fixture valid-v1', () => {
  it('loads without problems and has every kind of component', async () => {
    const loaded = await loadProject(await temp.fixture('valid-v1'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.formatVersion).toBe(1);
    for (const kind of componentKindNames) expect(loaded.project?.[kind].length, kind).toBeGreaterThan(0);
    const project = loaded.project!;
    expect(project.activities.map((a) => a.type).sort()).toEqual(['read', 'write']);
    expect(project.variables.some((v) => v.secret)).toBe(true);
    expect(project.scripts.find((s) => s.id === 'notify')?.source).toContain('WriteToOperationLog');
  });

  it('round-trips: a save right after a load writes and deletes nothing', async () => {
    const dir = await temp.fixture('valid-v1');
    const before = await snapshot(dir);
    const loaded = await loadProject(dir);
    const result = await saveProject(dir, loaded.project!, loaded);
    expect(result.written).toEqual([]);
    expect(result.deleted).toEqual([]);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('fixture format-v0', () => {
  it('migrates to the current format on load, with no problems', async () => {
    const loaded = await loadProject(await temp.fixture('format-v0'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.formatVersion).toBe(0);
    expect(loaded.project?.manifest).toEqual({ formatVersion: 1, id: 'legacy0001', name: 'Legacy import' });
    expect(loaded.project?.endpoints).toEqual([{ id: 'drop', name: 'Drop folder', kind: 'file', settings: { folder: 'drop' } }]);
  });

  it('is written in format 1 by a save, touching only the files that changed', async () => {
    const dir = await temp.fixture('format-v0');
    const loaded = await loadProject(dir);
    const result = await saveProject(dir, loaded.project!, loaded);
    expect(result.written).toEqual(['chorus.json', 'endpoints/drop.json']);
    expect(result.deleted).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'chorus.json'), 'utf8'))).toEqual({ formatVersion: 1, id: 'legacy0001', name: 'Legacy import' });
    expect(await readFile(join(dir, 'endpoints/drop.json'), 'utf8')).not.toContain('"type"');

    const reloaded = await loadProject(dir);
    expect(reloaded.formatVersion).toBe(1);
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.project).toEqual(loaded.project);
  });
});
