import type { ComponentDelta } from './components.ts';

/** One undoable edit of the document: what changed, and the label shown as "Undo <label>". */
export interface HistoryEntry {
  label: string;
  deltas: ComponentDelta[];
  /** Edits with the same key in quick succession (typing in one field) merge into one entry. */
  mergeKey?: string;
  at: number;
}

export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const emptyHistory: History = { past: [], future: [] };
/** Old entries are dropped past this many, so a long session does not grow without bound. */
export const HISTORY_LIMIT = 200;
export const MERGE_WINDOW_MS = 1000;

/** Adds an edit; a new edit clears redo. */
export function record(history: History, entry: HistoryEntry): History {
  const last = history.past.at(-1);
  if (last && entry.mergeKey !== undefined && last.mergeKey === entry.mergeKey && entry.at - last.at <= MERGE_WINDOW_MS) {
    return { past: [...history.past.slice(0, -1), { ...entry, deltas: mergeDeltas(last.deltas, entry.deltas) }], future: [] };
  }
  return { past: [...history.past, entry].slice(-HISTORY_LIMIT), future: [] };
}

/** Keeps the oldest `before` and the newest `after` of each component. */
function mergeDeltas(older: ComponentDelta[], newer: ComponentDelta[]): ComponentDelta[] {
  const merged = new Map(older.map((d) => [`${d.kind}/${d.id}`, d]));
  for (const d of newer) {
    const key = `${d.kind}/${d.id}`;
    const prior = merged.get(key);
    merged.set(key, prior ? { ...d, before: prior.before } : d);
  }
  return [...merged.values()];
}
