import type { StateCreator } from 'zustand';
import type { Project } from '../../../engine/src/core/model/project.ts';
import type { Problem } from '../../../engine/src/core/problems.ts';
import type { ComponentChange } from '../../../preload/contract.ts';
import type { StudioClient } from '../api/client.ts';
import { applyDeltas, diffProjects, refKey, type ComponentDelta } from './components.ts';
import { takeDiskVersion, type DocumentCommand } from './document-commands.ts';
import { emptyHistory, record, type History } from './history.ts';
import { reconcile, type Conflict } from './reconcile.ts';
import type { StudioState } from './studio-store.ts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/** The open project: the single source of truth for everything the studio shows. */
export interface DocumentSlice {
  folder?: string;
  project?: Project;
  /** What is on disk, or on its way there: autosave writes the difference to `project`. */
  saved?: Project;
  /** Problems the host reported when loading (files that did not load among them). */
  loadProblems: Problem[];
  history: History;
  conflicts: Conflict[];
  saveState: SaveState;
  saveError?: string;
  /** Why opening or creating a project failed. */
  openError?: string;
  openProject(folder: string): Promise<boolean>;
  createProject(request: { template?: string; folder: string; name: string }): Promise<boolean>;
  closeProject(): Promise<void>;
  dispatch<A>(command: DocumentCommand<A>, args: A): void;
  undo(): void;
  redo(): void;
  /** Saves now what autosave would save later. */
  flushSave(): Promise<void>;
  reloadFromDisk(): Promise<void>;
  resolveConflict(conflict: Conflict, keep: 'mine' | 'theirs'): void;
}

export interface DocumentOptions {
  /** Quiet time after the last edit before autosave writes. */
  autosaveMs: number;
  now: () => number;
}

type Opened = Awaited<ReturnType<StudioClient['api']['projects']['open']>>;

export function createDocumentSlice(client: StudioClient, options: DocumentOptions): StateCreator<StudioState, [], [], DocumentSlice> {
  return (set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let saving: Promise<void> | undefined;
    let reloadAfterSave = false;

    const scheduleSave = () => {
      clearTimeout(timer);
      set({ saveState: 'pending' });
      timer = setTimeout(() => void get().flushSave(), options.autosaveMs);
    };

    const applyEdit = (project: Project, deltas: ComponentDelta[], history: History) => {
      set({ project, history });
      if (deltas.length) scheduleSave();
    };

    const show = (opened: Opened): boolean => {
      if (!opened.project) {
        set({ openError: opened.problems[0]?.message ?? `${opened.folder} is not a Chorus project` });
        return false;
      }
      set({
        folder: opened.folder,
        project: opened.project,
        saved: opened.project,
        loadProblems: opened.problems,
        history: emptyHistory,
        conflicts: [],
        saveState: 'saved',
        saveError: undefined,
        openError: undefined,
        tabs: [],
        activeTab: opened.project.workflows[0] ? { kind: 'workflows', id: opened.project.workflows[0].id } : undefined,
        selectedOperation: undefined,
        selectedOperations: [],
        renaming: undefined,
        pendingDelete: undefined,
        usagesOf: undefined,
        run: undefined,
        runHistory: [],
      });
      const first = opened.project.workflows[0];
      if (first) get().openTab({ kind: 'workflows', id: first.id });
      void client.api.projects.watch({ folder: opened.folder }).catch(() => undefined);
      return true;
    };

    const attempt = async (open: () => Promise<Opened>): Promise<boolean> => {
      try {
        await get().closeProject();
        return show(await open());
      } catch (err) {
        set({ openError: (err as Error).message });
        return false;
      }
    };

    const save = async () => {
      const { folder, project, saved, conflicts } = get();
      if (!folder || !project || !saved) return;
      const held = new Set(conflicts.map(refKey));
      const deltas = diffProjects(saved, project).filter((d) => !held.has(refKey(d)));
      if (!deltas.length) {
        set({ saveState: 'saved' });
        return;
      }
      const changes: ComponentChange[] = deltas.map((d) => (d.after ? { op: 'write', kind: d.kind, doc: d.after } : { op: 'delete', kind: d.kind, id: d.id }));
      // Counted as saved while in flight, so our own save coming back from the watcher is no conflict.
      set({ saved: applyDeltas(saved, deltas, 'after'), saveState: 'saving' });
      try {
        await client.api.projects.save({ folder, changes });
        const dirty = diffProjects(get().saved ?? project, get().project ?? project).length > 0;
        set({ saveState: dirty ? 'pending' : 'saved', saveError: undefined });
      } catch (err) {
        // Back to what is really on disk, so the next save sends these changes again.
        set((s) => ({ saved: s.saved && applyDeltas(s.saved, deltas, 'before'), saveState: 'error', saveError: (err as Error).message }));
      }
    };

    return {
      loadProblems: [],
      history: emptyHistory,
      conflicts: [],
      saveState: 'saved',

      openProject: (folder) => attempt(() => client.api.projects.open({ folder })),
      createProject: (request) => attempt(() => client.api.projects.createFromTemplate(request)),

      async closeProject() {
        const { folder } = get();
        if (!folder) return;
        await get().flushSave();
        void client.api.projects.unwatch({ folder }).catch(() => undefined);
        set({ folder: undefined, project: undefined, saved: undefined, loadProblems: [], history: emptyHistory, conflicts: [], tabs: [], activeTab: undefined });
      },

      dispatch(command, args) {
        const { project, history } = get();
        if (!project) return;
        const next = command.run(project, args);
        const deltas = diffProjects(project, next);
        if (!deltas.length) return;
        const entry = { label: command.label(args), deltas, mergeKey: command.mergeKey?.(args), at: options.now() };
        applyEdit(next, deltas, record(history, entry));
      },

      undo() {
        const { project, history } = get();
        const entry = history.past.at(-1);
        if (!project || !entry) return;
        applyEdit(applyDeltas(project, entry.deltas, 'before'), entry.deltas, { past: history.past.slice(0, -1), future: [entry, ...history.future] });
      },

      redo() {
        const { project, history } = get();
        const entry = history.future[0];
        if (!project || !entry) return;
        applyEdit(applyDeltas(project, entry.deltas, 'after'), entry.deltas, { past: [...history.past, entry], future: history.future.slice(1) });
      },

      async flushSave() {
        clearTimeout(timer);
        while (saving) await saving;
        saving = save().finally(() => (saving = undefined));
        await saving;
        if (reloadAfterSave) {
          reloadAfterSave = false;
          await get().reloadFromDisk();
        }
      },

      async reloadFromDisk() {
        const { folder } = get();
        if (!folder) return;
        if (saving) {
          reloadAfterSave = true;
          return;
        }
        const opened = await client.api.projects.open({ folder });
        const { project, saved, conflicts } = get();
        if (!opened.project || !project || !saved || get().folder !== folder) return;
        const result = reconcile(saved, project, opened.project);
        const fresh = new Set(result.conflicts.map(refKey));
        set({
          project: result.project,
          saved: opened.project,
          loadProblems: opened.problems,
          conflicts: [...conflicts.filter((c) => !fresh.has(refKey(c))), ...result.conflicts],
        });
      },

      resolveConflict(conflict, keep) {
        set((s) => ({ conflicts: s.conflicts.filter((c) => refKey(c) !== refKey(conflict)) }));
        if (keep === 'theirs') {
          get().dispatch(takeDiskVersion, { kind: conflict.kind, id: conflict.id, doc: conflict.theirs });
          return;
        }
        // Mine wins: `saved` already holds the disk version, so autosave now writes mine over it.
        scheduleSave();
      },
    };
  };
}
