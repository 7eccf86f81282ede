import { describe, expect, it } from 'vitest';
import { matchesShortcut, shortcutLabel } from './keybindings.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keybindings', () => {
  it('matches Mod as Ctrl off macOS and Cmd on macOS', () => {
    expect(matchesShortcut('Mod+Z', key('z', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+Z', key('z', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut('Mod+Z', key('z', { metaKey: true }), false)).toBe(false);
  });

  it('needs exactly the modifiers given', () => {
    expect(matchesShortcut('Mod+Z', key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesShortcut('F5', key('F5'), false)).toBe(true);
    expect(matchesShortcut('F5', key('F5', { altKey: true }), false)).toBe(false);
  });

  it('writes shortcuts the way each platform does', () => {
    expect(shortcutLabel('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(shortcutLabel('Mod+Shift+P', true)).toBe('⌘⇧P');
  });
});
