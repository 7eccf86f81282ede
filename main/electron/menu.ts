/**
 * The native menus. Each app item sends a command id of the renderer's command list
 * (renderer/src/commands/app-commands.ts) to the focused window, which runs it exactly as
 * the palette or the keyboard would. Labels and shortcuts repeat the renderer's; a test
 * holds the two lists together (the renderer's list also carries functions over its store,
 * which main has no business importing).
 */
import type { BaseWindow, MenuItemConstructorOptions } from 'electron';

/** An item that runs a renderer command; `shortcut` is written as the renderer writes it (`Mod+Shift+P`). */
export interface MenuCommand {
  id: string;
  label: string;
  shortcut?: string;
}

type Entry = MenuCommand | 'separator' | MenuItemConstructorOptions;

const command = (id: string, label: string, shortcut?: string): MenuCommand => ({ id, label, ...(shortcut ? { shortcut } : {}) });

/** The menus as data: File, Edit, View, Run, Sync, Help. */
export function menuLayout(options: { mac: boolean; dev: boolean }): { label: string; entries: Entry[] }[] {
  return [
    {
      label: 'File',
      entries: [command('saveProject', 'Save', 'Mod+S'), 'separator', command('closeProject', 'Close Project'), 'separator', options.mac ? { role: 'close' } : { role: 'quit' }],
    },
    {
      label: 'Edit',
      entries: [
        command('undo', 'Undo', 'Mod+Z'),
        command('redo', 'Redo', 'Mod+Shift+Z'),
        'separator',
        // Text editing in fields stays native.
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        'separator',
        // Their keys (Mod+C, Mod+V, Delete) keep their text-editing meaning in the menu; the
        // renderer's keybindings give them to the canvas when operations are selected.
        command('copyOperations', 'Copy Operations'),
        command('pasteOperations', 'Paste Operations'),
        command('deleteSelectedOperations', 'Delete Selected Operations'),
        'separator',
        command('addOperation', 'Add Operation', 'Mod+Alt+N'),
        'separator',
        command('renameComponent', 'Rename Component', 'F2'),
        command('duplicateComponent', 'Duplicate Component', 'Mod+Alt+D'),
        command('deleteComponent', 'Delete Component…', 'Mod+Delete'),
        command('findUsages', 'Find Usages', 'Shift+F12'),
      ],
    },
    {
      label: 'View',
      entries: [
        command('showCommandPalette', 'Show All Commands', 'Mod+Shift+P'),
        'separator',
        command('showProblems', 'Show Problems', 'Mod+Shift+M'),
        command('showRunLog', 'Show Run Log', 'Mod+Shift+R'),
        command('showRunHistory', 'Show Run History', 'Mod+Shift+H'),
        command('showTests', 'Show Tests', 'Mod+Shift+Y'),
        'separator',
        command('fitView', 'Fit Workflow to Window', 'Mod+Shift+F'),
        command('autoLayout', 'Auto-Layout Workflow', 'Mod+Shift+L'),
        'separator',
        command('toggleTheme', 'Toggle Light/Dark Theme', 'Mod+Alt+T'),
        { role: 'togglefullscreen' },
        ...(options.dev ? (['separator', { role: 'toggleDevTools' }] as Entry[]) : []),
      ],
    },
    {
      label: 'Run',
      entries: [
        command('runOperation', 'Run Operation', 'F5'),
        command('cancelRun', 'Cancel Run', 'Shift+F5'),
        'separator',
        command('runAllTests', 'Run All Tests'),
        command('createTestFromRun', 'Create Test from This Run'),
      ],
    },
    {
      label: 'Sync',
      entries: [command('syncPull', 'Pull from Repository', 'Mod+Alt+U'), command('syncPush', 'Push to Repository', 'Mod+Alt+P'), 'separator', command('showSync', 'Show Sync', 'Mod+Alt+S')],
    },
    { label: 'Help', entries: [{ role: 'about' }] },
  ];
}

/** `Mod+Shift+P` as an Electron accelerator: `CmdOrCtrl+Shift+P`. */
export function toAccelerator(shortcut: string): string {
  return shortcut
    .split('+')
    .map((part) => (part === 'Mod' ? 'CmdOrCtrl' : part))
    .join('+');
}

export function isMenuCommand(entry: Entry): entry is MenuCommand {
  return typeof entry === 'object' && typeof (entry as MenuCommand).id === 'string' && !('role' in entry);
}

/** Every command the menus send. */
export function menuCommands(options: { mac: boolean; dev: boolean }): MenuCommand[] {
  return menuLayout(options).flatMap((menu) => menu.entries.filter(isMenuCommand));
}

/**
 * The template for `Menu.buildFromTemplate`. `send` delivers a command to a window. Keys
 * stay with the renderer's own keybindings (which know when focus is in a text field):
 * the accelerators are shown but not registered, except on macOS, where Electron always
 * registers them and the renderer gets the command through `send` instead of the key.
 */
export function menuTemplate(options: { mac: boolean; dev: boolean }, send: (commandId: string, window: BaseWindow | undefined) => void): MenuItemConstructorOptions[] {
  const item = (entry: Entry): MenuItemConstructorOptions => {
    if (entry === 'separator') return { type: 'separator' };
    if (!isMenuCommand(entry)) return entry;
    return {
      id: entry.id,
      label: entry.label,
      ...(entry.shortcut ? { accelerator: toAccelerator(entry.shortcut), registerAccelerator: false } : {}),
      click: (_item, window) => send(entry.id, window),
    };
  };
  const menus: MenuItemConstructorOptions[] = menuLayout(options).map((menu) => ({ label: menu.label, submenu: menu.entries.map(item) }));
  // macOS puts About, Hide and Quit under the application's own menu, first.
  return options.mac ? [{ role: 'appMenu' }, ...menus] : menus;
}
