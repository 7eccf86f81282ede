import type { StateCreator } from 'zustand';
import type { ComponentRef } from './components.ts';

export type Theme = 'light' | 'dark';
export type BottomTab = 'problems' | 'run';

/** Where the designer is looking: panels, tabs, selection. Never part of the undo history. */
export interface UiSlice {
  tabs: ComponentRef[];
  activeTab?: ComponentRef;
  selectedOperation?: string;
  bottomTab: BottomTab;
  theme: Theme;
  paletteOpen: boolean;
  /** A field the forms should reveal (from a problem's JSON path). */
  focusPath?: string;
  openTab(tab: ComponentRef, focusPath?: string): void;
  closeTab(tab: ComponentRef): void;
  selectOperation(id: string | undefined): void;
  setBottomTab(tab: BottomTab): void;
  setTheme(theme: Theme): void;
  setPaletteOpen(open: boolean): void;
}

const same = (a: ComponentRef | undefined, b: ComponentRef) => a?.kind === b.kind && a.id === b.id;

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  tabs: [],
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
  selectOperation: (id) => set({ selectedOperation: id }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  setTheme: (theme) => set({ theme }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
});
