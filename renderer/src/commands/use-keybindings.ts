import { useEffect } from 'react';
import { useStudioContext } from '../ui/studio-context.ts';
import { appCommands } from './app-commands.ts';
import { matchesShortcut } from './keybindings.ts';

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** Fields and the script editor keep their own undo and typing; only `global` shortcuts reach through them. */
function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

function onCanvas(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !el || el === document.body || !!el.closest?.('.canvas');
}

/** Runs the command whose shortcut was pressed, anywhere in the studio. */
export function useKeybindings(): void {
  const { store } = useStudioContext();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mac = isMac();
      const command = appCommands.find((c) => c.shortcut && matchesShortcut(c.shortcut, event, mac));
      if (!command || (!command.global && isEditable(event.target)) || (command.canvasOnly && !onCanvas(event.target))) return;
      const enabled = command.enabled(store);
      if (!enabled && command.passThrough) return;
      event.preventDefault();
      event.stopPropagation();
      if (enabled) void command.run(store);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store]);
}
