import { useEffect } from 'react';
import { useKeybindings } from '../commands/use-keybindings.ts';
import { CommandPalette } from './CommandPalette.tsx';
import { useStudio, useStudioContext } from './studio-context.ts';
import { Welcome } from './Welcome.tsx';
import { Workbench } from './Workbench.tsx';

/** The welcome screen until a project is open, then the workbench; the root carries the app state for tests and tools. */
export function App() {
  const { client, store } = useStudioContext();
  const hasProject = useStudio((s) => s.project !== undefined);
  const theme = useStudio((s) => s.theme);
  const paletteOpen = useStudio((s) => s.paletteOpen);
  useKeybindings();

  useEffect(() => {
    const root = document.getElementById('root')!;
    root.dataset.appState = hasProject ? 'loaded' : 'welcome';
  }, [hasProject]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // The theme comes from the settings, and goes back there when the designer changes it.
  useEffect(() => {
    let known: string | undefined;
    void client.api.settings.get({}).then((settings) => {
      known = settings.theme;
      store.getState().setTheme(settings.theme);
    });
    return store.subscribe((s, prev) => {
      if (s.theme !== prev.theme && s.theme !== known) {
        known = s.theme;
        void client.api.settings.set({ theme: s.theme });
      }
    });
  }, [client, store]);

  // `chorus serve --project DIR` opens that project (the URL carries it).
  useEffect(() => {
    const folder = new URLSearchParams(location.search).get('project');
    if (folder) void store.getState().openProject(folder);
  }, [store]);

  return (
    <div className="app">
      {hasProject ? <Workbench /> : <Welcome />}
      {paletteOpen && <CommandPalette />}
    </div>
  );
}
