import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/fixtures.ts';
import { SettingsService, chorusHome } from './settings.ts';

let home: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => (home = await tempDir()));
afterEach(() => home.cleanup());

describe('SettingsService', () => {
  it('starts from defaults and keeps changes in studio-settings.json', async () => {
    const settings = new SettingsService(home.dir);
    expect(await settings.get()).toEqual({ theme: 'light', recentProjects: [] });
    await settings.set({ theme: 'dark' });
    expect(JSON.parse(await readFile(path.join(home.dir, 'studio-settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
    expect((await new SettingsService(home.dir).get()).theme).toBe('dark');
  });

  it('keeps recent projects newest first, without duplicates, under concurrent updates', async () => {
    const settings = new SettingsService(home.dir);
    await Promise.all([settings.rememberProject('/a', 'A'), settings.rememberProject('/b', 'B'), settings.set({ theme: 'dark' })]);
    await settings.rememberProject('/a', 'A renamed');
    const { recentProjects, theme } = await settings.get();
    expect(recentProjects.map((r) => [r.folder, r.name])).toEqual([
      ['/a', 'A renamed'],
      ['/b', 'B'],
    ]);
    expect(theme).toBe('dark');
  });

  it('falls back to defaults when the file is damaged', async () => {
    await writeFile(path.join(home.dir, 'studio-settings.json'), '{ not json');
    expect(await new SettingsService(home.dir).get()).toEqual({ theme: 'light', recentProjects: [] });
  });

  it('lives in $CHORUS_HOME', () => {
    expect(chorusHome({ CHORUS_HOME: '/tmp/x' })).toBe('/tmp/x');
    expect(chorusHome({})).toMatch(/\.chorus$/);
  });
});
