import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { newKey } from '../crypto/aead.ts';
import { MASTER_KEY_ENV } from '../crypto/master-key.ts';
import { backends, type TestStore } from '../test/backends.ts';
import { client } from '../test/harness.ts';
import { DATABASE_ENV } from './repo.ts';

const chorus = fileURLToPath(new URL('../../../bin/chorus.js', import.meta.url));

/** The environment of the tests, without repository settings that would change what is tested. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!(MASTER_KEY_ENV in extra)) delete env[MASTER_KEY_ENV];
  delete env[DATABASE_ENV];
  return env;
}

function runChorus(args: string[], env = childEnv()): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [chorus, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(backends)('chorus repo init and serve on $name', (backend) => {
  let store: TestStore | undefined;
  afterEach(() => store?.cleanup());

  const databaseArgs = () => (store?.databaseUrl ? ['--database', store.databaseUrl] : []);

  it('initialises a store, prints the admin token once, serves it with its limits, and stops cleanly on SIGTERM', async () => {
    store = await backend.create();
    const data = path.join(store.dataDir, 'repo');
    const init = await runChorus(['repo', 'init', '--data', data, ...databaseArgs()]);
    expect(init.code, init.stderr).toBe(0);
    const token = /^(chorus_[A-Za-z0-9_-]{43})$/m.exec(init.stdout)?.[1];
    expect(token).toBeDefined();
    expect(init.stdout).toContain('Organisation "default" with environments Development and Production');
    expect((await stat(path.join(data, 'master.key'))).mode & 0o777).toBe(0o600);

    const again = await runChorus(['repo', 'init', '--data', data, ...databaseArgs()]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already initialised');
    expect(again.stdout).not.toMatch(/chorus_/);

    const child = spawn(process.execPath, [chorus, 'repo', 'serve', '--data', data, '--port', '0', '--rate-limit', '5', ...databaseArgs()], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Chorus repository: (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(stdout);
        if (match) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    try {
      const api = client(url, token);
      expect((await api.get('/me')).body).toMatchObject({ name: 'admin', memberships: [{ organisation: 'default', role: 'admin' }] });
      expect((await api.post('/orgs/default/projects', { name: 'from the cli test', environment: 'Production' })).status).toBe(201);
      expect((await client(url, 'chorus_wrong').get('/me')).status).toBe(401);
      for (let i = 3; i <= 5; i++) expect((await api.get('/orgs')).status).toBe(200);
      expect((await api.get('/orgs')).status).toBe(429);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('Chorus repository stopped.');
  });

  it('will not serve without the master key, nor with a wrong one', async () => {
    store = await backend.create();
    const data = store.dataDir;
    const key = newKey().toString('base64');
    expect((await runChorus(['repo', 'init', '--data', data, ...databaseArgs()], childEnv({ [MASTER_KEY_ENV]: key }))).code).toBe(0);

    const missing = await runChorus(['repo', 'serve', '--data', data, '--port', '0', ...databaseArgs()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no master key');
    const wrong = await runChorus(['repo', 'serve', '--data', data, '--port', '0', ...databaseArgs()], childEnv({ [MASTER_KEY_ENV]: newKey().toString('base64') }));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('master key does not open');
  });
});
