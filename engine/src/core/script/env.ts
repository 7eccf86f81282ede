/**
 * What a running script can see and reach: the chain's global variables, the last error of
 * the operation, limits, and the capabilities the host hands in (clock, files, operations,
 * other scripts, cache, environment). The language itself reaches nothing else, which is
 * what lets the same library run in the CLI, the studio's worker and tests.
 */
import type { Scope } from '../transform/paths.ts';
import { scriptError } from './errors.ts';
import { fromHost, type ScriptValue } from './values.ts';

export type LogLevel = 'info' | 'warning' | 'error';

/** Files reached through `<TAG>activity:...</TAG>` references (File functions). Synchronous. */
export interface FileCapability {
  /** Contents of the first file matching the activity (or `filter`); throws when none. */
  read(ref: string, filter?: string): Uint8Array;
  /** Adds to the in-memory buffer of a target; written by flush or when the operation ends. */
  write(ref: string, content: Uint8Array, fileName?: string): void;
  /** Writes buffered content: of one target (and file name), or of every target. */
  flush(ref?: string, fileName?: string): void;
  /** Names of files (or folders with `dirs`) of the activity's folder, or `path` under it. */
  list(ref: string, options: { path?: string; filter?: string; dirs?: boolean }): string[];
  /** Deletes matching files; with `single`, more than one match is an error. Returns the count. */
  delete(ref: string, options: { filter?: string; single: boolean }): number;
  /** Copies the first matching source file to the target, never overwriting; optionally deletes the source. */
  archive(sourceRef: string, targetRef: string, deleteSource: boolean): void;
}

/** Runs operations of the project (RunOperation). */
export interface OperationCapability {
  /** Runs the operation and its chain; true when it succeeded. `sync` false queues it. */
  run(ref: string, sync: boolean, env: ScriptEnv): Promise<boolean>;
}

/** Runs other scripts of the project (RunScript). */
export interface ScriptCapability {
  /**
   * Runs a script with arguments (`_1`, `_2`...). With `env.async` false it must answer
   * synchronously (a script that needs async work then fails with SCRIPT_NOT_ALLOWED).
   */
  call(ref: string, args: ScriptValue[], env: ScriptEnv): ScriptValue | Promise<ScriptValue>;
}

/** A local key-value cache with expiry (ReadCache / WriteCache). */
export interface CacheCapability {
  read(name: string, scope: string, expirationSeconds: number): ScriptValue;
  write(name: string, scope: string, value: ScriptValue, expirationSeconds: number): void;
}

/** Values of the environment information functions (GetAgentName...). */
export interface EnvironmentInfo {
  agentName: string;
  agentVersion: string;
  environmentName: string;
  organizationName: string;
  serverName: string;
}

export interface ScriptHost {
  /** Milliseconds since the Unix epoch (Now()). */
  now(): number;
  /** IANA time zone whose wall clock Now() shows, e.g. "Europe/Paris" or "UTC". */
  timeZone: string;
  /** A uniform random number in [0, 1) (Random, RandomString, GUID). */
  random(): number;
  /** The operation log (WriteToOperationLog, SetLastError warnings). */
  log(level: LogLevel, message: string): void;
  files?: FileCapability;
  operations?: OperationCapability;
  scripts?: ScriptCapability;
  cache?: CacheCapability;
  environment?: EnvironmentInfo;
  /** Waits (Sleep); only scripts running in async mode can call it. */
  sleep?(ms: number): Promise<void>;
}

/** Where a formula runs: the current source instance of a transformation, and counters. */
export interface MappingContext {
  scope: Scope;
}

/** Settings and informational `$jitterbit.*` variables that exist before anything sets them. */
export const JITTERBIT_DEFAULTS: Readonly<Record<string, ScriptValue>> = {
  'jitterbit.scripting.while.max_iterations': 50_000,
  'jitterbit.scripting.nesting.max': 10,
  'jitterbit.scripting.db.max_rows': 10_000,
  'jitterbit.scripting.db.auto_commit': true,
  'jitterbit.scripting.db.transaction': false,
  'jitterbit.scripting.hex.enable_unicode_support': false,
  'jitterbit.base64.encoded.string.no.wrap': false,
  'jitterbit.decode.html.chars': false,
  'jitterbit.target.xml.prettify': true,
  'jitterbit.target.xml.include_null_xml': true,
  'jitterbit.target.xml.include_empty_xml': false,
  'jitterbit.operation.write_history': true,
};

/**
 * Informational `$jitterbit.*` variables a run sets (they read as null until it does).
 * Listed for completion and hover; those that make no sense locally (HTTP, API) are left out.
 */
export const JITTERBIT_INFORMATIONAL: Readonly<Record<string, string>> = {
  'jitterbit.operation.name': 'name of the running operation',
  'jitterbit.operation.guid': 'id of this run of the operation',
  'jitterbit.operation.last_error': 'the last error message of the operation chain',
  'jitterbit.operation.previous.error': 'the error message of the operation that ran before',
  'jitterbit.operation.previous.success': 'whether the operation that ran before succeeded',
};

/** Limits that keep a script from exhausting the engine (SCRIPT_LIMIT when reached). */
export const LIMITS = {
  /** Characters in one string value. */
  stringLength: 64 * 1024 * 1024,
  /** Elements in one array. */
  arrayLength: 10_000_000,
  /** Nested parentheses, calls and operators in one expression. */
  expressionDepth: 500,
} as const;

/** Arrays and dictionaries stored by scripts: already script values, read back without copying. */
const storedByScripts = new WeakSet<object>();

/**
 * The chain's global variables seen from a script: names are case-insensitive (`$Total`
 * and `$total` are the same), an unset global reads as null, project variables and the
 * `$jitterbit.*` defaults are read through when nothing set them.
 */
export class Globals {
  private readonly index = new Map<string, string>();
  private indexedSize = -1;

  constructor(
    /** Shared with the runtime and connectors (the chain's globals). */
    readonly values: Map<string, unknown> = new Map(),
    /** Project variables and other values read when no global of that name is set. */
    private readonly fallback: (name: string) => unknown = () => undefined,
  ) {}

  get(name: string): ScriptValue {
    const key = this.keyOf(name);
    if (key !== undefined) {
      const value = this.values.get(key);
      return typeof value === 'object' && value !== null && storedByScripts.has(value) ? (value as ScriptValue) : fromHost(value);
    }
    const fallback = this.fallback(name);
    if (fallback !== undefined) return fromHost(fallback);
    return JITTERBIT_DEFAULTS[name.toLowerCase()] ?? null;
  }

  has(name: string): boolean {
    return this.keyOf(name) !== undefined;
  }

  set(name: string, value: ScriptValue): void {
    const key = this.keyOf(name) ?? name;
    if (typeof value === 'object' && value !== null) storedByScripts.add(value);
    this.values.set(key, value);
    this.index.set(key.toLowerCase(), key);
  }

  /** The stored spelling of a name, if it is set under any case. */
  private keyOf(name: string): string | undefined {
    if (this.values.has(name)) return name;
    const lower = name.toLowerCase();
    let key = this.index.get(lower);
    if (key !== undefined && this.values.has(key)) return key;
    if (this.indexedSize !== this.values.size) {
      this.index.clear();
      for (const k of this.values.keys()) this.index.set(k.toLowerCase(), k);
      this.indexedSize = this.values.size;
      key = this.index.get(lower);
      if (key !== undefined) return key;
    }
    return undefined;
  }
}

/** Everything a running script reads and changes besides its own locals. */
export interface ScriptEnv {
  readonly globals: Globals;
  readonly host: ScriptHost;
  /** The last error of the current operation (GetLastError, Eval, RaiseError). */
  readonly state: { lastError: string };
  /** How many RunScript calls deep this script runs. */
  depth: number;
  /** Date.now() after which the script stops with SCRIPT_LIMIT; Infinity for none. */
  deadline: number;
  /** Async mode may await (script steps); sync mode cannot (mapping formulas). */
  readonly async: boolean;
  /** Set while a mapping formula runs. */
  mapping?: MappingContext;
  /** Cancellation of the run this script belongs to. */
  signal?: { readonly aborted: boolean };
}

/** A host for tests and `chorus eval`: real clock and randomness, logs kept in memory. */
export function defaultHost(overrides: Partial<ScriptHost> = {}): ScriptHost & { messages: { level: LogLevel; message: string }[] } {
  const messages: { level: LogLevel; message: string }[] = [];
  return {
    now: () => Date.now(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    random: Math.random,
    log: (level, message) => messages.push({ level, message }),
    messages,
    ...overrides,
  };
}

export function createEnv(options: { globals?: Globals; host?: ScriptHost; async?: boolean; deadline?: number; signal?: { readonly aborted: boolean } } = {}): ScriptEnv {
  return {
    globals: options.globals ?? new Globals(),
    host: options.host ?? defaultHost(),
    state: { lastError: '' },
    depth: 0,
    deadline: options.deadline ?? Infinity,
    async: options.async ?? false,
    signal: options.signal,
  };
}

/** Throws SCRIPT_LIMIT when the script ran past its deadline or its run was cancelled. */
export function checkDeadline(env: ScriptEnv): void {
  if (env.signal?.aborted) throw scriptError('SCRIPT_LIMIT', 'the run was cancelled');
  if (env.deadline !== Infinity && Date.now() > env.deadline) throw scriptError('SCRIPT_LIMIT', 'the script ran longer than its time limit');
}
