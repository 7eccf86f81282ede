import { useMemo, useState } from 'react';
import { appCommands } from '../commands/app-commands.ts';
import { shortcutLabel } from '../commands/keybindings.ts';
import { useStudio, useStudioContext } from './studio-context.ts';

const mac = /Mac|iPhone|iPad/.test(navigator.platform);

/** Every command by label, filtered as the designer types; Enter runs the highlighted one. */
export function CommandPalette() {
  const { store } = useStudioContext();
  const close = useStudio((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const seen = new Set<string>();
    return appCommands.filter((c) => {
      if (c.id === 'showCommandPalette' || seen.has(c.label)) return false;
      seen.add(c.label);
      return words.every((w) => c.label.toLowerCase().includes(w));
    });
  }, [query]);

  const runAt = (i: number) => {
    const command = matches[i];
    close(false);
    if (command?.enabled(store)) void command.run(store);
  };

  return (
    <div className="overlay" onMouseDown={() => close(false)}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          autoFocus
          aria-label="Type a command"
          placeholder="Type a command"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close(false);
            else if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, matches.length - 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter') runAt(index);
            else return;
            e.preventDefault();
          }}
        />
        <ul role="listbox" aria-label="Commands">
          {matches.map((c, i) => (
            <li
              key={c.id}
              role="option"
              aria-selected={i === index}
              aria-disabled={!c.enabled(store)}
              onMouseEnter={() => setIndex(i)}
              onClick={() => runAt(i)}
            >
              <span>{c.label}</span>
              {c.shortcut && <kbd>{shortcutLabel(c.shortcut, mac)}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
