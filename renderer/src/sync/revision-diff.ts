import { diffLines } from '../../../engine/src/core/merge/diff.ts';

export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

export interface FileDiff {
  path: string;
  change: 'added' | 'deleted' | 'modified';
  lines: DiffLine[];
}

/** Lines of context kept around each change; the rest of an unchanged file is left out. */
const CONTEXT = 2;

/** How the project files of revision `to` differ from those of `from`, file by file, as line diffs. */
export function diffRevisions(from: Record<string, string>, to: Record<string, string>): FileDiff[] {
  const out: FileDiff[] = [];
  for (const path of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
    const a = from[path];
    const b = to[path];
    if (a === b) continue;
    const change = a === undefined ? 'added' : b === undefined ? 'deleted' : 'modified';
    out.push({ path, change, lines: lineDiff(a ?? '', b ?? '') });
  }
  return out;
}

function lineDiff(a: string, b: string): DiffLine[] {
  const left = a === '' ? [] : a.replace(/\n$/, '').split('\n');
  const right = b === '' ? [] : b.replace(/\n$/, '').split('\n');
  const lines: DiffLine[] = [];
  let at = 0;
  for (const h of diffLines(left, right)) {
    for (let i = at; i < h.baseStart; i++) lines.push({ kind: 'same', text: left[i] });
    for (let i = h.baseStart; i < h.baseEnd; i++) lines.push({ kind: 'removed', text: left[i] });
    for (let i = h.sideStart; i < h.sideEnd; i++) lines.push({ kind: 'added', text: right[i] });
    at = h.baseEnd;
  }
  for (let i = at; i < left.length; i++) lines.push({ kind: 'same', text: left[i] });
  return lines.filter((line, i) => line.kind !== 'same' || lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.kind !== 'same'));
}
