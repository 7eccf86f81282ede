import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
// The renderer's command list, as data: main never imports it outside this test.
import { appCommands } from '../../renderer/src/commands/app-commands.ts';
import { isMenuCommand, menuCommands, menuLayout, menuTemplate, toAccelerator } from './menu.ts';

/** Their keys (Mod+C, Mod+V, Delete) keep their text-editing meaning; only the renderer's keybindings claim them, on the canvas. */
const sharesNativeKey = new Set(['copyOperations', 'pasteOperations', 'deleteSelectedOperations']);

const platforms = [
  { mac: false, dev: false },
  { mac: true, dev: true },
];

describe('native menus', () => {
  it('has File, Edit, View, Run, Sync and Help', () => {
    expect(menuLayout({ mac: false, dev: false }).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Run', 'Sync', 'Help']);
    // macOS puts the application menu first.
    expect(menuTemplate({ mac: true, dev: false }, () => undefined)[0]).toEqual({ role: 'appMenu' });
  });

  it.each(platforms)('sends only commands of the renderer, with its labels and shortcuts (%o)', (options) => {
    const byId = new Map(appCommands.map((c) => [c.id, c]));
    const items = menuCommands(options);
    expect(items.length).toBeGreaterThan(8);
    for (const item of items) {
      const command = byId.get(item.id);
      expect(command, `menu item ${item.id} is not a renderer command`).toBeDefined();
      expect(item.label, item.id).toBe(command!.label);
      // A menu item shows the renderer's shortcut, or none where a native item owns the key.
      if (sharesNativeKey.has(item.id)) expect(item.shortcut, item.id).toBeUndefined();
      else expect(item.shortcut, item.id).toBe(command!.shortcut);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('reaches every renderer command that a user would look for in a menu', () => {
    const inMenus = new Set(menuCommands({ mac: false, dev: false }).map((c) => c.id));
    // redoAlt is the second shortcut of Redo (Ctrl+Y), not a menu item of its own.
    const missing = appCommands.filter((c) => c.id !== 'redoAlt' && !inMenus.has(c.id)).map((c) => c.id);
    expect(missing, 'renderer commands missing from the native menus: add them to main/electron/menu.ts').toEqual([]);
  });

  it('shows the shortcuts as accelerators and sends the command id to the window', () => {
    const send = vi.fn();
    const template = menuTemplate({ mac: false, dev: false }, send);
    const items = template.flatMap((menu) => (menu.submenu as MenuItemConstructorOptions[]) ?? []);
    const save = items.find((i) => i.id === 'saveProject')!;
    expect(save).toMatchObject({ label: 'Save', accelerator: 'CmdOrCtrl+S', registerAccelerator: false });
    expect(items.find((i) => i.id === 'cancelRun')).toMatchObject({ accelerator: 'Shift+F5' });
    expect(items.find((i) => i.id === 'closeProject')).not.toHaveProperty('accelerator');
    const window = { id: 7 };
    (save.click as (item: unknown, window: unknown, event: unknown) => void)({}, window, {});
    expect(send).toHaveBeenCalledWith('saveProject', window);

    for (const item of items) {
      if (item.id === undefined) expect(item.role ?? item.type, JSON.stringify(item)).toBeDefined();
    }
    // Developer tools only while developing.
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(menuTemplate({ mac: false, dev: true }, send).flatMap((m) => m.submenu as MenuItemConstructorOptions[]).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('writes Mod as CmdOrCtrl', () => {
    expect(toAccelerator('Mod+Shift+P')).toBe('CmdOrCtrl+Shift+P');
    expect(toAccelerator('Mod+Alt+N')).toBe('CmdOrCtrl+Alt+N');
    expect(toAccelerator('F5')).toBe('F5');
    expect(isMenuCommand('separator')).toBe(false);
    expect(isMenuCommand({ role: 'copy' })).toBe(false);
  });
});
