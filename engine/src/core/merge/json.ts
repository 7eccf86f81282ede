import { jsonPath } from '../json.ts';

/** The result of a three-way JSON merge: equal values when there is no conflict. */
export interface JsonMerge {
  /** The merge with each conflicting field as on my side (undefined: the document is absent). */
  mine: unknown;
  /** The merge with each conflicting field as on their side. */
  theirs: unknown;
  /** JSON paths of the fields both sides changed differently, e.g. `$.steps`, `$.layout.convert.x`. */
  conflicts: string[];
}

/**
 * Three-way merge of JSON documents, field by field: a field one side changed takes that
 * side's value; a field both changed to different values is a conflict. Objects merge per
 * key, recursively (an absent key is `undefined`, so adding and removing fields merge too).
 * Arrays are values: their order carries meaning (operation steps, workflow order) and their
 * items have no ids, so two different edits of one array are a conflict rather than a guess.
 */
export function mergeJson(base: unknown, mine: unknown, theirs: unknown): JsonMerge {
  const conflicts: string[] = [];
  const [m, t] = merge(base, mine, theirs, [], conflicts);
  return { mine: m, theirs: t, conflicts };
}

function merge(base: unknown, mine: unknown, theirs: unknown, path: (string | number)[], conflicts: string[]): [unknown, unknown] {
  if (jsonEqual(mine, theirs)) return [mine, mine];
  if (jsonEqual(base, mine)) return [theirs, theirs];
  if (jsonEqual(base, theirs)) return [mine, mine];
  if (isObject(mine) && isObject(theirs) && (base === undefined || isObject(base))) {
    const b = base ?? {};
    const outMine: Record<string, unknown> = {};
    const outTheirs: Record<string, unknown> = {};
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(mine), ...Object.keys(theirs)])].sort()) {
      const [m, t] = merge(b[key], mine[key], theirs[key], [...path, key], conflicts);
      if (m !== undefined) outMine[key] = m;
      if (t !== undefined) outTheirs[key] = t;
    }
    return [outMine, outTheirs];
  }
  conflicts.push(jsonPath(path));
  return [mine, theirs];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Structural equality of JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    return keys.length === Object.keys(b).filter((k) => b[k] !== undefined).length && keys.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}
