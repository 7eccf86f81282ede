import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { clone } from '../../engine/src/sync/clone.ts';
import { tokenKey } from '../../engine/src/sync/connect.ts';
import { push } from '../../engine/src/sync/push.ts';
import { addRemote } from '../../engine/src/sync/remote.ts';
import { MemoryVault } from '../../engine/src/vault/memory-vault.ts';
import { editJson, readJson, sampleProject, startTestServer, type TestServer } from '../../engine/test/sync-server.ts';
import type { StudioEvent } from '../../preload/contract.ts';
import { tempDir } from '../test/fixtures.ts';
import { EventHub } from './events.ts';
import { SyncService } from './sync.ts';

let server: TestServer;
let tmp: { dir: string; cleanup: () => Promise<void> };
let service: SyncService;
let events: StudioEvent[];
let mine: string;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  tmp = await tempDir();
  const hub = new EventHub();
  events = [];
  hub.on((e) => events.push(e));
  // The token comes from the studio's vault, under the key the CLI uses.
  const vault = new MemoryVault();
  await vault.set(tokenKey(server.url), server.token);
  service = new SyncService({ events: hub, vault: async () => vault });
  mine = await sampleProject(path.join(tmp.dir, 'mine'), `P-${path.basename(tmp.dir)}`);
  await addRemote(mine, server.url);
});
afterEach(() => tmp.cleanup());

/** A second designer: a clone of the project, edited and pushed from the CLI side. */
async function theirEdit(edit: (dir: string) => Promise<void>): Promise<void> {
  const status = await service.status({ folder: mine });
  const theirs = path.join(tmp.dir, `theirs-${events.length}`);
  await clone(server.url, status.remote!.project!, theirs, { token: server.token });
  await edit(theirs);
  await push(theirs, { token: server.token, message: 'their edit' });
}

describe('SyncService', () => {
  it('says when a folder is not connected', async () => {
    const plain = await sampleProject(path.join(tmp.dir, 'plain'), 'Plain');
    expect(await service.status({ folder: plain })).toMatchObject({ state: 'not connected', changes: [], conflicts: [] });
    await expect(service.pull({ folder: plain })).rejects.toMatchObject({ code: 'SYNC_NOT_CONFIGURED' });
  });

  it('pushes, then follows the folder through ahead, diverged and in sync', async () => {
    expect((await service.status({ folder: mine })).state).toBe('ahead');
    const pushed = await service.push({ folder: mine, message: 'first' });
    expect(pushed).toMatchObject({ createdProject: true, revision: { seq: 1 }, merges: 0 });
    expect(events).toEqual([{ type: 'sync.changed', folder: mine }]);
    expect(await service.status({ folder: mine })).toMatchObject({ state: 'in sync', head: { seq: 1 }, changes: [] });

    await editJson(mine, 'operations/export.json', (d) => (d.name = 'Export here'));
    expect(await service.status({ folder: mine })).toMatchObject({ state: 'ahead', changes: [{ path: 'operations/export.json', change: 'modified' }] });
    await theirEdit((dir) => editJson(dir, 'operations/convert.json', (d) => (d.name = 'Convert there')));
    expect((await service.status({ folder: mine })).state).toBe('diverged');

    // A plain push is refused; with merge, their change comes in and mine goes out.
    await expect(service.push({ folder: mine })).rejects.toMatchObject({ code: 'SYNC_HEAD_MOVED' });
    expect(await service.push({ folder: mine, merge: true })).toMatchObject({ revision: { seq: 3 }, merges: 1 });
    expect((await readJson(mine, 'operations/convert.json')).name).toBe('Convert there');
    expect((await service.status({ folder: mine })).state).toBe('in sync');
  });

  it('shows a conflict as base, mine and theirs, and resolves it with edited content or a side', async () => {
    await service.push({ folder: mine });
    await editJson(mine, 'operations/convert.json', (d) => (d.name = 'Mine'));
    await editJson(mine, 'scripts/clean.json', (d) => (d.name = 'Clean mine'));
    await theirEdit(async (dir) => {
      await editJson(dir, 'operations/convert.json', (d) => (d.name = 'Theirs'));
      await editJson(dir, 'scripts/clean.json', (d) => (d.name = 'Clean theirs'));
    });

    const pulled = await service.pull({ folder: mine });
    expect(pulled.conflicts.map((c) => c.component)).toEqual(['operations/convert', 'scripts/clean']);
    expect(await service.status({ folder: mine })).toMatchObject({ state: 'conflicts', conflicts: [{ component: 'operations/convert', details: ['operations/convert.json: $.name'] }, { component: 'scripts/clean' }] });

    const [convert, clean] = await service.conflicts({ folder: mine });
    const names = (f: { base: string | null; mine: string | null; theirs: string | null }) => [f.base, f.mine, f.theirs].map((t) => (t === null ? null : (JSON.parse(t) as { name: string }).name));
    expect(convert.files).toHaveLength(1);
    expect(convert.files[0]).toMatchObject({ path: 'operations/convert.json', format: 'json' });
    expect(names(convert.files[0])).toEqual(['Convert', 'Mine', 'Theirs']);
    expect(clean.files.map((f) => [f.path, f.format])).toEqual([
      ['scripts/clean.chs', 'text'],
      ['scripts/clean.json', 'json'],
    ]);
    await expect(service.push({ folder: mine })).rejects.toMatchObject({ code: 'SYNC_CONFLICTS' });

    const edited = JSON.stringify({ ...(JSON.parse(convert.files[0].mine!) as object), name: 'Both' });
    await expect(service.resolve({ folder: mine, component: 'operations/convert', choice: 'content', file: 'scripts/clean.json', content: '{}' })).rejects.toMatchObject({ code: 'SYNC_INVALID' });
    expect(await service.resolve({ folder: mine, component: 'operations/convert', choice: 'content', file: 'operations/convert.json', content: edited })).toMatchObject({ written: ['operations/convert.json'] });
    expect(await service.resolve({ folder: mine, component: 'scripts/clean', choice: 'theirs' })).toMatchObject({ component: 'scripts/clean' });
    expect((await readJson(mine, 'operations/convert.json')).name).toBe('Both');
    expect((await readJson(mine, 'scripts/clean.json')).name).toBe('Clean theirs');

    await service.push({ folder: mine, message: 'resolved' });
    expect((await service.status({ folder: mine })).state).toBe('in sync');
    // One per operation that may have changed the folder, refused ones included.
    expect(events.filter((e) => e.type === 'sync.changed')).toHaveLength(7);
  });

  it('lists revisions, gives a revision\'s files, restores one as local changes and deploys', async () => {
    await service.push({ folder: mine, message: 'first' });
    await editJson(mine, 'operations/convert.json', (d) => (d.name = 'Second'));
    await service.push({ folder: mine, message: 'second' });

    const { revisions } = await service.log({ folder: mine });
    expect(revisions.map((r) => [r.seq, r.message, r.base])).toEqual([
      [2, 'second', true],
      [1, 'first', false],
    ]);
    const { files } = await service.revisionFiles({ folder: mine, revision: revisions[1].id });
    expect((JSON.parse(files['operations/convert.json']) as { name: string }).name).toBe('Convert');
    expect(Object.keys(files)).toContain('scripts/clean.chs');

    await editJson(mine, 'operations/export.json', (d) => (d.name = 'Unpushed'));
    expect(await service.restore({ folder: mine, revision: revisions[1].id })).toEqual({ written: ['operations/convert.json', 'operations/export.json'], deleted: [] });
    expect(await readFile(path.join(mine, 'operations/convert.json'), 'utf8')).toBe(files['operations/convert.json']);
    expect(await service.status({ folder: mine })).toMatchObject({ state: 'ahead', changes: [{ path: 'operations/convert.json', change: 'modified' }] });

    expect(await service.deploy({ folder: mine, environment: 'Production' })).toEqual({ environment: 'Production', revision: revisions[0].id, seq: 2 });
  });

  it('answers offline status from local facts and refuses server calls with SYNC_OFFLINE', async () => {
    await service.push({ folder: mine });
    await editJson(mine, 'operations/convert.json', (d) => (d.name = 'Offline edit'));
    await server.stop();
    try {
      const offline = await service.status({ folder: mine });
      expect(offline).toMatchObject({ state: 'offline', changes: [{ path: 'operations/convert.json', change: 'modified' }] });
      expect(offline.reason).toMatch(/cannot reach the repository/);
      await expect(service.pull({ folder: mine })).rejects.toMatchObject({ code: 'SYNC_OFFLINE', status: 422 });
      await expect(service.push({ folder: mine })).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
      await expect(service.log({ folder: mine })).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    } finally {
      await server.restart();
    }
    expect((await service.push({ folder: mine })).revision?.seq).toBe(2);
  });
});
