import { diffLines, type Hunk } from './diff.ts';

/** A region both sides changed differently, in 1-based base lines (`to` < `from` for an insertion before `from`). */
export interface TextConflict {
  from: number;
  to: number;
}

/** The result of a three-way text merge: equal texts when there is no conflict. */
export interface TextMerge {
  /** The merge with each conflicting region as on my side. */
  mine: string;
  /** The merge with each conflicting region as on their side. */
  theirs: string;
  conflicts: TextConflict[];
}

/** Lines with their terminators, so joining them gives the text back byte for byte. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

interface SideHunk extends Hunk {
  side: 'mine' | 'theirs';
}

/**
 * Line-wise three-way merge (diff3): regions changed on one side only are taken from that
 * side; regions both sides changed, touching or overlapping, are a conflict unless both made
 * the same change. Touching counts as overlapping because the order of two insertions at
 * one place is a guess.
 */
export function mergeText(base: string, mine: string, theirs: string): TextMerge {
  const baseLines = splitLines(base);
  const sides = { mine: splitLines(mine), theirs: splitLines(theirs) };
  const hunks: SideHunk[] = [
    ...diffLines(baseLines, sides.mine).map((h) => ({ ...h, side: 'mine' as const })),
    ...diffLines(baseLines, sides.theirs).map((h) => ({ ...h, side: 'theirs' as const })),
  ].sort((p, q) => p.baseStart - q.baseStart || p.baseEnd - q.baseEnd);

  const out = { mine: [] as string[], theirs: [] as string[] };
  const conflicts: TextConflict[] = [];
  let copied = 0;
  for (let i = 0; i < hunks.length; ) {
    const group = [hunks[i++]];
    let lo = group[0].baseStart;
    let hi = group[0].baseEnd;
    while (i < hunks.length && (hunks[i].baseStart < hi || (hunks[i].baseStart === hi && (lo === hi || hunks[i].baseStart === hunks[i].baseEnd)))) {
      lo = Math.min(lo, hunks[i].baseStart);
      hi = Math.max(hi, hunks[i].baseEnd);
      group.push(hunks[i++]);
    }
    const unchanged = baseLines.slice(copied, lo);
    out.mine.push(...unchanged);
    out.theirs.push(...unchanged);
    copied = hi;

    const mineText = regionOf(group, 'mine', lo, hi, baseLines, sides.mine);
    const theirsText = regionOf(group, 'theirs', lo, hi, baseLines, sides.theirs);
    const mineChanged = group.some((h) => h.side === 'mine');
    const theirsChanged = group.some((h) => h.side === 'theirs');
    if (mineChanged && theirsChanged && !sameLines(mineText, theirsText)) {
      conflicts.push({ from: lo + 1, to: hi });
      out.mine.push(...mineText);
      out.theirs.push(...theirsText);
    } else {
      const taken = mineChanged ? mineText : theirsText;
      out.mine.push(...taken);
      out.theirs.push(...taken);
    }
  }
  const rest = baseLines.slice(copied);
  out.mine.push(...rest);
  out.theirs.push(...rest);
  return { mine: out.mine.join(''), theirs: out.theirs.join(''), conflicts };
}

/** What one side has in place of base lines [lo, hi). */
function regionOf(group: SideHunk[], side: SideHunk['side'], lo: number, hi: number, base: string[], lines: string[]): string[] {
  const own = group.filter((h) => h.side === side);
  if (own.length === 0) return base.slice(lo, hi);
  const first = own[0];
  const last = own[own.length - 1];
  return lines.slice(first.sideStart - (first.baseStart - lo), last.sideEnd + (hi - last.baseEnd));
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}
