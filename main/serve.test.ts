import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyExample, tempDir } from './test/fixtures.ts';

const chorus = fileURLToPath(new URL('../bin/chorus.js', import.meta.url));

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => (tmp = await tempDir()));
afterEach(() => tmp.cleanup());

describe('chorus serve', () => {
  it('prints the URL with its token, answers on it, and stops cleanly on SIGTERM', async () => {
    const project = await copyExample('csv-orders-to-json', tmp.dir);
    const child = spawn(process.execPath, [chorus, 'serve', '--port', '0', '--project', project], { env: { ...process.env, CHORUS_HOME: tmp.dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Chorus Studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
        if (match) resolve(new URL(match[1]));
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    try {
      const token = url.searchParams.get('token')!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(url.searchParams.get('project')).toBe(project);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(token);

      const recent = await fetch(new URL('/api/projects/listRecent', url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      expect(await recent.json()).toMatchObject([{ folder: project, name: 'CSV orders to JSON' }]);
      expect((await fetch(new URL('/api/projects/listRecent', url), { method: 'POST' })).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('Chorus Studio stopped.');
  });

  it('refuses a folder that is not a project', async () => {
    const child = spawn(process.execPath, [chorus, 'serve', '--project', tmp.dir], { env: { ...process.env, CHORUS_HOME: tmp.dir } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toContain('not a Chorus project');
  });
});
