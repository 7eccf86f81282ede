/**
 * The Chorus Script compiler: a script is parsed once and every node becomes a JavaScript
 * closure `(frame) => value`, so running a mapping formula a million times never walks the
 * syntax tree. Locals are resolved to slots at compile time; unknown functions, wrong
 * argument counts and async functions in mapping formulas are compile errors.
 *
 * Two modes: 'sync' (mapping formulas; the hot path, with fast paths for numbers and
 * strings) and 'async' (script steps; any function may return a promise, which is awaited).
 * Both share the semantics: operators.ts, compile-assign.ts, compile-intrinsics.ts.
 */
import type { Binary, Expr, Logical, Program, Range, SourceRef, Unary } from './ast.ts';
import type { ErrorCode } from '../errors.ts';
import type { ScriptEnv } from './env.ts';
import { ScriptError } from './errors.ts';
import { builtins } from './functions/index.ts';
import type { FunctionTable } from './functions/registry.ts';
import { binary, logicalTruth, negate, not } from './operators.ts';
import { parseScript } from './parser.ts';
import type { ScriptValue } from './values.ts';
import { formatNumber } from './convert.ts';
import { assignAsyncCode, assignCode, indexAsyncCode, indexCode, updateAsyncCode, updateCode } from './compile-assign.ts';
import { callAsyncCode, callCode } from './compile-call.ts';
import { intrinsicAsyncCode, intrinsicCode, isIntrinsic } from './compile-intrinsics.ts';
import { located, Place, storedAsyncCode, storedCode, uninitialized, type AsyncCode, type Code, type Context, type Frame } from './compile-support.ts';

export interface CompileOptions {
  /** 'sync' (default) for mapping formulas; 'async' for script steps. */
  mode?: 'sync' | 'async';
  /** Default: the built-in library. */
  functions?: FunctionTable;
  /** Put in error locations, e.g. "scripts/s1.chs". */
  file?: string;
  /** Compiles a SourceRef (mapping formulas only); without it a SourceRef is a compile error SCRIPT_NOT_ALLOWED. */
  sourceRef?: (path: string, node: SourceRef) => (env: ScriptEnv) => ScriptValue;
}

export interface CompiledScript {
  readonly program: Program;
  /** True when the source has no <trans> tags: run() returns the text as a string. */
  readonly literal: boolean;
  /** Sync mode only. */
  run(env: ScriptEnv, args?: ScriptValue[]): ScriptValue;
  /** Works in both modes. */
  runAsync(env: ScriptEnv, args?: ScriptValue[]): Promise<ScriptValue>;
}

const NO_ARGS: ScriptValue[] = [];
/** Strings this short cannot make a concatenation reach the string length limit. */
const SHORT = 1 << 20;
const NO_LOCALS: (ScriptValue | undefined)[] = [];
/** `_1`, `_2`...: the arguments of RunScript. */
const ARGUMENT = /^_([1-9]\d*)$/;

/** Compiles a script; throws a located ScriptError for syntax and compile-time errors. */
export function compileScript(source: string, options: CompileOptions = {}): CompiledScript {
  const { program, errors } = parseScript(source);
  if (errors.length > 0) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more ${errors.length === 2 ? 'error' : 'errors'})` : '';
    throw new Compiler(source, options).error('SCRIPT_SYNTAX', first.message + more, first);
  }
  if (program.literal !== undefined) return literalScript(program, program.literal);
  const compiler = new Compiler(source, options);
  return compiler.async ? compiler.asyncScript(program) : compiler.syncScript(program);
}

const num = (a: ScriptValue, b: ScriptValue): boolean => typeof a === 'number' && typeof b === 'number';
/** Two numbers or two strings: ==, != and the comparisons mean what they mean in JavaScript. */
const same = (a: ScriptValue, b: ScriptValue): boolean => typeof a === typeof b && (typeof a === 'number' || typeof a === 'string');

function literalScript(program: Program, text: string): CompiledScript {
  return { program, literal: true, run: () => text, runAsync: async () => text };
}

class Compiler implements Context {
  readonly async: boolean;
  readonly functions: FunctionTable;
  private readonly slots = new Map<string, number>();

  constructor(
    private readonly source: string,
    private readonly options: CompileOptions,
  ) {
    this.async = options.mode === 'async';
    this.functions = options.functions ?? builtins;
  }

  syncScript(program: Program): CompiledScript {
    const body = program.body.map((e) => this.code(e));
    const frames = this.frames();
    // The usual formula: one expression, no local variables (so no `_1` either). One frame is
    // reused; a nested run of the same script (RunScript) puts the caller's env back after.
    if (body.length === 1 && this.slots.size === 0) {
      const only = body[0];
      const frame: Frame = { env: undefined as unknown as ScriptEnv, args: NO_ARGS, locals: NO_LOCALS };
      const run = (env: ScriptEnv): ScriptValue => {
        const outer = frame.env;
        frame.env = env;
        try {
          return only(frame);
        } finally {
          frame.env = outer;
        }
      };
      return { program, literal: false, run, runAsync: async (env) => run(env) };
    }
    const run = (env: ScriptEnv, args: ScriptValue[] = NO_ARGS): ScriptValue => {
      const f = frames.take(env, args);
      try {
        let result: ScriptValue = null;
        for (const statement of body) result = statement(f);
        return result;
      } finally {
        frames.give(f);
      }
    };
    return { program, literal: false, run, runAsync: async (env, args) => run(env, args) };
  }

  asyncScript(program: Program): CompiledScript {
    const body = program.body.map((e) => this.asyncCode(e));
    const frames = this.frames();
    return {
      program,
      literal: false,
      run: () => {
        throw new ScriptError('SCRIPT_NOT_ALLOWED', 'this script was compiled for script steps (async mode): run it with runAsync');
      },
      runAsync: async (env, args = NO_ARGS) => {
        const f = frames.fresh(env, args);
        let result: ScriptValue = null;
        for (const statement of body) result = await statement(f);
        return result;
      },
    };
  }

  /**
   * Frames for runs: a sync run reuses the frame of the previous run (a formula runs once per
   * record), unless that one is still running (a script calling itself through RunScript).
   */
  private frames() {
    const size = this.slots.size;
    const argumentSlots = [...this.slots].flatMap(([name, slot]) => {
      const m = ARGUMENT.exec(name);
      return m ? [{ slot, index: Number(m[1]) - 1 }] : [];
    });
    let spare: Frame | undefined;
    const fresh = (env: ScriptEnv, args: readonly ScriptValue[]): Frame => {
      const f: Frame = { env, args, locals: new Array<ScriptValue | undefined>(size).fill(undefined) };
      for (const { slot, index } of argumentSlots) f.locals[slot] = args[index] ?? null;
      return f;
    };
    return {
      fresh,
      take(env: ScriptEnv, args: readonly ScriptValue[]): Frame {
        const f = spare;
        if (!f) return fresh(env, args);
        spare = undefined;
        f.env = env;
        f.args = args;
        for (const { slot, index } of argumentSlots) f.locals[slot] = args[index] ?? null;
        return f;
      },
      give(f: Frame): void {
        f.locals.fill(undefined);
        spare = f;
      },
    };
  }

  // ---- Context

  slot(name: string): number {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(name, slot);
    }
    return slot;
  }

  place(node: Range): Place {
    return new Place(this.source, this.options.file, node.start);
  }

  error(code: ErrorCode, message: string, at: Range): ScriptError {
    const err = new ScriptError(code, message, this.place(at).location());
    err.located = true;
    return err;
  }

  code(node: Expr): Code {
    switch (node.kind) {
      case 'number':
      case 'string':
      case 'bool': {
        const value = node.value;
        return () => value;
      }
      case 'local':
        return this.local(node.name, node);
      case 'global': {
        const name = node.name;
        return (f) => f.env.globals.get(name);
      }
      case 'source':
        return this.sourceRef(node);
      case 'array': {
        const members = node.elements.map((e) => storedCode(e, this));
        return (f) => members.map((m) => m(f));
      }
      case 'sequence': {
        const body = node.body.map((e) => this.code(e));
        return (f) => {
          let v: ScriptValue = null;
          for (const c of body) v = c(f);
          return v;
        };
      }
      case 'index':
        return indexCode(node, this);
      case 'call':
        return isIntrinsic(node) ? intrinsicCode(node, this) : callCode(node, this);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'logical':
        return this.logical(node);
      case 'assign':
        return assignCode(node, this);
      case 'update':
        return updateCode(node, this);
    }
  }

  asyncCode(node: Expr): AsyncCode {
    switch (node.kind) {
      case 'array': {
        const members = node.elements.map((e) => storedAsyncCode(e, this));
        return async (f) => {
          const out: ScriptValue[] = [];
          for (const m of members) out.push(await m(f));
          return out;
        };
      }
      case 'sequence': {
        const body = node.body.map((e) => this.asyncCode(e));
        return async (f) => {
          let v: ScriptValue = null;
          for (const c of body) v = await c(f);
          return v;
        };
      }
      case 'index':
        return indexAsyncCode(node, this);
      case 'call':
        return isIntrinsic(node) ? intrinsicAsyncCode(node, this) : callAsyncCode(node, this);
      case 'unary': {
        const operand = this.asyncCode(node.operand);
        const apply = this.operator(node, (v: ScriptValue) => (node.op === '-' ? negate(v) : not(v)));
        return async (f) => apply(await operand(f));
      }
      case 'binary': {
        const [left, right] = [this.asyncCode(node.left), this.asyncCode(node.right)];
        const apply = this.operator(node, (a: ScriptValue, b: ScriptValue) => binary(node.op, a, b));
        return async (f) => apply(await left(f), await right(f));
      }
      case 'logical': {
        const [left, right] = [this.asyncCode(node.left), this.asyncCode(node.right)];
        const and = node.op === '&&';
        return async (f) => (logicalTruth(await left(f)) === and ? logicalTruth(await right(f)) : !and);
      }
      case 'assign':
        return assignAsyncCode(node, this);
      case 'update':
        return updateAsyncCode(node, this);
      default:
        // Literals and variables never wait.
        return this.code(node);
    }
  }

  // ---- nodes

  private local(name: string, node: Range): Code {
    const slot = this.slot(name);
    const place = this.place(node);
    return (f) => {
      const v = f.locals[slot];
      return v !== undefined ? v : uninitialized(name, place);
    };
  }

  private sourceRef(node: SourceRef): Code {
    const compile = this.options.sourceRef;
    if (!compile) throw this.error('SCRIPT_NOT_ALLOWED', `${node.path} is a source reference: it can only be used in a mapping formula`, node);
    const place = this.place(node);
    let read: (env: ScriptEnv) => ScriptValue;
    try {
      read = compile(node.path, node);
    } catch (err) {
      throw located(err, place);
    }
    return (f) => {
      try {
        return read(f.env);
      } catch (err) {
        throw located(err, place);
      }
    };
  }

  /** An operator function whose errors are located at the node. */
  private operator<A extends ScriptValue[]>(node: Range, fn: (...args: A) => ScriptValue): (...args: A) => ScriptValue {
    const place = this.place(node);
    return (...args) => {
      try {
        return fn(...args);
      } catch (err) {
        throw located(err, place);
      }
    };
  }

  private unary(node: Unary): Code {
    const operand = this.code(node.operand);
    if (node.op === '-') {
      const slow = this.operator(node, negate);
      return (f) => {
        const v = operand(f);
        return typeof v === 'number' ? -v : slow(v);
      };
    }
    const slow = this.operator(node, not);
    return (f) => {
      const v = operand(f);
      return typeof v === 'boolean' ? !v : typeof v === 'number' ? v === 0 : slow(v);
    };
  }

  /** Fast paths for two numbers (and two strings where JavaScript agrees); the rest goes to operators.binary. */
  private binary(node: Binary): Code {
    const l = this.code(node.left);
    const r = this.code(node.right);
    const op = node.op;
    const place = this.place(node);
    const slow = (a: ScriptValue, b: ScriptValue): ScriptValue => {
      try {
        return binary(op, a, b);
      } catch (err) {
        throw located(err, place);
      }
    };
    switch (op) {
      case '+':
        return (f) => {
          const a = l(f);
          const b = r(f);
          if (typeof a === 'number' && typeof b === 'number') return a + b;
          // Concatenation, the usual `+` of a formula (a number prints as toStr prints it).
          if (typeof a === 'string' && a.length < SHORT) {
            if (typeof b === 'string' && b.length < SHORT) return a + b;
            if (typeof b === 'number') return a + formatNumber(b);
          } else if (typeof a === 'number' && typeof b === 'string' && b.length < SHORT) return formatNumber(a) + b;
          return slow(a, b);
        };
      case '-':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return num(a, b) ? (a as number) - (b as number) : slow(a, b);
        };
      case '*':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return num(a, b) ? (a as number) * (b as number) : slow(a, b);
        };
      case '/':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return num(a, b) && b !== 0 ? (a as number) / (b as number) : slow(a, b);
        };
      case '==':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return same(a, b) ? a === b : slow(a, b);
        };
      case '!=':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return same(a, b) ? a !== b : slow(a, b);
        };
      case '<':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return same(a, b) ? (a as number) < (b as number) : slow(a, b);
        };
      case '>':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return same(a, b) ? (a as number) > (b as number) : slow(a, b);
        };
      case '<=':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return same(a, b) ? (a as number) <= (b as number) : slow(a, b);
        };
      case '>=':
        return (f) => {
          const a = l(f);
          const b = r(f);
          return same(a, b) ? (a as number) >= (b as number) : slow(a, b);
        };
      default:
        return (f) => slow(l(f), r(f));
    }
  }

  /** `&&` and `||` short-circuit; the result is always a boolean. */
  private logical(node: Logical): Code {
    const l = this.code(node.left);
    const r = this.code(node.right);
    const truth = (v: ScriptValue) => (typeof v === 'boolean' ? v : logicalTruth(v));
    return node.op === '&&' ? (f) => truth(l(f)) && truth(r(f)) : (f) => truth(l(f)) || truth(r(f));
  }
}
