import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryVault } from '../../engine/src/vault/memory-vault.ts';
import { EVENT_CHANNEL, requestChannels, type IpcReply } from '../../preload/bridge.ts';
import type { StudioEvent } from '../../preload/contract.ts';
import { createStudioServices, type StudioServices } from '../services/index.ts';
import { copyExample, tempDir } from '../test/fixtures.ts';
import { appLocation } from './app-url.ts';
import { forwardEvents, registerIpc, trustedSender } from './ipc.ts';
import { ProjectWindows, type WindowContents } from './project-windows.ts';

type Handler = (event: unknown, request?: unknown) => Promise<IpcReply>;

/** A fake ipcMain: records the handlers as Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  return { ipcMain: ipcMain as unknown as IpcMain, handlers };
}

/** A fake window's web contents: records what main sends it. */
function fakeContents(id: number) {
  const sent: { channel: string; payload: unknown }[] = [];
  const contents: WindowContents = { id, send: (channel, payload) => sent.push({ channel, payload }), isDestroyed: () => false };
  return { contents, sent, events: () => sent.filter((s) => s.channel === EVENT_CHANNEL).map((s) => s.payload as StudioEvent) };
}

const appFrame = { url: 'app://chorus/index.html?project=x', parent: null };

let tmp: { dir: string; cleanup: () => Promise<void> };
let home: string;
let services: StudioServices;
let ipc: ReturnType<typeof fakeIpcMain>;
let windows: ProjectWindows;
let focus: ReturnType<typeof vi.fn<(contents: WindowContents) => void>>;
let unregister: () => void;
const windowA = fakeContents(1);
const windowB = fakeContents(2);

const call = (channel: string, request?: unknown, sender = windowA.contents, frame: unknown = appFrame) => ipc.handlers.get(channel)!({ sender, senderFrame: frame }, request);

beforeEach(async () => {
  tmp = await tempDir();
  home = path.join(tmp.dir, 'home');
  services = createStudioServices({ home, vault: async () => new MemoryVault() });
  ipc = fakeIpcMain();
  windows = new ProjectWindows();
  windows.add(windowA.contents);
  windows.add(windowB.contents);
  windowA.sent.length = 0;
  windowB.sent.length = 0;
  focus = vi.fn<(contents: WindowContents) => void>();
  unregister = registerIpc(ipc.ipcMain, services, trustedSender(appLocation()), { windows, focus });
});
afterEach(async () => {
  unregister();
  await services.close();
  await tmp.cleanup();
});

describe('registerIpc', () => {
  it('registers exactly one handler per method of the contract, and removes them', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(requestChannels().sort());
    expect(ipc.handlers.has('chorus:projects.open')).toBe(true);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses a sender that is not the app page before reading anything', async () => {
    const settingsFile = path.join(home, 'studio-settings.json');
    for (const frame of [
      null,
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/page.html', parent: null },
      { url: 'app://chorus.evil/index.html', parent: null },
      // A frame inside the app page is not the app.
      { url: 'app://chorus/index.html', parent: { url: 'app://chorus/index.html' } },
      // A disposed frame throws on access.
      Object.defineProperty({ parent: null }, 'url', { get: () => { throw new Error('Render frame was disposed'); } }),
    ]) {
      const reply = await call('chorus:settings.set', { theme: 'dark' }, windowA.contents, frame);
      expect(reply).toEqual({ ok: false, status: 403, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    expect(existsSync(settingsFile)).toBe(false);
    expect((await services.handlers.settings.get({})).theme).toBe('light');
  });

  it('validates the payload through dispatch and answers in the contract error shape', async () => {
    expect(await call('chorus:projects.open', { folder: 'relative/path' })).toEqual({
      ok: false,
      status: 400,
      error: { code: 'BAD_REQUEST', message: 'folder: must be an absolute path', field: 'folder' },
    });
    expect(await call('chorus:settings.set', { theme: 'dark', extra: 1 })).toMatchObject({ ok: false, status: 400, error: { code: 'BAD_REQUEST' } });
    expect(await call('chorus:settings.set', 'not an object')).toMatchObject({ ok: false, status: 400 });
    expect(existsSync(path.join(home, 'studio-settings.json'))).toBe(false);
  });

  it('answers a good request through the services', async () => {
    const folder = await copyExample('csv-orders-to-json', tmp.dir);
    const opened = await call('chorus:projects.open', { folder });
    expect(opened.ok).toBe(true);
    const value = (opened as { value: { folder: string; project?: { manifest: { name: string } }; problems: unknown[] } }).value;
    expect(value.folder).toBe(folder);
    expect(value.project?.manifest.name).toBeTruthy();
    // Methods without parameters may be invoked without a payload.
    expect(await call('chorus:projects.listRecent')).toEqual({ ok: true, value: [expect.objectContaining({ folder })] });
    expect(await call('chorus:settings.set', { theme: 'dark' })).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(await call('chorus:settings.get', {})).toMatchObject({ ok: true, value: { theme: 'dark' } });
  });

  it('passes engine and host errors on with their stable codes', async () => {
    const folder = await copyExample('csv-orders-to-json', tmp.dir);
    expect(await call('chorus:runs.start', { folder, operation: 'no-such-operation' })).toMatchObject({ ok: false, status: 422, error: { code: 'OPERATION_NOT_FOUND' } });
    expect(await call('chorus:vault.set', { folder, variable: 'notSecret', value: 'x' })).toMatchObject({ ok: false, status: 422, error: { code: 'NOT_A_SECRET', field: 'variable' } });
  });

  it('gives a project to the window that opens it; a second window is sent to the first', async () => {
    const folder = await copyExample('csv-orders-to-json', tmp.dir);
    expect((await call('chorus:projects.open', { folder }, windowA.contents)).ok).toBe(true);
    expect(windows.windowOf(folder)?.id).toBe(1);
    // Opening it again in the same window is fine.
    expect((await call('chorus:projects.open', { folder }, windowA.contents)).ok).toBe(true);

    const second = await call('chorus:projects.open', { folder }, windowB.contents);
    expect(second).toMatchObject({ ok: false, status: 409, error: { code: 'PROJECT_OPEN_ELSEWHERE', field: 'folder' } });
    expect(focus).toHaveBeenCalledWith(windowA.contents);
    expect(windows.windowOf(folder)?.id).toBe(1);
  });

  it('does not give a window a folder that is not a project', async () => {
    const reply = await call('chorus:projects.open', { folder: tmp.dir }, windowA.contents);
    expect(reply).toMatchObject({ ok: true, value: { problems: [expect.objectContaining({ code: 'PROJECT_NOT_FOUND' })] } });
    expect(windows.windowOf(tmp.dir)).toBeUndefined();
  });
});

describe('forwardEvents', () => {
  it("pushes a run's events, start to finish, to its project's window only", async () => {
    const off = forwardEvents(services.events, windows);
    const folder = await copyExample('csv-orders-to-json', tmp.dir);
    await call('chorus:projects.open', { folder }, windowA.contents);
    const finished = new Promise<void>((resolve) => services.events.on((e) => e.type === 'runs.finished' && resolve()));
    const started = await call('chorus:runs.start', { folder, operation: 'convert-orders' }, windowA.contents);
    expect(started.ok).toBe(true);
    const { runId } = (started as { value: { runId: string } }).value;
    await finished;

    const types = windowA.events().map((e) => e.type);
    expect(types[0]).toBe('runs.started');
    expect(types).toContain('runs.stepFinished');
    expect(types.at(-1)).toBe('runs.finished');
    expect(windowA.events().every((e) => 'runId' in e && e.runId === runId)).toBe(true);
    expect(windowB.sent).toEqual([]);
    off();
  });

  it('routes by folder, and drops events of a project no window shows', () => {
    forwardEvents(services.events, windows);
    windows.claim(windowB.contents, '/projects/b');
    services.events.emit({ type: 'projects.changed', folder: '/projects/b', files: ['operations/x.json'] });
    services.events.emit({ type: 'projects.changed', folder: '/projects/none', files: ['operations/x.json'] });
    services.events.emit({ type: 'runs.progress', runId: 'unknown', operationName: 'x', step: 's', kind: 'read', records: 1 });
    expect(windowB.events()).toEqual([{ type: 'projects.changed', folder: '/projects/b', files: ['operations/x.json'] }]);
    expect(windowA.sent).toEqual([]);
  });
});
