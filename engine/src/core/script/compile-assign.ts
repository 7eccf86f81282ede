/**
 * Variables and elements: indexing (`a[i]`, `d["k"]`), assignment (`=`, `+=`, `-=`) and
 * `++`/`--` (docs/script/language.md, "Assignment" and "Arrays and dictionaries").
 * The right side of an assignment is evaluated first, then the indexes of the target.
 */
import type { Assign, Expr, Global, Index, Local, Update } from './ast.ts';
import { toKey, describeType } from './convert.ts';
import { LIMITS } from './env.ts';
import { scriptError, typeError } from './errors.ts';
import { binary, step } from './operators.ts';
import { LABELS, ScriptDict, type LabelledArray, type ScriptValue } from './values.ts';
import { located, storedAsyncCode, storedCode, uninitialized, type AsyncCode, type Code, type Context, type Frame, type Place } from './compile-support.ts';

type Container = ScriptValue[] | ScriptDict;

/** What an assignment or update does to the old value. */
type Change = { kind: 'set' } | { kind: 'binary'; op: '+' | '-' } | { kind: 'step'; delta: 1 | -1 };

/** Reads and writes one variable; `read` returns undefined for a never-assigned local. */
interface Variable {
  read(f: Frame): ScriptValue | undefined;
  write(f: Frame, v: ScriptValue): void;
  place: Place;
  name: string;
}

// ---- reading elements

export function indexCode(node: Index, cx: Context): Code {
  const target = cx.code(node.target);
  const index = cx.code(node.index);
  const place = cx.place(node);
  return (f) => {
    const t = target(f);
    const k = index(f);
    if (Array.isArray(t) && typeof k === 'number' && k >= 0) return t[k] ?? null; // fractional k reads undefined: null
    return at(place, () => readElement(t, k));
  };
}

export function indexAsyncCode(node: Index, cx: Context): AsyncCode {
  const target = cx.asyncCode(node.target);
  const index = cx.asyncCode(node.index);
  const place = cx.place(node);
  return async (f) => {
    const t = await target(f);
    const k = await index(f);
    return at(place, () => readElement(t, k));
  };
}

/** `t[k]`: past the end, a fractional index or an unknown string reads null. */
export function readElement(t: ScriptValue, k: ScriptValue): ScriptValue {
  if (Array.isArray(t)) {
    const i = arrayIndex(t, k, false);
    return i === undefined ? null : (t[i] ?? null);
  }
  if (t instanceof ScriptDict) return t.get(toKey(k));
  throw typeError(`[] operator applied to a data element of unsupported type (${describeType(t)})`);
}

/**
 * The position an index designates in an array: numbers as they are, booleans 1/0, null and
 * "" 0, a label of a labelled array. Reading with anything else finds nothing (undefined);
 * writing with it is an error.
 */
function arrayIndex(a: ScriptValue[], k: ScriptValue, writing: boolean): number | undefined {
  let i: number | undefined;
  if (typeof k === 'number') {
    if (k < 0) throw scriptError('SCRIPT_INDEX', `Invalid array index ${k}: indexes start at 0`);
    i = Number.isInteger(k) ? k : undefined;
  } else if (typeof k === 'boolean') i = k ? 1 : 0;
  else if (k === null || k === '') i = 0;
  else if (typeof k === 'string') i = (a as LabelledArray)[LABELS]?.get(k.toLowerCase());
  else throw typeError(`an array index cannot be ${describeType(k)}`);
  if (writing && i === undefined) throw scriptError('SCRIPT_INDEX', `Invalid array index ${JSON.stringify(k)}: an array index is a whole number`);
  return i;
}

function writeElement(c: Container, k: ScriptValue, v: ScriptValue): void {
  if (c instanceof ScriptDict) {
    c.set(toKey(k), v);
    return;
  }
  const i = arrayIndex(c, k, true) as number;
  if (i >= LIMITS.arrayLength) throw scriptError('SCRIPT_LIMIT', `the array would have ${i + 1} elements, more than the limit of ${LIMITS.arrayLength}`);
  for (let n = c.length; n < i; n++) c.push(null);
  c[i] = v;
}

function isContainer(v: ScriptValue | undefined): v is Container {
  return Array.isArray(v) || v instanceof ScriptDict;
}

/** An empty container for a key: a dictionary for a (non-empty) string key, else an array. */
function newContainer(key: ScriptValue): Container {
  return typeof key === 'string' && key !== '' ? new ScriptDict() : [];
}

/** The variable's array or dictionary, created when it holds null. */
function rootOf(f: Frame, variable: Variable, key: ScriptValue): Container {
  const v = variable.read(f);
  if (v === undefined) return uninitialized(variable.name, variable.place);
  if (v === null) return newContainer(key);
  if (!isContainer(v)) throw typeError(`[] operator applied to a data element of unsupported type (${describeType(v)})`);
  return v;
}

/** The array or dictionary `keys[0..n-2]` lead to from `root`, creating null ones on the way. */
function containerAt(root: Container, keys: ScriptValue[]): Container {
  let c: ScriptValue = root;
  for (let i = 0; ; i++) {
    if (!isContainer(c)) throw typeError(`[] operator applied to a data element of unsupported type (${describeType(c)})`);
    if (i === keys.length - 1) return c;
    let child = readElement(c, keys[i]);
    if (child === null) {
      child = newContainer(keys[i + 1]);
      writeElement(c, keys[i], child);
    }
    c = child;
  }
}

// ---- assignment and ++ / --

export function assignCode(node: Assign, cx: Context): Code {
  const value = storedCode(node.value, cx);
  const change: Change = node.op === '=' ? { kind: 'set' } : { kind: 'binary', op: node.op === '+=' ? '+' : '-' };
  if (node.target.kind === 'local' && change.kind === 'set') {
    const slot = cx.slot(node.target.name);
    return (f) => (f.locals[slot] = value(f));
  }
  const store = storer(node.target, change, cx);
  if (node.target.kind !== 'index') return (f) => store(f, value(f), NO_KEYS);
  const indexes = indexChain(node.target).map((e) => cx.code(e));
  return (f) => {
    const v = value(f);
    const keys = new Array<ScriptValue>(indexes.length);
    for (let i = 0; i < indexes.length; i++) keys[i] = indexes[i](f);
    return store(f, v, keys);
  };
}

export function assignAsyncCode(node: Assign, cx: Context): AsyncCode {
  const value = storedAsyncCode(node.value, cx);
  const change: Change = node.op === '=' ? { kind: 'set' } : { kind: 'binary', op: node.op === '+=' ? '+' : '-' };
  const store = storer(node.target, change, cx);
  const indexes = indexChain(node.target).map((e) => cx.asyncCode(e));
  return async (f) => {
    const v = await value(f);
    const keys: ScriptValue[] = [];
    for (const index of indexes) keys.push(await index(f));
    return store(f, v, keys);
  };
}

export function updateCode(node: Update, cx: Context): Code {
  const delta = node.op === '++' ? 1 : -1;
  if (node.target.kind === 'local') {
    // The loop counter case: no dispatch for numbers.
    const slot = cx.slot(node.target.name);
    const place = cx.place(node);
    const name = node.target.name;
    return (f) => {
      const old = f.locals[slot];
      if (old === undefined) return uninitialized(name, place);
      const next = typeof old === 'number' ? old + delta : at(place, () => step(old, delta));
      f.locals[slot] = next;
      return node.prefix ? next : old;
    };
  }
  const store = storer(node.target, { kind: 'step', delta }, cx);
  const indexes = indexChain(node.target).map((e) => cx.code(e));
  return (f) => {
    const keys = new Array<ScriptValue>(indexes.length);
    for (let i = 0; i < indexes.length; i++) keys[i] = indexes[i](f);
    return store(f, null, keys, !node.prefix);
  };
}

export function updateAsyncCode(node: Update, cx: Context): AsyncCode {
  const delta = node.op === '++' ? 1 : -1;
  const store = storer(node.target, { kind: 'step', delta }, cx);
  const indexes = indexChain(node.target).map((e) => cx.asyncCode(e));
  return async (f) => {
    const keys: ScriptValue[] = [];
    for (const index of indexes) keys.push(await index(f));
    return store(f, null, keys, !node.prefix);
  };
}

const NO_KEYS: ScriptValue[] = [];

/** `a[i][j]` -> [i, j]. */
function indexChain(target: Local | Global | Index): Expr[] {
  const out: Expr[] = [];
  let e: Expr = target;
  while (e.kind === 'index') {
    out.unshift(e.index);
    e = e.target;
  }
  return out;
}

function baseOf(target: Local | Global | Index): Local | Global {
  let e: Expr = target;
  while (e.kind === 'index') e = e.target;
  return e as Local | Global;
}

function variable(base: Local | Global, cx: Context): Variable {
  const place = cx.place(base);
  if (base.kind === 'global') {
    const name = base.name;
    return { read: (f) => f.env.globals.get(name), write: (f, v) => f.env.globals.set(name, v), place, name };
  }
  const slot = cx.slot(base.name);
  return { read: (f) => f.locals[slot], write: (f, v) => (f.locals[slot] = v), place, name: base.name };
}

/**
 * Applies a change to a variable or element: `(frame, value, keys, returnOld)` -> the new
 * value (the old one for postfix ++/--). Errors are located at the assignment.
 */
function storer(target: Local | Global | Index, change: Change, cx: Context) {
  const v = variable(baseOf(target), cx);
  const place = cx.place(target);
  const apply = (old: ScriptValue | undefined, value: ScriptValue): ScriptValue => {
    if (change.kind === 'set') return value;
    if (old === undefined) return uninitialized(v.name, v.place);
    return change.kind === 'binary' ? binary(change.op, old, value) : step(old, change.delta);
  };
  return (f: Frame, value: ScriptValue, keys: ScriptValue[], returnOld = false): ScriptValue => {
    try {
      let old: ScriptValue | undefined;
      let next: ScriptValue;
      if (keys.length === 0) {
        old = v.read(f);
        next = apply(old, value);
        v.write(f, next);
      } else {
        const root = rootOf(f, v, keys[0]);
        const c = containerAt(root, keys);
        const key = keys[keys.length - 1];
        old = change.kind === 'set' ? null : readElement(c, key);
        next = apply(old, value);
        writeElement(c, key, next);
        // Globals may hand out copies (Globals.get), so the changed container is stored back.
        v.write(f, root);
      }
      return returnOld ? (old ?? null) : next;
    } catch (err) {
      throw located(err, place);
    }
  };
}

/** Runs `fn`, locating what it throws at `place`. */
function at<T>(place: Place, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw located(err, place);
  }
}
