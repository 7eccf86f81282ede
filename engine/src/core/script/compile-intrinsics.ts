/**
 * The control functions whose arguments are not evaluated up front (docs/script/language.md,
 * "Control functions"): If, Case, While, Eval, IsValid, IfNull, IfEmpty, MapCache and
 * ArgumentList. The compiler recognises them by name, whatever the function table says.
 */
import type { Call } from './ast.ts';
import { describeType, isTrue, toKey, toStr } from './convert.ts';
import { checkDeadline, JITTERBIT_DEFAULTS, type ScriptEnv } from './env.ts';
import { ChorusError } from '../errors.ts';
import { ScriptError, scriptError, typeError } from './errors.ts';
import { ScriptDict, type ScriptValue } from './values.ts';
import { checkArity } from './compile-call.ts';
import { located, storedAsyncCode, storedCode, type AsyncCode, type Code, type Context, type Culprit, type Frame, type Place } from './compile-support.ts';

interface Intrinsic {
  name: string;
  params: string[];
  min: number;
  max: number;
  sync(node: Call, cx: Context, h: Helpers): Code;
  /** Omitted when the sync code never evaluates an argument (ArgumentList). */
  async?(node: Call, cx: Context, h: Helpers): AsyncCode;
}

/** Per call: its place, and conversions whose errors name the call and the argument. */
class Helpers {
  readonly culprit: Culprit;

  constructor(
    readonly place: Place,
    intrinsic: Intrinsic,
  ) {
    this.culprit = { name: intrinsic.name, param: (i) => intrinsic.params[Math.min(i, intrinsic.params.length - 1)] };
  }

  /** A condition (argument `index`) as a boolean; arrays, dictionaries and binaries are errors. */
  truth(v: ScriptValue, index: number): boolean {
    if (typeof v === 'boolean') return v;
    try {
      return isTrue(v);
    } catch (err) {
      throw this.fail(err, index);
    }
  }

  /** A dictionary key (argument `index`): null is an error. */
  key(v: ScriptValue, index: number): string {
    try {
      return toKey(v);
    } catch (err) {
      throw this.fail(err, index);
    }
  }

  fail(err: unknown, index: number): ScriptError {
    if (err instanceof ScriptError && err.argument === undefined) err.argument = index;
    return located(err, this.place, this.culprit);
  }
}

const WHILE_LIMIT = 'jitterbit.scripting.while.max_iterations';
const DEFAULT_WHILE_LIMIT = JITTERBIT_DEFAULTS[WHILE_LIMIT] as number;

const intrinsics: Intrinsic[] = [
  {
    name: 'If',
    params: ['condition', 'trueResult', 'falseResult'],
    min: 2,
    max: 3,
    sync(node, cx, h) {
      const [c, a, b] = node.args.map((e) => cx.code(e));
      return (f) => (h.truth(c(f), 0) ? a(f) : b ? b(f) : null);
    },
    async(node, cx, h) {
      const [c, a, b] = node.args.map((e) => cx.asyncCode(e));
      return async (f) => (h.truth(await c(f), 0) ? a(f) : b ? b(f) : null);
    },
  },
  {
    name: 'Case',
    params: ['condition', 'value'],
    min: 2,
    max: Infinity,
    sync(node, cx, h) {
      const codes = node.args.map((e) => cx.code(e));
      return (f) => {
        for (let i = 0; i < codes.length; i += 2) if (h.truth(codes[i](f), i)) return codes[i + 1](f);
        return null;
      };
    },
    async(node, cx, h) {
      const codes = node.args.map((e) => cx.asyncCode(e));
      return async (f) => {
        for (let i = 0; i < codes.length; i += 2) if (h.truth(await codes[i](f), i)) return codes[i + 1](f);
        return null;
      };
    },
  },
  {
    name: 'While',
    params: ['condition', 'body'],
    min: 2,
    max: 2,
    sync(node, cx, h) {
      const [condition, body] = node.args.map((e) => cx.code(e));
      return (f) => {
        const limit = whileLimit(f.env);
        for (let n = 0; h.truth(condition(f), 0); ) {
          n = nextIteration(n, limit, f.env, h);
          body(f);
        }
        return null;
      };
    },
    async(node, cx, h) {
      const [condition, body] = node.args.map((e) => cx.asyncCode(e));
      return async (f) => {
        const limit = whileLimit(f.env);
        for (let n = 0; h.truth(await condition(f), 0); ) {
          n = nextIteration(n, limit, f.env, h);
          await body(f);
        }
        return null;
      };
    },
  },
  {
    name: 'Eval',
    params: ['expr', 'default'],
    min: 2,
    max: 2,
    sync(node, cx) {
      const [expr, fallback] = node.args.map((e) => cx.code(e));
      return (f) => {
        try {
          return toStr(expr(f));
        } catch (err) {
          caught(err, f.env);
        }
        return toStr(fallback(f));
      };
    },
    async(node, cx) {
      const [expr, fallback] = node.args.map((e) => cx.asyncCode(e));
      return async (f) => {
        try {
          return toStr(await expr(f));
        } catch (err) {
          caught(err, f.env);
        }
        return toStr(await fallback(f));
      };
    },
  },
  {
    name: 'IsValid',
    params: ['expr'],
    min: 1,
    max: 1,
    sync(node, cx) {
      const expr = cx.code(node.args[0]);
      return (f) => {
        try {
          expr(f);
          return true;
        } catch (err) {
          if (!catchable(err, f.env)) throw err;
          return false;
        }
      };
    },
    async(node, cx) {
      const expr = cx.asyncCode(node.args[0]);
      return async (f) => {
        try {
          await expr(f);
          return true;
        } catch (err) {
          if (!catchable(err, f.env)) throw err;
          return false;
        }
      };
    },
  },
  {
    name: 'IfNull',
    params: ['arg', 'default'],
    min: 2,
    max: 2,
    sync(node, cx) {
      const [x, fallback] = node.args.map((e) => cx.code(e));
      return (f) => x(f) ?? fallback(f);
    },
    async(node, cx) {
      const [x, fallback] = node.args.map((e) => cx.asyncCode(e));
      return async (f) => (await x(f)) ?? fallback(f);
    },
  },
  {
    name: 'IfEmpty',
    params: ['arg', 'default'],
    min: 2,
    max: 2,
    sync(node, cx) {
      const [x, fallback] = node.args.map((e) => cx.code(e));
      return (f) => {
        const v = x(f);
        return isEmpty(v) ? fallback(f) : v;
      };
    },
    async(node, cx) {
      const [x, fallback] = node.args.map((e) => cx.asyncCode(e));
      return async (f) => {
        const v = await x(f);
        return isEmpty(v) ? fallback(f) : v;
      };
    },
  },
  {
    name: 'MapCache',
    params: ['dict', 'key', 'value'],
    min: 3,
    max: 3,
    sync(node, cx, h) {
      const cache = cacheOf(node, cx, h);
      const dict = cx.code(node.args[0]);
      const key = cx.code(node.args[1]);
      const value = storedCode(node.args[2], cx);
      return (f) => {
        const d = cache(f, dict(f));
        const k = h.key(key(f), 1);
        if (d.has(k)) return d.get(k);
        const v = value(f);
        d.set(k, v);
        return v;
      };
    },
    async(node, cx, h) {
      const cache = cacheOf(node, cx, h);
      const dict = cx.asyncCode(node.args[0]);
      const key = cx.asyncCode(node.args[1]);
      const value = storedAsyncCode(node.args[2], cx);
      return async (f) => {
        const d = cache(f, await dict(f));
        const k = h.key(await key(f), 1);
        if (d.has(k)) return d.get(k);
        const v = await value(f);
        d.set(k, v);
        return v;
      };
    },
  },
  {
    name: 'ArgumentList',
    params: ['name'],
    min: 1,
    max: Infinity,
    sync(node, cx) {
      const slots = node.args.map((arg, i) => {
        if (arg.kind !== 'local') throw cx.error('SCRIPT_ARGUMENTS', `ArgumentList: argument ${i + 1} must be the name of a local variable`, arg);
        return cx.slot(arg.name);
      });
      return (f) => {
        slots.forEach((slot, i) => (f.locals[slot] = f.args[i] ?? null));
        return null;
      };
    },
  },
];

const byName = new Map(intrinsics.map((i) => [i.name.toLowerCase(), i]));

/** Whether a call is one of the intrinsics (by name, case-insensitively). */
export function isIntrinsic(node: Call): boolean {
  return byName.has(node.name.toLowerCase());
}

export function intrinsicCode(node: Call, cx: Context): Code {
  const intrinsic = prepare(node, cx);
  return intrinsic.sync(node, cx, new Helpers(cx.place(node), intrinsic));
}

export function intrinsicAsyncCode(node: Call, cx: Context): AsyncCode {
  const intrinsic = prepare(node, cx);
  const h = new Helpers(cx.place(node), intrinsic);
  return intrinsic.async ? intrinsic.async(node, cx, h) : intrinsic.sync(node, cx, h);
}

function prepare(node: Call, cx: Context): Intrinsic {
  const intrinsic = byName.get(node.name.toLowerCase()) as Intrinsic;
  checkArity(intrinsic.name, intrinsic.min, intrinsic.max, node, cx);
  if (intrinsic.name === 'Case' && node.args.length % 2 === 1) {
    throw cx.error('SCRIPT_ARGUMENTS', `Case takes pairs of condition and value, got ${node.args.length} arguments`, node);
  }
  return intrinsic;
}

function whileLimit(env: ScriptEnv): number {
  const v = env.globals.get(WHILE_LIMIT);
  return typeof v === 'number' && v > 0 ? v : typeof v === 'string' && Number(v) > 0 ? Number(v) : DEFAULT_WHILE_LIMIT;
}

/** Counts a While iteration: fails past the limit, checks the deadline every 1000. */
function nextIteration(n: number, limit: number, env: ScriptEnv, h: Helpers): number {
  if (n >= limit) {
    throw h.fail(scriptError('SCRIPT_LIMIT', `the loop ran ${limit} times, the limit set by $${WHILE_LIMIT}`), 0);
  }
  if ((n + 1) % 1000 === 0) {
    try {
      checkDeadline(env);
    } catch (err) {
      throw h.fail(err, 0);
    }
  }
  return n + 1;
}

/**
 * Eval and IsValid catch every script error except the deadline or a cancellation: those
 * must stop the whole script.
 */
function catchable(err: unknown, env: ScriptEnv): boolean {
  if (!(err instanceof ChorusError)) return false;
  if (err.code !== 'SCRIPT_LIMIT') return true;
  return !env.signal?.aborted && !(env.deadline !== Infinity && Date.now() > env.deadline);
}

/** Eval: records the message as the last error, or rethrows what it must not catch. */
function caught(err: unknown, env: ScriptEnv): void {
  if (!catchable(err, env)) throw err;
  env.state.lastError = (err as Error).message;
}

/** IfEmpty: null, "" and an empty binary are empty; an empty array is not. */
function isEmpty(v: ScriptValue): boolean {
  return v === null || v === '' || (v instanceof Uint8Array && v.length === 0);
}

/**
 * MapCache's dictionary: when the argument is a variable holding null (an unset global), a
 * new dictionary is created and stored in it, so `MapCache($cache, k, ...)` works on the
 * first record.
 */
function cacheOf(node: Call, cx: Context, h: Helpers): (f: Frame, v: ScriptValue) => ScriptDict {
  const arg = node.args[0];
  const store =
    arg.kind === 'global' ? (f: Frame, d: ScriptDict) => f.env.globals.set(arg.name, d) : arg.kind === 'local' ? slotStore(cx.slot(arg.name)) : undefined;
  return (f, v) => {
    if (v instanceof ScriptDict) return v;
    if (v === null && store) {
      const d = new ScriptDict();
      store(f, d);
      return d;
    }
    throw h.fail(typeError(`expected a dictionary, got ${describeType(v)}`), 0);
  };
}

function slotStore(slot: number) {
  return (f: Frame, d: ScriptDict) => {
    f.locals[slot] = d;
  };
}
