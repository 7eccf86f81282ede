/**
 * Runs project scripts written in JavaScript inside QuickJS compiled to WebAssembly (never
 * Node's `vm`). Each run gets a fresh QuickJS runtime and context with a memory limit, a
 * stack limit and an interrupt handler for time and cancellation; the script reaches the
 * host only through the functions of `javascript-host.ts`. See docs/script/javascript.md.
 */
import asyncVariant from '@jitl/quickjs-wasmfile-release-asyncify';
import syncVariant from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSAsyncWASMModuleFromVariant,
  type AsyncFunctionImplementation,
  newQuickJSWASMModuleFromVariant,
  type QuickJSAsyncContext,
  type QuickJSAsyncWASMModule,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { ChorusError, type ErrorCode, type ErrorLocation } from '../core/errors.ts';
import type { ScriptEnv } from '../core/script/env.ts';
import { ScriptError, scriptError } from '../core/script/errors.ts';
import { builtins } from '../core/script/functions/index.ts';
import type { FunctionTable } from '../core/script/functions/registry.ts';
import type { ScriptValue } from '../core/script/values.ts';
import { asScriptError, hostFunctions, type HostFunction } from './javascript-host.ts';
import { fromWire, PRELUDE, toWire } from './javascript-values.ts';

export interface JavaScriptOptions {
  /** Globals, host (log, operations) and state.lastError the script works with. */
  env: ScriptEnv;
  /** Available to the script as `_1`, `_2`, ... and as the array `args`. */
  args?: ScriptValue[];
  /** Library functions exposed as global functions by canonical name; default `builtins`. */
  functions?: FunctionTable;
  /** Default 64 MiB. */
  memoryLimitBytes?: number;
  /** Time the script itself may run (waits for async host functions excluded); default 10 000. */
  timeLimitMs?: number;
  /** Shown in error locations, e.g. "scripts/s2.js". */
  file?: string;
}

const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;
const DEFAULT_TIME_LIMIT_MS = 10_000;
/**
 * QuickJS counts its stack in the wasm linear memory, but wasm frames also use Node's own
 * stack (about 1 MB); 256 KiB lets ordinary recursion (over 1 000 calls) stop cleanly with
 * a QuickJS "stack overflow" well before Node's stack runs out.
 */
const STACK_LIMIT_BYTES = 256 * 1024;
/**
 * Frames (as in an Error stack, the prelude's two included) under a call that suspends. When
 * V8 optimises the asyncify build its frames grow to tens of KB, and resuming a stack of
 * about 25 JavaScript frames overflows Node's stack; 12 keeps a wide margin.
 */
const MAX_SUSPEND_DEPTH = 12;
/** Asyncify modules kept loaded between async runs (each run holds one alone). */
const MAX_IDLE_ASYNC_ENGINES = 2;
const SCRIPT_FILE = 'script.js';

/** A loaded wasm module. `broken` once wasm code was cut off mid-flight: it is never used again. */
interface Engine<M> {
  readonly module: M;
  broken: boolean;
}

let syncEngine: Engine<QuickJSWASMModule> | undefined;
let syncLoading: Promise<void> | undefined;
const idleAsyncEngines: Engine<QuickJSAsyncWASMModule>[] = [];

/** Loads the engine of runJavaScriptSync; await it once at startup. Safe to call again. */
export function loadJavaScriptEngine(): Promise<void> {
  if (syncEngine) return Promise.resolve();
  syncLoading ??= newQuickJSWASMModuleFromVariant(syncVariant)
    .then((module) => {
      syncEngine = { module, broken: false };
    })
    .finally(() => {
      syncLoading = undefined;
    });
  return syncLoading;
}

/** Runs the script synchronously (mapping formulas, RunScript from a formula): host functions that are async are refused with SCRIPT_NOT_ALLOWED. */
export function runJavaScriptSync(source: string, options: JavaScriptOptions): ScriptValue {
  const engine = syncEngine;
  if (!engine) throw notLoaded();
  try {
    const run = new Run(engine, options, false);
    try {
      return run.finish(run.context.evalCode(source, run.fileName, { type: 'global' }));
    } catch (e) {
      throw run.fail(e);
    } finally {
      run.dispose();
    }
  } finally {
    if (engine.broken && syncEngine === engine) retireSyncEngine();
  }
}

/** Runs the script in async mode (script steps): RunOperation and other async host functions are awaited (asyncify variant). */
export async function runJavaScript(source: string, options: JavaScriptOptions): Promise<ScriptValue> {
  // Asyncify can keep only one suspended script per module: a run holds its module alone,
  // so a script that runs an operation whose own script is JavaScript gets a second module.
  const engine = idleAsyncEngines.pop() ?? { module: await newQuickJSAsyncWASMModuleFromVariant(asyncVariant), broken: false };
  try {
    const run = new Run(engine, options, true);
    try {
      run.suspendable = true;
      const result = await (run.context as QuickJSAsyncContext).evalCodeAsync(source, run.fileName, { type: 'global' });
      run.suspendable = false;
      return run.finish(result);
    } catch (e) {
      throw run.fail(e);
    } finally {
      run.dispose();
    }
  } finally {
    if (!engine.broken && idleAsyncEngines.length < MAX_IDLE_ASYNC_ENGINES) idleAsyncEngines.push(engine);
  }
}

function notLoaded(): ChorusError {
  if (syncLoading) return new ChorusError('SCRIPT_UNAVAILABLE', 'the JavaScript engine is restarting after a script exhausted its stack; run the script again');
  return new ChorusError('INTERNAL', 'the JavaScript engine is not loaded: await loadJavaScriptEngine() once at startup');
}

/** Drops a broken sync engine and loads a fresh one; a failed reload shows at the next loadJavaScriptEngine(). */
function retireSyncEngine(): void {
  syncEngine = undefined;
  loadJavaScriptEngine().catch(() => undefined);
}

/** Time budget of one run: its own limit, the run's deadline and its cancellation. */
class Clock {
  /** Why the script was interrupted, once it was. */
  reason?: string;
  /** Date.now() past which the script's own time is up (moves on while it waits for the host). */
  end: number;

  constructor(
    private readonly limitMs: number,
    private readonly env: ScriptEnv,
  ) {
    this.end = Date.now() + limitMs;
  }

  /** Time spent waiting for the host is not the script's running time. */
  extend(ms: number): void {
    this.end += ms;
  }

  expired(): boolean {
    if (this.reason) return true;
    const now = Date.now();
    if (this.env.signal?.aborted) this.reason = 'the run was cancelled';
    else if (now > this.env.deadline) this.reason = 'the script ran longer than its time limit';
    else if (now > this.end) this.reason = `the script ran longer than ${this.limitMs} ms`;
    return this.reason !== undefined;
  }
}

/**
 * The env the functions see: in the run's mode, and with a deadline that includes this
 * script's own limit, so a script it runs (RunScript) stops in time too.
 */
function envFor(outer: ScriptEnv, async: boolean, clock: Clock): ScriptEnv {
  const env = { ...outer, async };
  Object.defineProperty(env, 'deadline', { get: () => Math.min(outer.deadline, clock.end), enumerable: true });
  return env;
}

type Context = QuickJSContext | QuickJSAsyncContext;
type EvalResult = { value: QuickJSHandle; error?: undefined } | { error: QuickJSHandle };

/** One script run: a fresh runtime and context wired to the host, disposed at the end. */
class Run {
  readonly fileName: string;
  readonly runtime: QuickJSRuntime;
  readonly context: Context;
  /** True only while evalCodeAsync runs: the one moment an asyncified call may suspend. */
  suspendable = false;
  private readonly clock: Clock;
  private readonly functions: Map<string, HostFunction>;
  /** Codes of errors the host raised in the sandbox: only these may surface as an error's code. */
  private readonly hostCodes = new Set<string>();
  private readonly owned: QuickJSHandle[] = [];
  private encoder!: QuickJSHandle;
  private closer?: QuickJSHandle;

  constructor(
    private readonly engine: Engine<QuickJSWASMModule | QuickJSAsyncWASMModule>,
    private readonly options: JavaScriptOptions,
    private readonly asyncMode: boolean,
  ) {
    this.fileName = options.file ?? SCRIPT_FILE;
    this.clock = new Clock(options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS, options.env);
    this.functions = hostFunctions(envFor(options.env, asyncMode, this.clock), options.functions ?? builtins);
    this.runtime = engine.module.newRuntime();
    this.runtime.setMemoryLimit(options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT);
    this.runtime.setMaxStackSize(STACK_LIMIT_BYTES);
    this.runtime.setInterruptHandler(() => this.engine.broken || this.clock.expired());
    this.context = this.runtime.newContext();
    try {
      this.install();
    } catch (e) {
      const error = this.fail(e);
      this.dispose();
      throw error;
    }
  }

  /** Evaluates the prelude, keeps its encoder, and sets the arguments. */
  private install(): void {
    const ctx = this.context;
    const call = this.own(ctx.newFunction('call', (name, json) => ctx.newString(this.callSync(ctx.getString(name), ctx.getString(json)))));
    const callAsync = this.asyncMode ? this.own((ctx as QuickJSAsyncContext).newAsyncifiedFunction('callAsync', ((name, json, stack) => this.callAsync(ctx.getString(name), ctx.getString(json), ctx.getString(stack))) as AsyncFunctionImplementation)) : call;
    const names = [...this.functions.keys()].filter((n) => !n.startsWith('console.'));
    const asyncNames = this.asyncMode ? names.filter((n) => this.functions.get(n)?.async) : [];
    const prelude = this.own(this.check(ctx.evalCode(PRELUDE, '<chorus>', { type: 'global', strict: true })));
    const lists = [names.filter((n) => !asyncNames.includes(n)), asyncNames].map((list) => this.own(ctx.newString(JSON.stringify(list))));
    const helpers = this.own(this.check(ctx.callFunction(prelude, ctx.undefined, call, callAsync, ...lists)));
    this.encoder = this.own(ctx.getProp(helpers, 'encode'));
    const setArgs = this.own(ctx.getProp(helpers, 'setArgs'));
    this.closer = this.own(ctx.getProp(helpers, 'close'));
    const args = this.own(ctx.newString(JSON.stringify((this.options.args ?? []).map(toWire))));
    this.check(ctx.callFunction(setArgs, ctx.undefined, args)).dispose();
  }

  private own(handle: QuickJSHandle): QuickJSHandle {
    this.owned.push(handle);
    return handle;
  }

  /** The bridge for functions that answer at once. Never throws: errors travel in the reply. */
  private callSync(name: string, json: string): string {
    try {
      const fn = this.functionNamed(name);
      if (fn.async) throw waits(name);
      const result = fn.call(fromWire(JSON.parse(json)) as ScriptValue[]);
      if (result instanceof Promise) {
        result.catch(() => undefined);
        throw waits(name);
      }
      return reply(result);
    } catch (e) {
      return this.replyError(e);
    }
  }

  /** The asyncified bridge: the script is suspended while the host function is awaited. */
  private callAsync(name: string, json: string, stack: string): QuickJSHandle | Promise<QuickJSHandle> {
    const ctx = this.context;
    // Promise callbacks and the result's getters run outside evalCodeAsync, where the wasm stack cannot be unwound.
    if (!this.suspendable) return ctx.newString(this.replyError(scriptError('SCRIPT_NOT_ALLOWED', `${name} cannot wait inside a promise callback or a getter; call it from the script's main code`)));
    const depth = stack.split('\n').filter((line) => line.trim()).length;
    if (depth > MAX_SUSPEND_DEPTH) return ctx.newString(this.replyError(scriptError('SCRIPT_LIMIT', `${name} can wait only from code nested at most ${MAX_SUSPEND_DEPTH} calls deep; it was called ${depth} calls deep`)));
    const started = Date.now();
    return Promise.resolve()
      .then(() => this.functionNamed(name).call(fromWire(JSON.parse(json)) as ScriptValue[]))
      .then(reply, (e: unknown) => this.replyError(e))
      .then((text) => {
        this.clock.extend(Date.now() - started);
        return ctx.newString(text);
      });
  }

  private functionNamed(name: string): HostFunction {
    const fn = this.functions.get(name);
    if (!fn) throw scriptError('SCRIPT_UNKNOWN_FUNCTION', `unknown function ${name}`);
    return fn;
  }

  private replyError(e: unknown): string {
    const error = asScriptError(e);
    this.hostCodes.add(error.code);
    return JSON.stringify({ error: { message: error.message, code: error.code } });
  }

  /** The script's value: promises are settled (pending jobs run), then the value is encoded. */
  finish(result: EvalResult): ScriptValue {
    const completion = this.check(result);
    let value: QuickJSHandle;
    try {
      this.runJobs();
      value = this.settle(completion);
    } finally {
      if (completion.alive) completion.dispose();
    }
    try {
      const json = this.check(this.context.callFunction(this.encoder, this.context.undefined, value));
      const text = this.context.getString(json);
      json.dispose();
      return fromWire(JSON.parse(text));
    } finally {
      if (value.alive) value.dispose();
    }
  }

  private runJobs(): void {
    while (this.runtime.hasPendingJob()) {
      const done = this.runtime.executePendingJobs();
      if (done.error) throw this.consumeError(done.error);
    }
  }

  /** A fulfilled promise gives its value; the handle returned is new (the caller disposes `completion`). */
  private settle(completion: QuickJSHandle): QuickJSHandle {
    const state = this.context.getPromiseState(completion);
    if (state.type === 'fulfilled') return state.notAPromise ? completion.dup() : state.value;
    if (state.type === 'rejected') throw this.consumeError(state.error);
    throw new ScriptError('SCRIPT_JS_ERROR', 'the promise the script ended with never settled', this.where());
  }

  private check(result: EvalResult): QuickJSHandle {
    if (result.error) throw this.consumeError(result.error);
    return result.value;
  }

  /** Turns an exception of the sandbox into a ScriptError, disposing its handle. */
  private consumeError(handle: QuickJSHandle): ScriptError {
    try {
      return this.errorOf(describe(this.context, handle));
    } finally {
      handle.dispose();
    }
  }

  private errorOf(thrown: Thrown): ScriptError {
    const { name, message } = thrown;
    if (message === 'interrupted' && name === 'InternalError') {
      const reason = this.clock.reason ?? 'the JavaScript engine stopped the script because a script it called broke the engine';
      return new ScriptError('SCRIPT_LIMIT', reason, this.where(thrown.stack));
    }
    if (message === 'out of memory') return new ScriptError('SCRIPT_LIMIT', `the script used more than ${mebibytes(this.options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT)} of memory`, this.where(thrown.stack));
    if (message === 'stack overflow') return new ScriptError('SCRIPT_LIMIT', 'the script nested calls too deeply (stack limit)', this.where(thrown.stack));
    const code = thrown.code !== undefined && this.hostCodes.has(thrown.code) ? (thrown.code as ErrorCode) : 'SCRIPT_JS_ERROR';
    const text = code === 'SCRIPT_JS_ERROR' && name ? `${name}: ${message}` : message;
    return new ScriptError(code, text, this.where(thrown.stack));
  }

  /** The first frame of the script's own file in a QuickJS stack ("at f (s.js:3:7)" or "at s.js:3:7"). */
  private where(stack = ''): ErrorLocation {
    const file = this.options.file;
    const at = new RegExp(`${escapeRegExp(this.fileName)}:(\\d+):(\\d+)`).exec(stack);
    if (!at) return file ? { file } : {};
    return { file, line: Number(at[1]), column: Number(at[2]) };
  }

  /**
   * Anything thrown here that is not a ScriptError came from the wasm machinery itself (most
   * often Node's own stack running out under deeply nested wasm code, e.g. parsing or
   * JSON over a thousand levels deep): the module may be half-way through an operation,
   * so it is never used again.
   */
  fail(e: unknown): ScriptError {
    if (e instanceof ScriptError) return e;
    this.engine.broken = true;
    if (e instanceof RangeError) return new ScriptError('SCRIPT_LIMIT', 'the script nested too deeply for the JavaScript engine (stack limit)', this.where());
    return new ScriptError('INTERNAL', `the JavaScript engine failed: ${e instanceof Error ? e.message : String(e)}`, this.where());
  }

  /** Frees every handle, the context and the runtime; a broken module is left alone (and dropped). */
  dispose(): void {
    if (!this.engine.broken && !this.closeBridges() && this.asyncMode) this.engine.broken = true;
    if (this.engine.broken || !this.runtime.alive) return;
    for (const handle of this.owned.reverse()) if (handle.alive) handle.dispose();
    this.context.dispose();
    this.runtime.dispose();
  }

  /**
   * Releases the sandbox's references to the host bridges so they are freed with the
   * context. The asyncify build forgets a runtime's callbacks before freeing it, so a
   * bridge still alive then (kept by a cycle until the final GC) would throw inside wasm.
   */
  private closeBridges(): boolean {
    if (!this.closer) return false;
    this.runtime.removeInterruptHandler();
    const closed = this.context.callFunction(this.closer, this.context.undefined);
    (closed.error ?? closed.value).dispose();
    return !closed.error;
  }
}

function reply(value: ScriptValue): string {
  return JSON.stringify({ value: toWire(value ?? null) });
}

function waits(name: string): ScriptError {
  return scriptError('SCRIPT_NOT_ALLOWED', `${name} waits for the host, which a synchronous script (a mapping formula) cannot do; call it from a script step`);
}

interface Thrown {
  name?: string;
  message: string;
  stack?: string;
  code?: string;
}

/** Reads an exception's name, message, stack and code without trusting its shape. */
function describe(ctx: Context, handle: QuickJSHandle): Thrown {
  if (ctx.typeof(handle) !== 'object' || ctx.sameValue(handle, ctx.null)) return { message: `uncaught exception: ${String(ctx.dump(handle))}` };
  const read = (key: string): string | undefined => {
    const prop = ctx.getProp(handle, key);
    try {
      return ctx.typeof(prop) === 'string' ? ctx.getString(prop) : undefined;
    } finally {
      prop.dispose();
    }
  };
  const message = read('message');
  if (message === undefined) return { message: `uncaught exception: ${JSON.stringify(ctx.dump(handle))}` };
  return { name: read('name'), message, stack: read('stack'), code: read('code') };
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
