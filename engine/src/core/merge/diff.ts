/** A changed region: base lines [baseStart, baseEnd) became side lines [sideStart, sideEnd). */
export interface Hunk {
  baseStart: number;
  baseEnd: number;
  sideStart: number;
  sideEnd: number;
}

/**
 * Beyond this many differences the diff gives up and reports the middle as one hunk: Myers'
 * trace grows with the square of the differences, and two scripts that different merge as a
 * conflict anyway.
 */
const MAX_EDITS = 2000;

/** The changed regions between two lists of lines (Myers' O(ND) diff, common ends trimmed first). */
export function diffLines(base: readonly string[], side: readonly string[]): Hunk[] {
  let start = 0;
  while (start < base.length && start < side.length && base[start] === side[start]) start++;
  let endBase = base.length;
  let endSide = side.length;
  while (endBase > start && endSide > start && base[endBase - 1] === side[endSide - 1]) {
    endBase--;
    endSide--;
  }
  const matches = myersMatches(base.slice(start, endBase), side.slice(start, endSide));
  if (matches === undefined) return endBase > start || endSide > start ? [{ baseStart: start, baseEnd: endBase, sideStart: start, sideEnd: endSide }] : [];

  const hunks: Hunk[] = [];
  let b = 0;
  let s = 0;
  for (const [mb, ms] of [...matches, [endBase - start, endSide - start] as const]) {
    if (mb > b || ms > s) hunks.push({ baseStart: b + start, baseEnd: mb + start, sideStart: s + start, sideEnd: ms + start });
    b = mb + 1;
    s = ms + 1;
  }
  return hunks;
}

/** Matching line pairs [baseIndex, sideIndex] in order, or undefined past MAX_EDITS. */
function myersMatches(a: readonly string[], b: readonly string[]): [number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return undefined;

  const matches: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = prev[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) matches.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) matches.push([--x, --y]);
  return matches.reverse();
}
