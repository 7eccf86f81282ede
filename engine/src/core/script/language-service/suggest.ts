/** "Did you mean": the closest known name by edit distance, ignoring case. */

/** Levenshtein distance with one row of memory. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost));
    }
    row = next;
  }
  return row[b.length];
}

/**
 * The candidate nearest to `name`, if it is near enough to be a typo: at most a third of the
 * name's length (and at least 1) edits away. Ties go to the earlier candidate.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const target = name.toLowerCase();
  const limit = Math.max(1, Math.floor(target.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(target, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
