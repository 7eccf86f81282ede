/**
 * The desktop studio: Electron's app lifecycle around the services of main/services.
 * Thin on purpose: the decisions (hardening, IPC, vault, menus, which window shows which
 * project) live in the modules beside it, which are unit-tested with fakes; this file
 * only wires them to the real Electron objects. It cannot run on the build machines
 * (see DEVELOPERS.md).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, type BaseWindow } from 'electron';
import { MANIFEST_FILE } from '../../engine/src/core/model/project.ts';
import { COMMAND_CHANNEL } from '../../preload/bridge.ts';
import { createStudioServices } from '../services/index.ts';
import { chorusHome } from '../services/settings.ts';
import { appLocation, contentSecurityPolicy, isAppUrl, windowUrl } from './app-url.ts';
import { nativeChooseFolder } from './dialogs.ts';
import { forwardEvents, registerIpc, trustedSender } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { ProjectWindows, type WindowContents } from './project-windows.ts';
import { appSchemePrivileges, serveRenderer } from './protocol.ts';
import { SafeStorageVault } from './vault.ts';
import { hardenContents, hardenSession, windowOptions } from './window.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rendererDir = path.join(root, 'dist', 'renderer');
const preloadPath = path.join(root, 'dist', 'electron', 'preload.cjs');
const appAt = appLocation(process.env.CHORUS_DEV_SERVER_URL);
const mac = process.platform === 'darwin';

// Before ready: every renderer sandboxed whatever its options say, and our scheme privileged.
app.enableSandbox();
protocol.registerSchemesAsPrivileged(appSchemePrivileges);

if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  const home = chorusHome();
  const services = createStudioServices({
    home,
    vault: async () => new SafeStorageVault({ safeStorage, file: path.join(home, 'desktop-vault.bin') }),
    chooseFolder: nativeChooseFolder(dialog, () => BrowserWindow.getFocusedWindow() ?? undefined),
  });
  const windows = new ProjectWindows();

  const browserWindowOf = (contents: WindowContents) => BrowserWindow.getAllWindows().find((w) => w.webContents.id === contents.id);
  const focus = (contents: WindowContents) => {
    const window = browserWindowOf(contents);
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  /** One window per project: opening a project that has one focuses it. */
  const openWindow = (folder?: string) => {
    const existing = folder === undefined ? undefined : windows.windowOf(folder);
    if (existing) return focus(existing);
    const window = new BrowserWindow(windowOptions(preloadPath));
    const contents = window.webContents;
    windows.add(contents, folder);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      const shown = windows.remove(contents);
      if (shown !== undefined) void services.handlers.projects.unwatch({ folder: shown }).catch(() => undefined);
    });
    void window.loadURL(windowUrl(appAt, folder));
  };

  const sendCommand = (commandId: string, window: BaseWindow | undefined) => {
    const target = window instanceof BrowserWindow ? window : BrowserWindow.getFocusedWindow();
    target?.webContents.send(COMMAND_CHANNEL, commandId);
  };

  // Every web contents (windows, and anything a page might try to create) gets the same rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, { isAppUrl: (url) => isAppUrl(url, appAt), openExternal: (url) => shell.openExternal(url) });
  });
  app.on('second-instance', (_event, argv, workingDirectory) => openWindow(projectArgument(argv, workingDirectory)));
  app.on('window-all-closed', () => {
    if (!mac) app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Stop runs and watchers before the process goes.
    event.preventDefault();
    void services.close().finally(() => {
      closed = true;
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, contentSecurityPolicy(appAt));
    if (!appAt.dev) serveRenderer(protocol, rendererDir, appAt);
    registerIpc(ipcMain, services, trustedSender(appAt), { windows, focus, onError: (err) => console.error('chorus:', err) });
    forwardEvents(services.events, windows);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ mac, dev: !app.isPackaged }, sendCommand)));
    openWindow(projectArgument(process.argv, process.cwd()));
  });
}

/**
 * A project folder given on the command line (`npm start -- ~/projects/orders`, or the OS
 * opening a folder with the app). Chromium may add its own switches to a second
 * instance's argv, so options are skipped; a folder that is not a project is ignored.
 */
function projectArgument(argv: string[], cwd: string): string | undefined {
  const args = argv.slice(process.defaultApp ? 2 : 1).filter((arg) => !arg.startsWith('-'));
  const folder = args[0] === undefined ? undefined : path.resolve(cwd, args[0]);
  return folder !== undefined && existsSync(path.join(folder, MANIFEST_FILE)) ? folder : undefined;
}
