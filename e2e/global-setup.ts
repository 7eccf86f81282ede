import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Starts `chorus serve --port 0` with a fresh CHORUS_HOME (settings, recent projects and vault
 * of its own) and hands its printed URL to the tests as CHORUS_URL. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('dist/renderer/index.html')) throw new Error('The renderer is not built: run `npm run build:renderer` first.');
  const home = mkdtempSync(path.join(tmpdir(), 'chorus-e2e-home-'));
  const server = spawn(process.execPath, ['bin/chorus.js', 'serve', '--port', '0'], {
    env: { ...process.env, CHORUS_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`chorus serve did not print its URL within 30 s\n${out}${stderr}`)), 30_000);
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Chorus Studio: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.once('exit', (code) => reject(new Error(`chorus serve exited with ${code}\n${out}${stderr}`)));
  });
  process.env.CHORUS_URL = url;
  process.env.CHORUS_HOME_E2E = home;

  return async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
    if (stderr.trim()) console.error(`chorus serve stderr:\n${stderr}`);
    rmSync(home, { recursive: true, force: true });
  };
}
