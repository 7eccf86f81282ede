/**
 * Every action of the studio as a named command with a label and a shortcut: the palette,
 * the toolbar buttons and the keyboard all go through this one list.
 */
import { addOperation } from '../store/document-commands.ts';
import { isRunActive } from '../store/run-state.ts';
import type { StudioStore } from '../store/studio-store.ts';
import { canvasControls } from '../canvas/canvas-controls.ts';
import { editAppCommands } from './edit-app-commands.ts';
import { syncAppCommands } from '../sync/sync-commands.ts';
import { testAppCommands } from '../tests/test-commands.ts';

export interface AppCommand {
  id: string;
  label: string;
  shortcut?: string;
  /** Shortcuts that also work while typing in a field or in the script editor. */
  global?: boolean;
  /** While disabled, the key keeps its usual meaning (Ctrl+C copies selected text). */
  passThrough?: boolean;
  /** The shortcut acts only with the focus on the canvas (or nowhere): Delete in the explorer is the explorer's. */
  canvasOnly?: boolean;
  enabled(store: StudioStore): boolean;
  run(store: StudioStore): void | Promise<void>;
}

const hasProject = (store: StudioStore) => store.getState().project !== undefined;
/** The operation a run or an edit applies to: the selected one, else the active workflow's first. */
export function targetOperation(store: StudioStore): string | undefined {
  const { selectedOperation, activeTab, project } = store.getState();
  if (selectedOperation) return selectedOperation;
  if (activeTab?.kind === 'operations') return activeTab.id;
  const workflow = project?.workflows.find((w) => activeTab?.kind === 'workflows' && w.id === activeTab.id) ?? project?.workflows[0];
  return workflow?.operations[0];
}
const activeWorkflow = (store: StudioStore) => {
  const { activeTab } = store.getState();
  return activeTab?.kind === 'workflows' ? activeTab.id : undefined;
};

export const appCommands: AppCommand[] = [
  {
    id: 'showCommandPalette',
    label: 'Show All Commands',
    shortcut: 'Mod+Shift+P',
    global: true,
    enabled: () => true,
    run: (store) => store.getState().setPaletteOpen(true),
  },
  {
    id: 'undo',
    label: 'Undo',
    shortcut: 'Mod+Z',
    enabled: (store) => store.getState().history.past.length > 0,
    run: (store) => store.getState().undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    shortcut: 'Mod+Shift+Z',
    enabled: (store) => store.getState().history.future.length > 0,
    run: (store) => store.getState().redo(),
  },
  {
    id: 'redoAlt',
    label: 'Redo',
    shortcut: 'Mod+Y',
    enabled: (store) => store.getState().history.future.length > 0,
    run: (store) => store.getState().redo(),
  },
  {
    id: 'saveProject',
    label: 'Save',
    shortcut: 'Mod+S',
    global: true,
    enabled: hasProject,
    run: (store) => store.getState().flushSave(),
  },
  {
    id: 'runOperation',
    label: 'Run Operation',
    shortcut: 'F5',
    global: true,
    enabled: (store) => hasProject(store) && !isRunActive(store.getState().run) && targetOperation(store) !== undefined,
    run: (store) => store.getState().startRun(targetOperation(store)!),
  },
  {
    id: 'cancelRun',
    label: 'Cancel Run',
    shortcut: 'Shift+F5',
    global: true,
    enabled: (store) => isRunActive(store.getState().run),
    run: (store) => store.getState().cancelRun(),
  },
  {
    id: 'addOperation',
    label: 'Add Operation',
    shortcut: 'Mod+Alt+N',
    enabled: (store) => activeWorkflow(store) !== undefined,
    run: (store) => {
      const position = canvasControls.current?.centre() ?? { x: 80, y: 80 };
      store.getState().dispatch(addOperation, { workflow: activeWorkflow(store)!, name: 'New operation', position });
    },
  },
  {
    id: 'autoLayout',
    label: 'Auto-Layout Workflow',
    shortcut: 'Mod+Shift+L',
    enabled: () => canvasControls.current !== undefined,
    run: () => canvasControls.current?.autoLayout(),
  },
  {
    id: 'fitView',
    label: 'Fit Workflow to Window',
    shortcut: 'Mod+Shift+F',
    enabled: () => canvasControls.current !== undefined,
    run: () => canvasControls.current?.fitView(),
  },
  {
    id: 'showProblems',
    label: 'Show Problems',
    shortcut: 'Mod+Shift+M',
    global: true,
    enabled: hasProject,
    run: (store) => store.getState().setBottomTab('problems'),
  },
  {
    id: 'showRunLog',
    label: 'Show Run Log',
    shortcut: 'Mod+Shift+R',
    global: true,
    enabled: hasProject,
    run: (store) => store.getState().setBottomTab('run'),
  },
  {
    id: 'toggleTheme',
    label: 'Toggle Light/Dark Theme',
    shortcut: 'Mod+Alt+T',
    global: true,
    enabled: () => true,
    run: (store) => store.getState().setTheme(store.getState().theme === 'dark' ? 'light' : 'dark'),
  },
  ...editAppCommands,
  ...testAppCommands,
  ...syncAppCommands,
  {
    id: 'closeProject',
    label: 'Close Project',
    enabled: hasProject,
    run: (store) => store.getState().closeProject(),
  },
];
