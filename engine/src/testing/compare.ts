/**
 * Structural comparison of two documents (parsed JSON, CSV rows, canonical XML trees):
 * a list of differences, each at a path written like `orders[1].customer.name`.
 */

export type PathSegment = string | number;

export interface Difference {
  path: string;
  /** Undefined when the expected document has nothing at this path. */
  expected: unknown;
  /** Undefined when the actual document has nothing at this path. */
  actual: unknown;
}

export interface CompareOptions {
  /** Paths left out, `*` matching any key or index: `orders[*].createdAt`. A path also ignores what is below it. */
  ignore?: readonly string[];
  /** Path of the array whose items are compared as a multiset (the records), or undefined. */
  unorderedAt?: readonly PathSegment[];
  /** One value where the other side has a list counts as a list of one (XML, where one element and several look different). */
  listsOfOne?: boolean;
}

/** Differences between `expected` and `actual`, in document order. */
export function compareDocuments(expected: unknown, actual: unknown, options: CompareOptions = {}): Difference[] {
  const ignore = (options.ignore ?? []).map(parsePathPattern);
  const unorderedAt = options.unorderedAt && formatPath(options.unorderedAt);
  const out: Difference[] = [];
  const walk = (exp: unknown, act: unknown, at: PathSegment[]): void => {
    if (ignore.some((pattern) => matchesPrefix(pattern, at))) return;
    if (options.listsOfOne && Array.isArray(exp) !== Array.isArray(act) && exp !== undefined && act !== undefined) {
      return walk(Array.isArray(exp) ? exp : [exp], Array.isArray(act) ? act : [act], at);
    }
    if (Array.isArray(exp) && Array.isArray(act)) {
      if (formatPath(at) === unorderedAt) return compareUnordered(exp, act, at);
      for (let i = 0; i < Math.max(exp.length, act.length); i++) walk(exp[i], act[i], [...at, i]);
      return;
    }
    if (isObject(exp) && isObject(act)) {
      const keys = [...Object.keys(exp), ...Object.keys(act).filter((k) => !(k in exp))];
      for (const key of keys) walk(exp[key], act[key], [...at, key]);
      return;
    }
    if (!sameScalar(exp, act)) out.push({ path: formatPath(at), expected: exp, actual: act });
  };
  /** Each expected item takes the first unmatched actual item equal to it; what is left over differs. */
  const compareUnordered = (exp: unknown[], act: unknown[], at: PathSegment[]): void => {
    const taken = new Set<number>();
    const missing: number[] = [];
    exp.forEach((item, i) => {
      const j = act.findIndex((candidate, k) => !taken.has(k) && compareDocuments(item, candidate, { ...options, unorderedAt: undefined, ignore: relativeIgnore(options.ignore, at) }).length === 0);
      if (j >= 0) taken.add(j);
      else missing.push(i);
    });
    for (const i of missing) out.push({ path: formatPath([...at, i]), expected: exp[i], actual: undefined });
    act.forEach((item, j) => {
      if (!taken.has(j)) out.push({ path: formatPath([...at, j]), expected: undefined, actual: item });
    });
  };
  walk(expected, actual, []);
  return out;
}

/** Ignore patterns as seen from inside an item of the array at `at`: `orders[*].createdAt` becomes `createdAt`. */
function relativeIgnore(ignore: readonly string[] | undefined, at: PathSegment[]): string[] {
  const relative: string[] = [];
  for (const pattern of (ignore ?? []).map(parsePathPattern)) {
    if (pattern.length > at.length + 1 && at.every((s, i) => pattern[i] === '*' || pattern[i] === s)) relative.push(formatPath(pattern.slice(at.length + 1)));
  }
  return relative;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return String(a instanceof Date ? a.toISOString() : a) === String(b instanceof Date ? b.toISOString() : b);
  return Object.is(a, b) || (a === 0 && b === 0);
}

/** `orders[*].createdAt` -> ['orders', '*', 'createdAt']; `["a b"]` quotes a key. */
export function parsePathPattern(pattern: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const token = /\[(\*|\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/gy;
  let match: RegExpExecArray | null;
  while (token.lastIndex < pattern.length && (match = token.exec(pattern)) !== null) {
    if (match[1] !== undefined) segments.push(match[1] === '*' ? '*' : Number(match[1]));
    else if (match[2] !== undefined) segments.push(JSON.parse(`"${match[2]}"`) as string);
    else segments.push(match[3]);
  }
  return segments;
}

function matchesPrefix(pattern: PathSegment[], at: PathSegment[]): boolean {
  if (pattern.length === 0 || pattern.length > at.length) return false;
  return pattern.every((p, i) => p === '*' || p === at[i]);
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_@#$][\w@#$:-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
