import type { StateCreator } from 'zustand';
import type { ComponentRef } from './components.ts';
import type { CopiedOperations } from './operation-commands.ts';

export type Theme = 'light' | 'dark';
export type BottomTab = 'problems' | 'run' | 'history' | 'usages' | 'tests' | 'sync';

/** Where the designer is looking: panels, tabs, selection. Never part of the undo history. */
export interface UiSlice {
  tabs: ComponentRef[];
  activeTab?: ComponentRef;
  /** The operation runs and edits apply to: the last one clicked. */
  selectedOperation?: string;
  /** Every operation selected on the canvas (copy, delete). */
  selectedOperations: string[];
  bottomTab: BottomTab;
  theme: Theme;
  paletteOpen: boolean;
  /** A field the forms should reveal (from a problem's JSON path). */
  focusPath?: string;
  /** Operations copied with Ctrl+C; not the system clipboard, which cannot hold them across a reload anyway. */
  clipboard?: CopiedOperations;
  /** The explorer item being renamed in place. */
  renaming?: ComponentRef;
  /** A delete waiting for the designer's confirmation. */
  pendingDelete?: ComponentRef;
  /** The component whose usages the bottom panel lists. */
  usagesOf?: ComponentRef;
  openTab(tab: ComponentRef, focusPath?: string): void;
  closeTab(tab: ComponentRef): void;
  selectOperation(id: string | undefined): void;
  selectOperations(ids: string[]): void;
  setBottomTab(tab: BottomTab): void;
  setTheme(theme: Theme): void;
  setPaletteOpen(open: boolean): void;
  setClipboard(copied: CopiedOperations): void;
  setRenaming(ref: ComponentRef | undefined): void;
  setPendingDelete(ref: ComponentRef | undefined): void;
  showUsages(ref: ComponentRef): void;
}

const same = (a: ComponentRef | undefined, b: ComponentRef) => a?.kind === b.kind && a.id === b.id;

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  tabs: [],
  selectedOperations: [],
  bottomTab: 'problems',
  theme: 'light',
  paletteOpen: false,
  openTab: (tab, focusPath) =>
    set((s) => ({ tabs: s.tabs.some((t) => same(t, tab)) ? s.tabs : [...s.tabs, tab], activeTab: tab, focusPath })),
  closeTab: (tab) =>
    set((s) => {
      const tabs = s.tabs.filter((t) => !same(t, tab));
      return { tabs, activeTab: same(s.activeTab, tab) ? tabs.at(-1) : s.activeTab };
    }),
  selectOperation: (id) => set({ selectedOperation: id, selectedOperations: id ? [id] : [] }),
  selectOperations: (ids) =>
    set((s) => {
      if (ids.length === s.selectedOperations.length && ids.every((id) => s.selectedOperations.includes(id))) return {};
      return { selectedOperations: ids, selectedOperation: s.selectedOperation && ids.includes(s.selectedOperation) ? s.selectedOperation : ids[0] };
    }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  setTheme: (theme) => set({ theme }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setClipboard: (clipboard) => set({ clipboard }),
  setRenaming: (renaming) => set({ renaming }),
  setPendingDelete: (pendingDelete) => set({ pendingDelete }),
  showUsages: (usagesOf) => set({ usagesOf, bottomTab: 'usages' }),
});
