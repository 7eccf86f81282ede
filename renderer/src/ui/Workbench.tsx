import { appCommands } from '../commands/app-commands.ts';
import { RunHistory } from '../run/RunHistory.tsx';
import { RunPanel } from '../run/RunPanel.tsx';
import { SyncBadge } from '../sync/SyncBadge.tsx';
import { SyncPanel } from '../sync/SyncPanel.tsx';
import { syncStoreOf } from '../sync/sync-store.ts';
import { TestsPanel } from '../tests/TestsPanel.tsx';
import { testsStoreOf } from '../tests/tests-store.ts';
import { BottomPanel } from './BottomPanel.tsx';
import { ConflictDialog } from './ConflictDialog.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { EditorArea } from './EditorArea.tsx';
import { Explorer } from './Explorer.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { useStudio, useStudioContext } from './studio-context.ts';
import { UsagesPanel } from './UsagesPanel.tsx';

const saveText = { saved: 'Saved', pending: 'Unsaved changes', saving: 'Saving…', error: 'Save failed' } as const;

/** Explorer left, tabs in the centre, problems and run log below, and a toolbar of commands. */
export function Workbench() {
  const name = useStudio((s) => s.project?.manifest.name);
  const saveState = useStudio((s) => s.saveState);
  const saveError = useStudio((s) => s.saveError);
  const conflicts = useStudio((s) => s.conflicts);
  const pendingDelete = useStudio((s) => s.pendingDelete);
  const { client, store } = useStudioContext();
  // Connected here, not in the panel, so the test commands work while another tab is shown.
  testsStoreOf(store, client);
  syncStoreOf(store, client);
  return (
    <div className="workbench">
      <header className="toolbar">
        <strong className="project-name">{name}</strong>
        <span className={`save-state save-${saveState}`} data-testid="save-state" title={saveError}>
          {saveText[saveState]}
        </span>
        <SyncBadge />
        <span className="spacer" />
        <CommandButton id="undo" text="Undo" />
        <CommandButton id="redo" text="Redo" />
        <CommandButton id="runOperation" text="▶ Run" />
        <CommandButton id="cancelRun" text="■ Cancel" />
        <CommandButton id="toggleTheme" text="◐ Theme" />
        <CommandButton id="showCommandPalette" text="Commands" />
      </header>
      <Explorer />
      <EditorArea />
      <BottomPanel panels={{ problems: <ProblemsPanel />, run: <RunPanel />, history: <RunHistory />, usages: <UsagesPanel />, tests: <TestsPanel />, sync: <SyncPanel /> }} />
      {conflicts.length > 0 && <ConflictDialog conflict={conflicts[0]} />}
      {pendingDelete && <DeleteDialog target={pendingDelete} />}
    </div>
  );
}

/** A toolbar button for a command: same label, same enablement, same action as the palette and shortcut. */
function CommandButton({ id, text }: { id: string; text: string }) {
  const { store } = useStudioContext();
  const command = appCommands.find((c) => c.id === id)!;
  // Re-render on any state change that may enable or disable the command.
  const enabled = useStudio(() => command.enabled(store));
  const label = useStudio((s) => (id === 'undo' ? s.history.past.at(-1)?.label : id === 'redo' ? s.history.future[0]?.label : undefined));
  return (
    <button onClick={() => void command.run(store)} disabled={!enabled} title={`${label ? `${command.label} ${label}` : command.label}${command.shortcut ? ` (${command.shortcut})` : ''}`}>
      {text}
    </button>
  );
}
