import { canonicalJson } from '../json.ts';
import { mergeJson } from './json.ts';
import { mergeText } from './text.ts';

/** Project files by path relative to the project folder (`/` separators); absent = deleted. */
export type FileMap = ReadonlyMap<string, string>;

/** Both candidate versions of a file of a conflicted component; undefined: the file is deleted. */
export interface ConflictFile {
  path: string;
  mine?: string;
  theirs?: string;
}

/** A component both sides changed in ways that do not merge. */
export interface ComponentConflict {
  /** The component: its path without extension (`operations/convert`, `scripts/clean`, `chorus`). */
  component: string;
  /** Every file of the component, with the merge preferring my side and the one preferring theirs. */
  files: ConflictFile[];
  /** What conflicts, for people: `operations/convert.json: $.name`, `scripts/clean.chs: lines 3-5`. */
  details: string[];
}

export interface ProjectMerge {
  /** The merged project, conflicting parts as on my side (so nothing of mine leaves the folder). */
  files: Map<string, string>;
  conflicts: ComponentConflict[];
}

/** A component is its files sharing a path without extension: a script's JSON and its text. */
export function componentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

/**
 * Three-way merge of a project against the base both sides started from, per component and
 * within it per file: JSON files per field, other files (script text) line-wise. A component
 * deleted on one side and changed on the other is a conflict as a whole, so resolving it
 * keeps or drops all its files together.
 */
export function mergeProjectFiles(base: FileMap, mine: FileMap, theirs: FileMap): ProjectMerge {
  const groups = new Map<string, Set<string>>();
  for (const map of [base, mine, theirs]) {
    for (const path of map.keys()) {
      const key = componentOf(path);
      if (!groups.has(key)) groups.set(key, new Set());
      groups.get(key)!.add(path);
    }
  }

  const files = new Map<string, string>();
  const conflicts: ComponentConflict[] = [];
  for (const [component, pathSet] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const paths = [...pathSet].sort();
    const inBase = paths.some((p) => base.has(p));
    const gone = (side: FileMap) => inBase && !paths.some((p) => side.has(p));
    const changed = (side: FileMap) => paths.some((p) => side.get(p) !== base.get(p));
    const whole = (details: string) => {
      conflicts.push({ component, files: paths.map((path) => ({ path, mine: mine.get(path), theirs: theirs.get(path) })), details: [`${component}: ${details}`] });
      for (const p of paths) if (mine.has(p)) files.set(p, mine.get(p)!);
    };
    if (gone(mine) && !gone(theirs) && changed(theirs)) whole('deleted here, changed in the repository');
    else if (gone(theirs) && !gone(mine) && changed(mine)) whole('changed here, deleted in the repository');
    else {
      const merged = paths.map((path) => ({ path, ...mergeFile(path, base.get(path), mine.get(path), theirs.get(path)) }));
      for (const f of merged) if (f.mine !== undefined) files.set(f.path, f.mine);
      const details = merged.flatMap((f) => f.details);
      if (details.length) conflicts.push({ component, files: merged.map(({ path, mine: m, theirs: t }) => ({ path, mine: m, theirs: t })), details });
    }
  }
  return { files, conflicts };
}

interface FileMerge {
  mine?: string;
  theirs?: string;
  details: string[];
}

function mergeFile(path: string, base: string | undefined, mine: string | undefined, theirs: string | undefined): FileMerge {
  if (mine === theirs) return { mine, theirs, details: [] };
  if (base === mine) return { mine: theirs, theirs, details: [] };
  if (base === theirs) return { mine, theirs: mine, details: [] };
  if (mine === undefined || theirs === undefined) {
    return { mine, theirs, details: [`${path}: ${mine === undefined ? 'deleted here, changed in the repository' : 'changed here, deleted in the repository'}`] };
  }
  if (path.endsWith('.json')) {
    const docs = [base, mine, theirs].map((text) => (text === undefined ? undefined : parseOrFail(text)));
    if (!docs.includes(FAILED)) {
      const merged = mergeJson(docs[0], docs[1], docs[2]);
      return {
        mine: canonicalJson(merged.mine),
        theirs: canonicalJson(merged.theirs),
        details: merged.conflicts.map((field) => `${path}: ${field}`),
      };
    }
  }
  const merged = mergeText(base ?? '', mine, theirs);
  return {
    mine: merged.mine,
    theirs: merged.theirs,
    details: merged.conflicts.map(({ from, to }) => `${path}: ${to < from ? `insertion before line ${from}` : from === to ? `line ${from}` : `lines ${from}-${to}`}`),
  };
}

const FAILED = Symbol('unparsable');

/** A hand-edited file that is not JSON any more still merges, line-wise. */
function parseOrFail(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return FAILED;
  }
}
