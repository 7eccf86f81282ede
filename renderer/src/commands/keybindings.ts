/**
 * Shortcuts as text (`Mod+Shift+Z`), matched against key events. `Mod` is Cmd on macOS and
 * Ctrl elsewhere, so one table serves both.
 */
export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchesShortcut(shortcut: string, event: KeyEventLike, mac: boolean): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toLowerCase();
  const want = new Set(parts.map((p) => p.toLowerCase()));
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  return (
    event.key.toLowerCase() === key &&
    mod === want.has('mod') &&
    !other &&
    event.shiftKey === want.has('shift') &&
    event.altKey === want.has('alt')
  );
}

/** `Mod+Shift+P` as the platform writes it: `Ctrl+Shift+P` or `⌘⇧P`. */
export function shortcutLabel(shortcut: string, mac: boolean): string {
  if (!mac) return shortcut.replace('Mod', 'Ctrl');
  return shortcut
    .split('+')
    .map((p) => ({ Mod: '⌘', Shift: '⇧', Alt: '⌥' })[p] ?? p)
    .join('');
}
