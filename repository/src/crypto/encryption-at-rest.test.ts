import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openRepository } from '../repository.ts';
import { backends } from '../test/backends.ts';
import { sha256, startRepo, upload, type TestRepo } from '../test/harness.ts';
import { newKey } from './aead.ts';

const run = promisify(execFile);

/** Everything the database holds, as an attacker with a copy of it would see it. */
async function rawDatabase(repo: TestRepo): Promise<string> {
  if (repo.store.databaseUrl) return (await run('pg_dump', ['--data-only', repo.store.databaseUrl], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  const files = (await readdir(repo.store.dataDir)).filter((f) => f.startsWith('repository.db'));
  const contents = await Promise.all(files.map((f) => readFile(path.join(repo.store.dataDir, f))));
  return Buffer.concat(contents).toString('latin1');
}

describe.each(backends)('encryption at rest on $name', (backend) => {
  let repo: TestRepo | undefined;
  afterEach(() => repo?.close());

  it('stores no plaintext of a component, nor its path, yet serves both back', async () => {
    repo = await startRepo(backend);
    const admin = repo.as(repo.adminToken);
    const content = JSON.stringify({ id: 'payroll-export', sql: 'SELECT salary FROM employees -- PLAINTEXT-MARKER-7f3a' });
    const componentPath = 'operations/PATH-MARKER-91bc.json';
    const project = await admin.post('/orgs/default/projects', { name: 'payroll', environment: 'Development' });
    const [hash] = await upload(admin, 'default', [content]);
    const rev = await admin.post(`/orgs/default/projects/${project.body.id}/revisions`, { parent: null, message: 'secret work', manifest: { [componentPath]: hash } });
    expect(rev.status).toBe(201);

    const dump = await rawDatabase(repo);
    expect(dump).toContain('payroll'); // the dump is real: project names are stored in clear
    expect(dump).not.toContain('PLAINTEXT-MARKER-7f3a');
    expect(dump).not.toContain('salary');
    expect(dump).not.toContain('PATH-MARKER-91bc');

    expect(Buffer.from((await admin.get(`/orgs/default/blobs/${sha256(content)}`)).body).toString('utf8')).toBe(content);
    expect((await admin.get(`/orgs/default/projects/${project.body.id}/revisions/${rev.body.id}`)).body.manifest).toEqual({ [componentPath]: hash });
  });

  it('refuses to open with another master key', async () => {
    repo = await startRepo(backend);
    await expect(openRepository({ dataDir: repo.store.dataDir, databaseUrl: repo.store.databaseUrl, masterKey: newKey() })).rejects.toThrow(/master key does not open/);
  });
});
