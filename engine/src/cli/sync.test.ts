import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../project/test-helpers.ts';
import { editJson, readJson, sampleProject, startTestServer, type TestServer } from '../../test/sync-server.ts';
import { runChorus } from './test-cli.ts';

const folders = tempFolders();
let server: TestServer;
let work: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
beforeEach(async () => {
  work = await folders.make();
  process.env.CHORUS_TOKEN = server.token;
  // A vault of the test's own, never the user's.
  process.env.CHORUS_HOME = path.join(work, 'home');
  delete process.env.CHORUS_VAULT_PASSPHRASE;
});
afterEach(async () => {
  process.env = { ...savedEnv };
  await folders.cleanup();
});

function chorus(args: string[], stdin = '') {
  return runChorus(args, { cwd: work, stdin });
}

/** `a` pushed first, `b` is a clone. */
async function twoFolders(name = `cli-${Math.random().toString(36).slice(2)}`) {
  await sampleProject(path.join(work, 'a'), name);
  expect((await chorus(['remote', 'add', 'a', server.url])).code).toBe(0);
  const first = await chorus(['push', 'a', '-m', 'first']);
  expect(first.stdout).toContain('created the project in the repository');
  expect(first.stdout).toContain('pushed revision 1');
  const cloned = await chorus(['clone', server.url, name, 'b']);
  expect(cloned.stdout).toMatch(/cloned .* \(revision 1, 5 files\) into b/);
  return name;
}

describe('chorus remote, clone, push, pull, status, log, deploy', () => {
  it('syncs two folders and reports where each stands', async () => {
    await twoFolders();
    expect((await chorus(['status', 'b'])).stdout).toContain('status: in sync (based on revision 1, repository at revision 1)');

    await editJson(path.join(work, 'b'), 'operations/convert.json', (d) => (d.name = 'Convert orders'));
    const ahead = await chorus(['status', 'b']);
    expect(ahead.stdout).toContain('status: ahead');
    expect(ahead.stdout).toContain('modified operations/convert.json');
    const pushed = await chorus(['push', 'b', '-m', 'rename convert']);
    expect(pushed).toMatchObject({ code: 0, stdout: 'pushed revision 2 (1 content uploaded)\n' });
    expect((await chorus(['push', 'b'])).stdout).toBe('b: nothing to push\n');

    expect((await chorus(['status', 'a'])).stdout).toContain('status: behind');
    const pulled = await chorus(['pull', 'a']);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain('a: now at revision 2 (1 content downloaded, 1 file written, 0 deleted)');
    expect(await readJson(path.join(work, 'a'), 'operations/convert.json')).toMatchObject({ name: 'Convert orders' });
    expect((await chorus(['pull', 'a'])).stdout).toBe('a: up to date (revision 2)\n');

    const log = await chorus(['log', 'a']);
    expect(log.stdout.split('\n')[0]).toMatch(/^\s+2 .* admin {2}rename convert {2}<- this folder$/);
    expect(log.stdout).toMatch(/1 .* first/);

    const deployed = await chorus(['deploy', 'a', 'Production']);
    expect(deployed).toMatchObject({ code: 0, stdout: 'deployed revision 2 to Production\n' });
    const status = JSON.parse((await chorus(['status', 'a', '--json'])).stdout);
    expect(status).toMatchObject({ summary: 'in sync', base: { seq: 2 }, head: { seq: 2 } });
  });

  it('refuses a push whose base moved, merges with --merge, and stops at conflicts until resolved', async () => {
    await twoFolders();
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    await editJson(a, 'operations/convert.json', (d) => ((d.name = 'Theirs'), (d.description = 'from a')));
    expect((await chorus(['push', 'a'])).code).toBe(0);
    await editJson(b, 'operations/convert.json', (d) => (d.name = 'Mine'));
    await editJson(b, 'operations/export.json', (d) => (d.name = 'Export mine'));

    const refused = await chorus(['push', 'b']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/moved on to revision 2 .*\[SYNC_HEAD_MOVED\]/);
    const merged = await chorus(['push', 'b', '--merge']);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toContain('[SYNC_CONFLICTS]');
    const status = await chorus(['status', 'b']);
    expect(status.stdout).toContain('status: conflicts');
    expect(status.stdout).toContain('conflict operations/convert: operations/convert.json: $.name');
    expect((await chorus(['push', 'b'])).stderr).toContain('[SYNC_CONFLICTS]');

    expect((await chorus(['resolve', 'b', 'operations/convert'])).code).toBe(2);
    expect((await chorus(['resolve', 'b', 'operations/convert', '--mine', '--theirs'])).code).toBe(2);
    expect((await chorus(['resolve', 'b', 'operations/export', '--mine'])).stderr).toContain('[SYNC_INVALID]');
    const handMade = path.join(work, 'convert.json');
    await writeFile(handMade, JSON.stringify({ id: 'convert', name: 'Both', description: 'from a', steps: [] }));
    const resolved = await chorus(['resolve', 'b', 'operations/convert', '--file', 'convert.json']);
    expect(resolved).toMatchObject({ code: 0, stdout: 'resolved operations/convert; wrote operations/convert.json\n' });
    // The other changed content went up with the refused push: only the resolved one is new.
    expect((await chorus(['push', 'b'])).stdout).toBe('pushed revision 3 (1 content uploaded)\n');
    await chorus(['pull', 'a']);
    expect(await readJson(a, 'operations/convert.json')).toMatchObject({ name: 'Both', description: 'from a' });
    expect(await readJson(a, 'operations/export.json')).toMatchObject({ name: 'Export mine' });
  });

  it('takes the token from the vault, and says how to store one when there is none', async () => {
    const name = `cli-${Math.random().toString(36).slice(2)}`;
    await sampleProject(path.join(work, 'a'), name);
    await chorus(['remote', 'add', 'a', server.url, '--org', 'default', '--environment', 'Development']);
    delete process.env.CHORUS_TOKEN;
    const missing = await chorus(['push', 'a']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`chorus remote login ${server.url}`);
    expect(missing.stderr).toContain('[SYNC_NO_TOKEN]');
    expect((await chorus(['remote', 'login', server.url], `${server.token}\n`)).stdout).toBe(`stored the token for ${server.url} in the vault\n`);
    expect((await chorus(['push', 'a'])).stdout).toContain('pushed revision 1');
  });

  it('works offline: status answers from the folder, push fails cleanly and succeeds once the server is back', async () => {
    await twoFolders();
    await editJson(path.join(work, 'b'), 'operations/convert.json', (d) => (d.name = 'Offline'));
    await server.stop();
    try {
      const status = await chorus(['status', 'b']);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('status: ahead (based on revision 1; offline, the repository head is unknown)');
      expect(status.stderr).toContain('cannot reach the repository');
      const push = await chorus(['push', 'b']);
      expect(push.code).toBe(1);
      expect(push.stderr).toContain('[SYNC_OFFLINE]');
    } finally {
      await server.restart();
    }
    expect((await chorus(['push', 'b'])).stdout).toContain('pushed revision 2');
  });

  it('reports usage errors: no remote, not a project, a clone into a full folder', async () => {
    await sampleProject(path.join(work, 'a'), 'x');
    expect((await chorus(['status', 'a'])).stderr).toContain('[SYNC_NOT_CONFIGURED]');
    expect((await chorus(['remote', 'add', 'nowhere', server.url])).code).toBe(2);
    expect((await chorus(['remote', 'add', 'a', 'ftp://x'])).stderr).toContain('[SYNC_INVALID]');
    expect((await chorus(['clone', server.url, 'does-not-exist', 'c'])).stderr).toContain('no project named "does-not-exist"');
  });
});
