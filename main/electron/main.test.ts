// The lifecycle wiring of main.ts, run against a fake 'electron' module (vi.mock: the real
// one is never loaded; it cannot even start on these machines).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestChannels } from '../../preload/bridge.ts';
import { tempDir } from '../test/fixtures.ts';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const on = (target: { listeners: Map<string, Listener[]> }) => (name: string, listener: Listener) => {
    target.listeners.set(name, [...(target.listeners.get(name) ?? []), listener]);
    return target;
  };
  const emit = (target: { listeners: Map<string, Listener[]> }, name: string, ...args: unknown[]) => (target.listeners.get(name) ?? []).map((l) => l(...args));
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const calls: string[] = [];
  let nextId = 1;

  class FakeWebContents {
    readonly listeners = new Map<string, Listener[]>();
    readonly id = nextId++;
    readonly sent: [string, unknown][] = [];
    on = on(this);
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    isDestroyed() {
      return false;
    }
    setWindowOpenHandler() {}
  }
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    static getFocusedWindow = () => BrowserWindow.all.find((w) => w.focused) ?? null;
    readonly listeners = new Map<string, Listener[]>();
    readonly webContents = new FakeWebContents();
    url?: string;
    focused = false;
    on = on(this);
    once = on(this);
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      BrowserWindow.all.push(this);
    }
    async loadURL(url: string) {
      this.url = url;
    }
    isMinimized = () => false;
    restore() {}
    show() {}
    focus() {
      for (const w of BrowserWindow.all) w.focused = w === this;
    }
  }
  const app = {
    listeners: new Map<string, Listener[]>(),
    isPackaged: false,
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    quit: () => calls.push('quit'),
    whenReady: () => whenReady,
    on: undefined as unknown as (name: string, listener: Listener) => unknown,
  };
  app.on = on(app);
  const handlers = new Map<string, Listener>();
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, Listener>();
  const menus: unknown[] = [];
  const electron = {
    app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => schemes.push(...s), handle: (scheme: string, h: Listener) => protocolHandlers.set(scheme, h) },
    ipcMain: { handle: (channel: string, h: Listener) => handlers.set(channel, h), removeHandler: (channel: string) => handlers.delete(channel) },
    Menu: { buildFromTemplate: (t: unknown) => ({ template: t }), setApplicationMenu: (m: unknown) => menus.push(m) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => calls.push('csp') },
        setPermissionRequestHandler: () => calls.push('permissions'),
        setPermissionCheckHandler: () => undefined,
      },
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    safeStorage: { isEncryptionAvailable: () => false },
    shell: { openExternal: async () => undefined },
  };
  return { electron, emit, ready: () => ready(), calls, handlers, schemes, protocolHandlers, menus, BrowserWindow, FakeWebContents };
});

vi.mock('electron', () => fake.electron);

let tmp: { dir: string; cleanup: () => Promise<void> };
let project: string;
const previousHome = process.env.CHORUS_HOME;

beforeAll(async () => {
  tmp = await tempDir();
  process.env.CHORUS_HOME = path.join(tmp.dir, 'home');
  project = path.join(tmp.dir, 'orders');
  await mkdir(project);
  await writeFile(path.join(project, 'chorus.json'), '{}\n');
  await import('./main.ts');
});
afterAll(async () => {
  process.env.CHORUS_HOME = previousHome;
  await tmp.cleanup();
});

const windows = () => fake.BrowserWindow.all;

describe('main.ts with a fake Electron', () => {
  it('before ready: one instance, every renderer sandboxed, app:// privileged, no window yet', () => {
    expect(fake.calls).toEqual(expect.arrayContaining(['enableSandbox', 'requestSingleInstanceLock']));
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(windows()).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('when ready: hardens the session, serves app://, registers the API and the menus, opens a hardened window', async () => {
    fake.ready();
    await vi.waitFor(() => expect(windows()).toHaveLength(1));
    expect(fake.calls).toEqual(expect.arrayContaining(['csp', 'permissions']));
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);
    expect([...fake.handlers.keys()].sort()).toEqual(requestChannels().sort());
    expect((fake.menus[0] as { template: { label?: string }[] }).template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Run', 'Sync', 'Help']);

    const [window] = windows();
    expect(window.url).toBe('app://chorus/index.html');
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.options.webPreferences.preload).toBe(fileURLToPath(new URL('../../dist/electron/preload.cjs', import.meta.url)));
  });

  it('hardens every web contents created', () => {
    const contents = new fake.FakeWebContents();
    fake.emit(fake.electron.app as never, 'web-contents-created', {}, contents);
    expect([...contents.listeners.keys()]).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
  });

  it('a second launch with a project opens its window; a third focuses it', () => {
    fake.emit(fake.electron.app as never, 'second-instance', {}, ['/opt/chorus', '--some-chromium-switch', project], tmp.dir);
    expect(windows()).toHaveLength(2);
    expect(windows()[1].url).toBe(`app://chorus/index.html?project=${encodeURIComponent(project)}`);
    windows()[0].focus();
    fake.emit(fake.electron.app as never, 'second-instance', {}, ['/opt/chorus', project], tmp.dir);
    expect(windows()).toHaveLength(2);
    expect(windows()[1].focused).toBe(true);
    // A folder that is not a project opens a plain window.
    fake.emit(fake.electron.app as never, 'second-instance', {}, ['/opt/chorus', tmp.dir], tmp.dir);
    expect(windows()[2].url).toBe('app://chorus/index.html');
  });

  it('a menu item sends its command to the focused window', () => {
    const template = (fake.menus[0] as { template: { submenu?: { id?: string; click?: Listener }[] }[] }).template;
    const save = template.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'saveProject')!;
    windows()[1].focus();
    save.click!({}, undefined, {});
    expect(windows()[1].webContents.sent).toEqual([['chorus:command', 'saveProject']]);
  });

  it('quits when the last window closes (not on macOS), after stopping the services', async () => {
    fake.emit(fake.electron.app as never, 'window-all-closed');
    expect(fake.calls.filter((c) => c === 'quit')).toHaveLength(process.platform === 'darwin' ? 0 : 1);
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.emit(fake.electron.app as never, 'will-quit', event);
    expect(event.prevented).toBe(true);
    await vi.waitFor(() => expect(fake.calls.filter((c) => c === 'quit').length).toBeGreaterThanOrEqual(process.platform === 'darwin' ? 1 : 2));
    // The second will-quit (from that quit) goes through.
    const again = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.emit(fake.electron.app as never, 'will-quit', again);
    expect(again.prevented).toBe(false);
  });
});
