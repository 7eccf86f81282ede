// The shipped preload, as Electron will load it: bundled by main/electron/vite.preload.config.ts
// into one CommonJS file and run with a fake `require('electron')` (the real one is never loaded in tests).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../main/test/fixtures.ts';
import { fakeIpcRenderer } from './test/fake-ipc-renderer.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let bundle: string;

beforeAll(async () => {
  tmp = await tempDir();
  await build({ configFile: fileURLToPath(new URL('../main/electron/vite.preload.config.ts', import.meta.url)), build: { outDir: tmp.dir } });
  bundle = await readFile(path.join(tmp.dir, 'preload.cjs'), 'utf8');
}, 60_000);
afterAll(() => tmp.cleanup());

/** Runs the bundle as a sandboxed preload would: `require` knows only 'electron'. */
function load() {
  const required: string[] = [];
  const exposed = new Map<string, unknown>();
  const fake = fakeIpcRenderer();
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: fake.ipc };
  const require = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(bundle, { require, module, exports: module.exports, console });
  return { required, exposed, fake };
}

describe('preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron', () => {
    const { required } = load();
    expect(required).toEqual(['electron']);
    expect(bundle).not.toMatch(/\bimport\s*\(|^import\s/m);
  });

  it('exposes window.chorus with call, onEvent and onCommand only', () => {
    const { exposed } = load();
    expect([...exposed.keys()]).toEqual(['chorus']);
    const chorus = exposed.get('chorus') as Record<string, unknown>;
    expect(Object.keys(chorus).sort()).toEqual(['call', 'onCommand', 'onEvent']);
    for (const value of Object.values(chorus)) expect(typeof value).toBe('function');
  });

  it('invokes contract channels and refuses others', async () => {
    const { exposed, fake } = load();
    const chorus = exposed.get('chorus') as { call(s: string, m: string, r: unknown): Promise<unknown> };
    expect(await chorus.call('settings', 'get', {})).toEqual({ ok: true, value: { echoed: 'chorus:settings.get' } });
    expect(await chorus.call('settings', 'delete', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await chorus.call('chorus:event', '', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fake.invoked.map((i) => i.channel)).toEqual(['chorus:settings.get']);
  });
});
