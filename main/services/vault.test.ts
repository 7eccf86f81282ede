import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../engine/src/vault/memory-vault.ts';
import { tempDir } from '../test/fixtures.ts';
import { EventHub } from './events.ts';
import { ProjectService } from './projects.ts';
import { SettingsService } from './settings.ts';
import { VaultService } from './vault.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let folder: string;
let projectId: string;
beforeEach(async () => {
  tmp = await tempDir();
  folder = path.join(tmp.dir, 'p');
  const projects = new ProjectService({ settings: new SettingsService(path.join(tmp.dir, 'home')), events: new EventHub() });
  const created = await projects.createFromTemplate({ folder, name: 'P' });
  projectId = created.project!.manifest.id;
  await projects.save({
    folder,
    changes: [
      { op: 'write', kind: 'variables', doc: { id: 'api-token', name: 'apiToken', secret: true } },
      { op: 'write', kind: 'variables', doc: { id: 'region', name: 'region', default: 'eu' } },
    ],
  });
});
afterEach(() => tmp.cleanup());

describe('VaultService', () => {
  it('stores a secret variable under the key the CLI uses, and never returns it', async () => {
    const vault = new MemoryVault();
    const service = new VaultService(async () => vault);
    expect(await service.has({ folder, variable: 'apiToken' })).toEqual({ has: false });
    expect(await service.set({ folder, variable: 'apiToken', value: 's3cret' })).toEqual({});
    expect(await vault.get(`${projectId}/variable:apiToken`)).toBe('s3cret');
    expect(await service.has({ folder, variable: 'apiToken' })).toEqual({ has: true });
    await service.delete({ folder, variable: 'apiToken' });
    expect(await vault.keys()).toEqual([]);
  });

  it('refuses a variable that is not secret', async () => {
    const vault = new MemoryVault();
    const service = new VaultService(async () => vault);
    await expect(service.set({ folder, variable: 'region', value: 'x' })).rejects.toMatchObject({ code: 'NOT_A_SECRET', field: 'variable' });
    await expect(service.set({ folder, variable: 'nope', value: 'x' })).rejects.toMatchObject({ code: 'NOT_A_SECRET' });
    expect(await vault.keys()).toEqual([]);
  });
});
