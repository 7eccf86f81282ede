/** Commands on components (explorer) and on the canvas selection (clipboard). */
import type { ComponentRef } from '../store/components.ts';
import { findComponent } from '../store/components.ts';
import { duplicateComponent, duplicateOf } from '../store/component-commands.ts';
import { deleteOperations } from '../store/document-commands.ts';
import { pasteOperations } from '../store/operation-commands.ts';
import type { StudioStore } from '../store/studio-store.ts';
import type { AppCommand } from './app-commands.ts';

/** What the component commands apply to: the operation selected on an open canvas, else the active tab. */
export function subjectComponent(store: StudioStore): ComponentRef | undefined {
  const { activeTab, selectedOperation, project } = store.getState();
  if (!project || !activeTab) return undefined;
  if (activeTab.kind === 'workflows' && selectedOperation && findComponent(project, 'operations', selectedOperation)) return { kind: 'operations', id: selectedOperation };
  return findComponent(project, activeTab.kind, activeTab.id) ? activeTab : undefined;
}

/** Duplicates a component and shows the copy: selected on the canvas for an operation, else in its tab. */
export function duplicateAndShow(store: StudioStore, { kind, id }: ComponentRef): void {
  const { project, dispatch, openTab, selectOperation } = store.getState();
  const copy = duplicateOf(project!, kind, id).id;
  dispatch(duplicateComponent, { kind, id });
  if (kind === 'operations') selectOperation(copy);
  else openTab({ kind, id: copy });
}

const hasSubject = (store: StudioStore) => subjectComponent(store) !== undefined;
const canvasWorkflow = (store: StudioStore) => {
  const { activeTab } = store.getState();
  return activeTab?.kind === 'workflows' ? activeTab.id : undefined;
};

export const editAppCommands: AppCommand[] = [
  {
    id: 'renameComponent',
    label: 'Rename Component',
    shortcut: 'F2',
    enabled: hasSubject,
    run: (store) => store.getState().setRenaming(subjectComponent(store)),
  },
  {
    id: 'duplicateComponent',
    label: 'Duplicate Component',
    shortcut: 'Mod+Alt+D',
    enabled: hasSubject,
    run: (store) => duplicateAndShow(store, subjectComponent(store)!),
  },
  {
    id: 'deleteComponent',
    label: 'Delete Component…',
    shortcut: 'Mod+Delete',
    enabled: hasSubject,
    run: (store) => store.getState().setPendingDelete(subjectComponent(store)),
  },
  {
    id: 'findUsages',
    label: 'Find Usages',
    shortcut: 'Shift+F12',
    enabled: hasSubject,
    run: (store) => store.getState().showUsages(subjectComponent(store)!),
  },
  {
    id: 'copyOperations',
    label: 'Copy Operations',
    shortcut: 'Mod+C',
    passThrough: true,
    canvasOnly: true,
    enabled: (store) => canvasWorkflow(store) !== undefined && store.getState().selectedOperations.length > 0,
    run: (store) => {
      const { project, selectedOperations, setClipboard } = store.getState();
      const layout = project!.workflows.find((w) => w.id === canvasWorkflow(store))?.layout ?? {};
      const operations = project!.operations.filter((o) => selectedOperations.includes(o.id));
      setClipboard({ operations: structuredClone(operations), positions: Object.fromEntries(operations.map((o) => [o.id, layout[o.id] ?? { x: 80, y: 80 }])) });
    },
  },
  {
    id: 'pasteOperations',
    label: 'Paste Operations',
    shortcut: 'Mod+V',
    passThrough: true,
    canvasOnly: true,
    enabled: (store) => canvasWorkflow(store) !== undefined && (store.getState().clipboard?.operations.length ?? 0) > 0,
    run: (store) => {
      const { clipboard, dispatch, project } = store.getState();
      const before = new Set(project!.operations.map((o) => o.id));
      dispatch(pasteOperations, { workflow: canvasWorkflow(store)!, copied: clipboard! });
      // The copies come selected, ready to be dragged where they belong.
      store.getState().selectOperations(store.getState().project!.operations.filter((o) => !before.has(o.id)).map((o) => o.id));
    },
  },
  {
    // Handled here rather than by React Flow, so the selection the store holds is what goes; with none, the key reaches React Flow for edges.
    id: 'deleteSelectedOperations',
    label: 'Delete Selected Operations',
    shortcut: 'Delete',
    passThrough: true,
    canvasOnly: true,
    enabled: (store) => canvasWorkflow(store) !== undefined && store.getState().selectedOperations.length > 0,
    run: (store) => {
      const { selectedOperations, dispatch, selectOperation } = store.getState();
      dispatch(deleteOperations, { ids: selectedOperations });
      selectOperation(undefined);
    },
  },
  {
    id: 'showRunHistory',
    label: 'Show Run History',
    shortcut: 'Mod+Shift+H',
    global: true,
    enabled: (store) => store.getState().project !== undefined,
    run: (store) => store.getState().setBottomTab('history'),
  },
];
