import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempFolders } from '../project/test-helpers.ts';
import { sha256 } from './client.ts';
import { clone } from './clone.ts';
import type { SyncError } from './errors.ts';
import { readLocalFiles } from './local.ts';
import { pull } from './pull.ts';
import { push } from './push.ts';
import { addRemote } from './remote.ts';
import { resolve } from './resolve.ts';
import { readState, syncDir } from './state.ts';
import { status } from './status.ts';
import { backends, editJson, readJson, removeFile, sampleProject, startTestServer, type TestServer } from '../../test/sync-server.ts';

const folders = tempFolders();
afterEach(() => folders.cleanup());

/** Two folders of one project: `a` pushed it first, `b` cloned it. */
async function twoClients(server: TestServer, name = `p-${Math.random().toString(36).slice(2)}`) {
  const options = { token: server.token };
  const a = await sampleProject(join(await folders.make(), 'a'), name);
  await addRemote(a, server.url);
  await push(a, { ...options, message: 'first' });
  const b = join(await folders.make(), 'b');
  await clone(server.url, name, b, options);
  return { a, b, options };
}


describe.each(backends)('two clients on $name', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server?.close());

  it('concurrent pushes on the same base: exactly one wins, the other merges and pushes, nothing is lost', async () => {
    const { a, b, options } = await twoClients(server);
    await editJson(a, 'operations/convert.json', (d) => (d.description = 'from a'));
    await editJson(b, 'operations/export.json', (d) => (d.name = 'Export all'));
    await editJson(b, 'operations/convert.json', (d) => (d.name = 'Convert orders'));
    const results = await Promise.allSettled([push(a, options), push(b, options)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.findIndex((r) => r.status === 'rejected');
    expect(((results[lost] as PromiseRejectedResult).reason as SyncError).code).toBe('SYNC_HEAD_MOVED');

    const loser = lost === 0 ? a : b;
    const winner = lost === 0 ? b : a;
    const retried = await push(loser, { ...options, merge: true });
    expect(retried.merges).toHaveLength(1);
    expect(retried.revision?.seq).toBe(3);
    await pull(winner, options);
    expect(await readLocalFiles(a)).toEqual(await readLocalFiles(b));
    expect(await readJson(a, 'operations/convert.json')).toMatchObject({ name: 'Convert orders', description: 'from a' });
    expect(await readJson(a, 'operations/export.json')).toMatchObject({ name: 'Export all' });
    expect((await status(a, options)).summary).toBe('in sync');
    expect((await status(b, options)).summary).toBe('in sync');
  });
});

describe('sync with a repository on sqlite', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('clones, edits, pushes and pulls between two folders, transferring only changed components', async () => {
    const { a, b, options } = await twoClients(server);
    expect(await readLocalFiles(b)).toEqual(await readLocalFiles(a));
    expect((await status(b, options)).summary).toBe('in sync');
    // Local state is never synced or cloned.
    expect(await readFile(join(b, '.gitignore'), 'utf8')).toBe('.chorus/\n');

    await editJson(b, 'operations/convert.json', (d) => (d.name = 'Convert orders'));
    const local = await status(b, options);
    expect(local.summary).toBe('ahead');
    expect(local.changes).toEqual([{ path: 'operations/convert.json', change: 'modified' }]);
    const pushed = await push(b, { ...options, message: 'rename' });
    expect(pushed).toMatchObject({ revision: { seq: 2 }, uploaded: 1, createdProject: false });
    expect(await push(b, options)).toMatchObject({ revision: null, uploaded: 0 });

    expect((await status(a, options)).summary).toBe('behind');
    const pulled = await pull(a, options);
    expect(pulled).toMatchObject({ revision: { seq: 2 }, downloaded: 1, written: ['operations/convert.json'], deleted: [], conflicts: [] });
    expect(pulled.snapshot).toBeUndefined();
    expect(await readJson(a, 'operations/convert.json')).toMatchObject({ name: 'Convert orders' });
    expect(await pull(a, options)).toMatchObject({ upToDate: true, downloaded: 0 });

    // A rename on one side and an edit on the other both survive; script lines merge.
    await editJson(a, 'operations/export.json', (d) => (d.name = 'Export everything'));
    await writeText(a, 'scripts/clean.chs', 'a = 10;\nb = 2;\nc = 3;\nd = 4;\n');
    await push(a, options);
    await editJson(b, 'operations/export.json', (d) => (d.description = 'nightly'));
    await writeText(b, 'scripts/clean.chs', 'a = 1;\nb = 2;\nc = 3;\nd = 40;\n');
    await removeFile(b, 'operations/convert.json');
    expect((await status(b, options)).summary).toBe('diverged');
    const merged = await pull(b, options);
    expect(merged.conflicts).toEqual([]);
    expect(merged.snapshot).toBeDefined();
    expect(await readJson(b, 'operations/export.json')).toMatchObject({ name: 'Export everything', description: 'nightly' });
    expect(await readFile(join(b, 'scripts/clean.chs'), 'utf8')).toBe('a = 10;\nb = 2;\nc = 3;\nd = 40;\n');
    // Local work was snapshotted before merging.
    const snapshot = JSON.parse(await readFile(join(merged.snapshot!, 'snapshot.json'), 'utf8'));
    expect(snapshot.changes).toContainEqual({ path: 'operations/convert.json', change: 'deleted' });
    expect(await readFile(join(merged.snapshot!, 'scripts/clean.chs'), 'utf8')).toBe('a = 1;\nb = 2;\nc = 3;\nd = 40;\n');

    await push(b, options);
    await pull(a, options);
    expect(await readLocalFiles(a)).toEqual(await readLocalFiles(b));
    expect((await readLocalFiles(a)).has('operations/convert.json')).toBe(false);
  });

  it('keeps conflicts until resolved with --mine, --theirs or --file, and refuses to push meanwhile', async () => {
    const { a, b, options } = await twoClients(server);
    await editJson(a, 'operations/convert.json', (d) => ((d.name = 'Theirs'), (d.description = 'kept')));
    await editJson(a, 'operations/export.json', (d) => (d.name = 'Export theirs'));
    await writeText(a, 'scripts/clean.chs', 'a = 1;\nb = 20;\nc = 3;\nd = 4;\n');
    await push(a, options);
    await editJson(b, 'operations/convert.json', (d) => (d.name = 'Mine'));
    await editJson(b, 'operations/export.json', (d) => (d.name = 'Export mine'));
    await writeText(b, 'scripts/clean.chs', 'a = 1;\nb = 200;\nc = 3;\nd = 4;\n');

    await expect(push(b, options)).rejects.toMatchObject({ code: 'SYNC_HEAD_MOVED' });
    await expect(push(b, { ...options, merge: true })).rejects.toMatchObject({ code: 'SYNC_CONFLICTS' });
    const st = await status(b, options);
    expect(st.summary).toBe('conflicts');
    expect(st.conflicts).toEqual([
      { component: 'operations/convert', details: ['operations/convert.json: $.name'] },
      { component: 'operations/export', details: ['operations/export.json: $.name'] },
      { component: 'scripts/clean', details: ['scripts/clean.chs: line 2'] },
    ]);
    // My side stays in the folder; both candidates are kept.
    expect(await readJson(b, 'operations/convert.json')).toMatchObject({ name: 'Mine', description: 'kept' });
    expect(JSON.parse(await readFile(join(syncDir(b), 'conflicts/operations/convert.json.theirs'), 'utf8'))).toMatchObject({ name: 'Theirs', description: 'kept' });
    await expect(push(b, options)).rejects.toMatchObject({ code: 'SYNC_CONFLICTS' });
    await expect(pull(b, options)).rejects.toMatchObject({ code: 'SYNC_CONFLICTS' });

    const snapshots = async () => readdir(join(syncDir(b), 'snapshots'));
    expect(await snapshots()).toHaveLength(1);
    await resolve(b, 'operations/convert', { take: 'theirs' });
    // My side, overwritten by --theirs, stays in a snapshot.
    const kept = (await snapshots()).sort().at(-1)!;
    expect(JSON.parse(await readFile(join(syncDir(b), 'snapshots', kept, 'operations/convert.json'), 'utf8'))).toMatchObject({ name: 'Mine' });
    await resolve(b, 'operations/export.json', { take: 'mine' });
    const handMade = join(await folders.make(), 'clean.chs');
    await writeText(handMade, '', 'a = 1;\nb = 220;\nc = 3;\nd = 4;\n');
    await expect(resolve(b, 'operations/convert', { take: 'mine' })).rejects.toMatchObject({ code: 'SYNC_INVALID' });
    await resolve(b, 'scripts/clean', { file: handMade });
    expect(await readdir(join(syncDir(b), 'conflicts', 'operations'))).toEqual([]);
    expect((await status(b, options)).summary).toBe('ahead');

    await push(b, options);
    await pull(a, options);
    expect(await readLocalFiles(a)).toEqual(await readLocalFiles(b));
    expect(await readJson(a, 'operations/convert.json')).toMatchObject({ name: 'Theirs', description: 'kept' });
    expect(await readJson(a, 'operations/export.json')).toMatchObject({ name: 'Export mine' });
    expect(await readFile(join(a, 'scripts/clean.chs'), 'utf8')).toBe('a = 1;\nb = 220;\nc = 3;\nd = 4;\n');
  });

  it('reports a component deleted on one side and edited on the other, and resolves it either way', async () => {
    const { a, b, options } = await twoClients(server);
    await removeFile(a, 'scripts/clean.json');
    await removeFile(a, 'scripts/clean.chs');
    await editJson(a, 'operations/export.json', (d) => (d.name = 'Gone'));
    await removeFile(a, 'operations/export.json');
    await push(a, options);
    await writeText(b, 'scripts/clean.chs', 'changed\n');
    await editJson(b, 'operations/export.json', (d) => (d.description = 'edited'));
    const merged = await pull(b, options);
    expect(merged.conflicts).toEqual([
      { component: 'operations/export', details: ['operations/export: changed here, deleted in the repository'] },
      { component: 'scripts/clean', details: ['scripts/clean: changed here, deleted in the repository'] },
    ]);
    await resolve(b, 'scripts/clean', { take: 'theirs' });
    await resolve(b, 'operations/export', { take: 'mine' });
    const files = await readLocalFiles(b);
    expect(files.has('scripts/clean.chs') || files.has('scripts/clean.json')).toBe(false);
    expect(await readJson(b, 'operations/export.json')).toMatchObject({ description: 'edited' });
    await push(b, options);
    await pull(a, options);
    expect(await readLocalFiles(a)).toEqual(await readLocalFiles(b));
  });

  it('works offline: status and resolve need no server; a failed push loses nothing and succeeds later', async () => {
    const { a, b, options } = await twoClients(server);
    await editJson(a, 'operations/convert.json', (d) => (d.name = 'Theirs'));
    await push(a, options);
    await editJson(b, 'operations/convert.json', (d) => (d.name = 'Mine'));
    await pull(b, options);
    await server.stop();
    try {
      const st = await status(b, options);
      expect(st.summary).toBe('conflicts');
      expect(st.offline).toMatch(/cannot reach/);
      await resolve(b, 'operations/convert', { take: 'mine' });
      await editJson(b, 'operations/export.json', (d) => (d.description = 'offline edit'));
      const before = await readLocalFiles(b);
      const stateBefore = await readState(b);
      await expect(push(b, options)).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
      await expect(pull(b, options)).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
      expect(await readLocalFiles(b)).toEqual(before);
      expect(await readState(b)).toEqual(stateBefore);
      expect((await status(b, { ...options, offline: true })).summary).toBe('ahead');
    } finally {
      await server.restart();
    }
    expect(await push(b, options)).toMatchObject({ revision: { seq: 3 } });
    await pull(a, options);
    expect(await readJson(a, 'operations/convert.json')).toMatchObject({ name: 'Mine' });
    expect(await readJson(a, 'operations/export.json')).toMatchObject({ description: 'offline edit' });
  });

  it('refuses a revision naming files outside the project (local state, data), writing nothing', async () => {
    const { a, b, options } = await twoClients(server);
    const state = await readState(a);
    const evil = '{"pwned":true}\n';
    const api = (path: string, init: RequestInit) =>
      fetch(`${server.url}/api/v1/orgs/default${path}`, { ...init, headers: { authorization: `Bearer ${server.token}`, ...(init.headers as Record<string, string>) } });
    await api(`/blobs/${sha256(evil)}`, { method: 'PUT', body: evil, headers: { 'content-type': 'application/octet-stream' } });
    const reply = await api(`/projects/${state.project}/revisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ parent: state.base.revision, message: 'evil', manifest: { ...state.base.manifest, '.chorus/sync/state.json': sha256(evil) } }),
    });
    expect(reply.status).toBe(201);
    const before = await readLocalFiles(b);
    await expect(pull(b, options)).rejects.toMatchObject({ code: 'SYNC_INVALID' });
    expect(await readLocalFiles(b)).toEqual(before);
    expect((await readState(b)).base.seq).toBe(1);
  });

  it('creates the project on the first push and refuses a second project of the same name', async () => {
    const name = `p-${Math.random().toString(36).slice(2)}`;
    const a = await sampleProject(join(await folders.make(), 'a'), name);
    await addRemote(a, `${server.url}/api/v1/`);
    expect((await readState(a)).url).toBe(server.url);
    await expect(addRemote(a, server.url)).rejects.toMatchObject({ code: 'SYNC_INVALID' });
    expect((await status(a, { token: server.token })).summary).toBe('ahead');
    const first = await push(a, { token: server.token });
    expect(first).toMatchObject({ createdProject: true, revision: { seq: 1 } });
    // Contents are stored once per organisation: the sample's components were uploaded by earlier tests.
    expect(first.uploaded).toBeGreaterThanOrEqual(1);
    const c = await sampleProject(join(await folders.make(), 'c'), name);
    await addRemote(c, server.url);
    await expect(push(c, { token: server.token })).rejects.toMatchObject({ code: 'SYNC_INVALID' });
    await expect(clone(server.url, name, a, { token: server.token })).rejects.toMatchObject({ code: 'SYNC_INVALID' });
    await editJson(a, 'operations/convert.json', (d) => (d.name = 'Changed'));
    await expect(push(a, { token: 'chorus_wrong' })).rejects.toMatchObject({ code: 'SYNC_REMOTE', remote: { status: 401, code: 'UNAUTHORIZED' } });
    expect((await status(a, { token: server.token })).summary).toBe('ahead');
  });
});

async function writeText(dir: string, path: string, text: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path ? join(dir, path) : dir, text);
}
