import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/fixtures.ts';
import { appLocation, contentSecurityPolicy, isAppUrl, windowUrl } from './app-url.ts';
import { appFilePath, appResponse, serveRenderer } from './protocol.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let rendererDir: string;
const app = appLocation();

beforeEach(async () => {
  tmp = await tempDir();
  rendererDir = path.join(tmp.dir, 'dist', 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Chorus</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index-1.js'), 'console.log(1)');
  await writeFile(path.join(tmp.dir, 'dist', 'secret.txt'), 'outside');
});
afterEach(() => tmp.cleanup());

describe('app location', () => {
  it('is app://chorus by default; a window for a project carries it in the query', () => {
    expect(app.indexUrl).toBe('app://chorus/index.html');
    expect(windowUrl(app, '/home/me/p q')).toBe('app://chorus/index.html?project=%2Fhome%2Fme%2Fp%20q');
    expect(isAppUrl('app://chorus/assets/x.js', app)).toBe(true);
  });

  it('accepts only a dev server on this machine', () => {
    const dev = appLocation('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/index.html', dev)).toBe(false);
    expect(isAppUrl('app://chorus/index.html', dev)).toBe(false);
    expect(contentSecurityPolicy(dev)).toContain("script-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicy(dev)).toContain('connect-src \'self\' ws://localhost:5173');
    expect(() => appLocation('http://example.com:5173')).toThrow(/localhost/);
    expect(() => appLocation('https://localhost:5173')).toThrow(/localhost/);
  });
});

describe('app:// protocol', () => {
  it('maps URLs to files inside the renderer folder only', () => {
    expect(appFilePath('app://chorus/', rendererDir)).toBe(path.join(rendererDir, 'index.html'));
    expect(appFilePath('app://chorus/index.html?project=%2Fp', rendererDir)).toBe(path.join(rendererDir, 'index.html'));
    expect(appFilePath('app://chorus/assets/index-1.js', rendererDir)).toBe(path.join(rendererDir, 'assets', 'index-1.js'));
    for (const url of ['app://chorus/../secret.txt', 'app://chorus/%2e%2e/secret.txt', 'app://chorus/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://chorus/%00', 'app://chorus/%E0%A4%A', 'app://other/index.html', 'file:///etc/passwd']) {
      const file = appFilePath(url, rendererDir);
      expect(file === undefined || file.startsWith(rendererDir + path.sep), `${url} -> ${file}`).toBe(true);
    }
    expect(appFilePath('app://chorus/assets/%2e%2e%2f%2e%2e%2fsecret.txt', rendererDir)).toBeUndefined();
  });

  it('answers files with their type and the security headers; 404 otherwise', async () => {
    const page = await appResponse({ url: 'app://chorus/index.html', method: 'GET' }, rendererDir, app);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy(app));
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Chorus</title>');

    const script = await appResponse({ url: 'app://chorus/assets/index-1.js', method: 'GET' }, rendererDir, app);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    for (const [url, method] of [
      ['app://chorus/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'GET'],
      ['app://chorus/missing.js', 'GET'],
      ['app://chorus/index.html', 'POST'],
    ]) {
      const answer = await appResponse({ url, method }, rendererDir, app);
      expect(answer.status, url).toBe(404);
      expect(await answer.text()).not.toContain('outside');
    }
  });

  it('registers one handler for the scheme', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    serveRenderer({ handle: (scheme, handler) => handlers.set(scheme, handler as (request: Request) => Promise<Response>) }, rendererDir, app);
    expect([...handlers.keys()]).toEqual(['app']);
    const answer = await handlers.get('app')!(new Request('app://chorus/index.html'));
    expect(answer.status).toBe(200);
  });
});
