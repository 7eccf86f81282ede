/**
 * Mapping formulas: Chorus Script inside a transformation's target field. A formula is
 * compiled once per mapping; per record it runs with the chain's globals and the current
 * source instance, and reads source fields by reference path (docs/script/formulas.md).
 */
import type { FormulaCompiler } from '../transform/compile.ts';
import type { Scope } from '../transform/paths.ts';
import { compileScript } from './compile.ts';
import { ScriptError } from './errors.ts';
import { Globals, type MappingContext, type ScriptEnv, type ScriptHost } from './env.ts';
import type { FunctionTable } from './functions/registry.ts';
import { fromHost, toHost, type ScriptValue } from './values.ts';

export interface FormulaOptions {
  host: ScriptHost;
  /** Project variables and built-ins, read when no global of that name is set. */
  fallback?: (name: string) => unknown;
  functions?: FunctionTable;
  /** The last error of the operation, shared with its script steps. */
  state?: { lastError: string };
  signal?: { readonly aborted: boolean };
}

/**
 * The script language's formula compiler for transformations. Formulas run in sync mode:
 * a function that waits (RunOperation, Sleep) cannot be called from a mapping, since it
 * would run once per record; call it from a script step instead.
 */
export function createFormulaCompiler(options: FormulaOptions): FormulaCompiler {
  const envs = new WeakMap<Map<string, unknown>, ScriptEnv & { mapping: FormulaMapping }>();
  // The env of the last globals seen: a transformation runs record after record in one chain.
  let lastGlobals: Map<string, unknown> | undefined;
  let lastEnv: (ScriptEnv & { mapping: FormulaMapping }) | undefined;
  const envFor = (globals: Map<string, unknown>, scope: Scope) => {
    if (globals === lastGlobals && lastEnv) {
      lastEnv.mapping.scope = scope;
      return lastEnv;
    }
    let env = envs.get(globals);
    if (!env) {
      env = {
        globals: new Globals(globals, options.fallback),
        host: options.host,
        state: options.state ?? { lastError: '' },
        depth: 0,
        deadline: Infinity,
        async: false,
        signal: options.signal,
        mapping: new FormulaMapping(scope),
      };
      envs.set(globals, env);
    }
    env.mapping.scope = scope;
    lastGlobals = globals;
    lastEnv = env;
    return env;
  };
  return (source, field) => {
    let script;
    try {
      script = compileScript(source, { mode: 'sync', functions: options.functions, sourceRef: (path) => compileSourcePath(path) });
    } catch (err) {
      throw inField(err, field);
    }
    return (scope, globals) => {
      const value = script.run(envFor(globals, scope));
      // A formula whose result is null leaves the target field out.
      return value === null ? undefined : toHost(value);
    };
  };
}

/**
 * The transformation context a formula sees: the current source instance, and the counters
 * of the loop generating the current target instance (RecordCount, TargetInstanceCount,
 * SourceInstanceCount: its 1-based position; CountSourceRecords: the loop's size). Outside
 * any loop there is one instance.
 */
class FormulaMapping implements MappingContext {
  constructor(public scope: Scope) {}

  private loop(): Scope | undefined {
    for (let s: Scope | undefined = this.scope; s; s = s.parent) if (s.index !== undefined) return s;
    return undefined;
  }

  get recordCount(): number {
    return (this.loop()?.index ?? 0) + 1;
  }

  get targetInstanceCount(): number {
    return this.recordCount;
  }

  get sourceInstanceCount(): number {
    return this.recordCount;
  }

  get sourceRecordCount(): number {
    return this.loop()?.count ?? 1;
  }
}

function inField(err: unknown, field: string): unknown {
  if (err instanceof ScriptError) err.message = `formula of "${field}": ${err.message}`;
  return err;
}

interface PathSegment {
  name: string;
  /** Written with `#`: every instance of this repeating node, not the current one. */
  all: boolean;
}

/**
 * Parses a reference path: node names separated by `$` or `.` (the two are the same here),
 * `#` after a repeating node meaning all its instances; a trailing separator is ignored.
 */
export function parseSourcePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const m of path.matchAll(/([^$.#]+)([$.#]?)/g)) segments.push({ name: m[1], all: m[2] === '#' });
  return segments;
}

/**
 * Compiles a reference path into a reader of the current record. Paths are absolute, from
 * the record root; the first name may be the source's root node (`_Root`, `json`), which is
 * skipped when the record has no field of that name. Passing a repeating node takes the
 * instance the current loop is on (the one generating this target instance), or the first
 * when no loop is over it; with `#` it takes them all and the result is an array.
 */
export function compileSourcePath(path: string): (env: ScriptEnv) => ScriptValue {
  const segments = parseSourcePath(path);
  if (segments.length === 0) throw new ScriptError('SCRIPT_SYNTAX', `"${path}" is not a source reference`);
  const scopeOf = (env: ScriptEnv): Scope => {
    const scope = env.mapping?.scope;
    if (!scope) throw new ScriptError('SCRIPT_NOT_ALLOWED', `the source reference ${path} can only be read in a transformation`);
    return scope;
  };
  if (!segments.some((s) => s.all)) return compilePlainPath(segments.map((s) => s.name), scopeOf);
  return (env) => {
    const scope = scopeOf(env);
    let root = scope;
    while (root.parent) root = root.parent;
    const skipRoot = segments.length > 1 && !hasField(root.value, segments[0].name);
    let value: unknown = root.value;
    let all: unknown[] | undefined;
    for (let i = skipRoot ? 1 : 0; i < segments.length; i++) {
      const { name, all: every } = segments[i];
      if (all === undefined) {
        value = field(current(value, scope), name);
        if (every) all = instances(value);
      } else {
        all = every ? all.flatMap((v) => instances(field(v, name))) : all.map((v) => field(current(v, scope), name));
      }
    }
    return fromHost(all ?? value);
  };
}

/** A path without `#` (the common case): one walk down the record, no intermediate arrays. */
function compilePlainPath(names: string[], scopeOf: (env: ScriptEnv) => Scope): (env: ScriptEnv) => ScriptValue {
  // `__proto__` would read the prototype; every other name reads own data fields, since a
  // record (parsed CSV, JSON or XML) never holds functions: anything inherited is one.
  const get = names.includes('__proto__') ? field : fieldValue;
  const first = names[0];
  return (env) => {
    const scope = scopeOf(env);
    let root = scope;
    while (root.parent) root = root.parent;
    let value: unknown = root.value;
    for (let i = names.length > 1 && get(value, first) === undefined ? 1 : 0; i < names.length; i++) {
      if (Array.isArray(value)) value = current(value, scope);
      value = get(value, names[i]);
    }
    return typeof value === 'string' || typeof value === 'number' ? value : fromHost(value);
  };
}

function fieldValue(v: unknown, name: string): unknown {
  if (v === null || typeof v !== 'object') return undefined;
  const x = (v as Record<string, unknown>)[name];
  return typeof x === 'function' ? undefined : x;
}

function hasField(v: unknown, name: string): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, name);
}

function field(v: unknown, name: string): unknown {
  const instance = Array.isArray(v) ? v[0] : v;
  return hasField(instance, name) ? (instance as Record<string, unknown>)[name] : undefined;
}

function instances(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** Of a repeating node's instances, the one a loop in the current scope is on. */
function current(v: unknown, scope: Scope): unknown {
  if (!Array.isArray(v)) return v;
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (v.includes(s.value)) return s.value;
  }
  return v[0];
}
