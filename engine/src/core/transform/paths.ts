import { ChorusError } from '../errors.ts';

/** Where a path is evaluated: the current loop instance and the ones around it. */
export interface Scope {
  value: unknown;
  parent?: Scope;
  /** In a loop: this instance's 0-based position, and how many instances the loop has. */
  index?: number;
  count?: number;
}

/**
 * A source path compiled once: returns the value at the path, taking the first instance of
 * any repeating field it passes through (the value itself is returned whole, array or not).
 */
export type PathGetter = (scope: Scope) => unknown;
/** The same path, returning every instance (for loops): arrays along the way are flattened. */
export type PathCollector = (scope: Scope) => unknown[];

interface ParsedPath {
  up: number;
  fromRoot: boolean;
  segments: string[];
}

/**
 * Source paths: `customer.name` is relative to the current loop instance, `/orderId` starts
 * at the record root, each leading `../` climbs one loop level, `.` is the instance itself.
 */
export function parsePath(path: string, field: string): ParsedPath {
  let rest = path.trim();
  let fromRoot = false;
  let up = 0;
  if (rest.startsWith('/')) {
    fromRoot = true;
    rest = rest.slice(1);
  }
  while (!fromRoot && rest.startsWith('../')) {
    up++;
    rest = rest.slice(3);
  }
  if (rest === '' || rest === '.' || rest === '..') {
    if (rest === '..') up++;
    return { up, fromRoot, segments: [] };
  }
  const segments = rest.split('.');
  if (segments.some((s) => s === '')) {
    throw new ChorusError('TRANSFORM_INVALID', `target field "${field}": source path "${path}" has an empty segment`);
  }
  return { up, fromRoot, segments };
}

function startScope(p: ParsedPath, field: string, path: string): (scope: Scope) => unknown {
  if (p.fromRoot) {
    return (scope) => {
      let s = scope;
      while (s.parent) s = s.parent;
      return s.value;
    };
  }
  if (p.up === 0) return (scope) => scope.value;
  return (scope) => {
    let s: Scope | undefined = scope;
    for (let i = 0; i < p.up && s; i++) s = s.parent;
    if (!s) throw new ChorusError('TRANSFORM_INVALID', `target field "${field}": source path "${path}" climbs above the record`);
    return s.value;
  };
}

export function compileGetter(path: string, field: string): PathGetter {
  const p = parsePath(path, field);
  const start = startScope(p, field, path);
  const segments = p.segments;
  if (segments.length === 1) {
    const key = segments[0];
    return (scope) => child(first(start(scope)), key);
  }
  return (scope) => {
    let v = start(scope);
    for (const key of segments) v = child(first(v), key);
    return v;
  };
}

export function compileCollector(path: string, field: string): PathCollector {
  const p = parsePath(path, field);
  const start = startScope(p, field, path);
  return (scope) => {
    let values = [start(scope)];
    for (const key of p.segments) {
      const next: unknown[] = [];
      for (const v of values) {
        for (const item of Array.isArray(v) ? v : [v]) {
          const c = child(item, key);
          if (c !== undefined && c !== null) next.push(c);
        }
      }
      values = next;
    }
    return values.flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]));
  };
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** A field of a record; never a member inherited from Object.prototype ("constructor"). */
function child(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
}
