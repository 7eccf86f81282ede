/**
 * How values cross between Chorus Script and the QuickJS sandbox. Everything crosses as a
 * JSON string in a small tagged "wire" format, so the host never walks sandbox objects (no
 * getters or proxies of the script run on the host side) and the only thing it parses is
 * plain JSON. Wire values:
 *
 * | wire                              | script value | JavaScript value       |
 * | --------------------------------- | ------------ | ---------------------- |
 * | `null`, `true`, `"s"`, `1.5`      | same         | same                   |
 * | `[w, ...]`                        | array        | Array                  |
 * | `{"$":"o","v":{"k":w}}`           | ScriptDict   | plain object           |
 * | `{"$":"d","v":ms}`                | ScriptDate   | Date (UTC fields = wall clock) |
 * | `{"$":"b","v":"hex"}`             | Uint8Array   | Uint8Array             |
 * | `{"$":"n","v":"NaN"}`             | number       | NaN / Infinity         |
 *
 * Objects are always tagged, so a user object with a `$` key is never mistaken for a tag.
 */
import { ScriptDate, ScriptDict, toHex, type ScriptValue } from '../core/script/values.ts';

type Wire = null | boolean | number | string | Wire[] | { $: string; v: unknown };

export function toWire(v: ScriptValue): Wire {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $: 'n', v: String(v) };
  if (Array.isArray(v)) return v.map(toWire);
  if (v instanceof ScriptDate) return { $: 'd', v: v.ms };
  if (v instanceof Uint8Array) return { $: 'b', v: toHex(v) };
  const entries: Record<string, Wire> = {};
  for (const k of v.keys()) Object.defineProperty(entries, k, { value: toWire(v.get(k)), enumerable: true });
  return { $: 'o', v: entries };
}

/**
 * Total over any JSON value: the sandbox produced it, and a script can tamper with the
 * prelude's helpers, so anything unexpected becomes null rather than an exception.
 */
export function fromWire(w: unknown): ScriptValue {
  if (w === null || typeof w === 'boolean' || typeof w === 'string' || typeof w === 'number') return w;
  if (Array.isArray(w)) return w.map(fromWire);
  if (typeof w !== 'object') return null;
  const { $: tag, v } = w as { $?: unknown; v?: unknown };
  if (tag === 'd' && typeof v === 'number') return new ScriptDate(v, v % 1000 !== 0);
  if (tag === 'b' && typeof v === 'string') return fromHex(v);
  if (tag === 'n' && typeof v === 'string') return Number(v);
  if (tag === 'o' && typeof v === 'object' && v !== null && !Array.isArray(v)) return dictFromWire(v as Record<string, unknown>);
  return null;
}

function dictFromWire(entries: Record<string, unknown>): ScriptDict {
  const out = new ScriptDict();
  for (const [k, x] of Object.entries(entries)) out.set(k, fromWire(x));
  return out;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16) || 0;
  return out;
}

/**
 * Evaluated first in every sandbox: a function the host calls once with its two bridges
 * (the first answers at once, the second may suspend the script in async mode) and the
 * names to expose through each (JSON arrays). It defines the functions, `Chorus` and
 * `console`, and returns the helpers the host keeps private: `encode` (a value to a wire
 * JSON string), `setArgs` and `close`. It captures JSON, Date and friends up front so a
 * script that replaces them only breaks itself.
 */
export const PRELUDE = String.raw`(function (syncBridge, asyncBridge, namesJson, asyncNamesJson) {
  'use strict';
  // Only this variable holds the host's functions, so close() can release them: the
  // asyncify build must see them freed before its runtime is (see Run.dispose).
  let bridges = [syncBridge, asyncBridge];
  const G = globalThis, stringify = JSON.stringify, parse = JSON.parse, isArray = Array.isArray;
  const defineProperty = Object.defineProperty, keys = Object.keys, isView = ArrayBuffer.isView;
  const NativeDate = Date, NativeArrayBuffer = ArrayBuffer, NativeUint8Array = Uint8Array, NativeError = Error, NativeString = String;
  const NativeNumber = Number, NativeTypeError = TypeError, toInt = parseInt;
  function hex(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }
  function bytes(h) {
    const out = new NativeUint8Array(h.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = toInt(h.substr(i * 2, 2), 16);
    return out;
  }
  function encode(v, parents) {
    switch (typeof v) {
      case 'string': case 'boolean': return v;
      case 'number': return v - v === 0 ? v : { $: 'n', v: NativeString(v) };
      case 'bigint': return NativeNumber(v);
      case 'object': break;
      default: return null;
    }
    if (v === null) return null;
    if (v instanceof NativeDate) return { $: 'd', v: v.getTime() };
    if (v instanceof NativeArrayBuffer) return { $: 'b', v: hex(new NativeUint8Array(v)) };
    if (isView(v)) return { $: 'b', v: hex(new NativeUint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    if (parents.indexOf(v) >= 0) throw new NativeTypeError('cannot pass a value that contains itself');
    parents.push(v);
    let out;
    if (isArray(v)) {
      out = [];
      for (let i = 0; i < v.length; i++) out.push(encode(v[i], parents));
    } else {
      const entries = {};
      for (const k of keys(v)) defineProperty(entries, k, { value: encode(v[k], parents), enumerable: true });
      out = { $: 'o', v: entries };
    }
    parents.pop();
    return out;
  }
  function decode(w) {
    if (w === null || typeof w !== 'object') return w;
    if (isArray(w)) return w.map(decode);
    switch (w.$) {
      case 'd': return new NativeDate(w.v);
      case 'b': return bytes(w.v);
      case 'n': return +w.v;
    }
    const out = {};
    for (const k of keys(w.v)) defineProperty(out, k, { value: decode(w.v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  function invoke(which, name, args) {
    const json = stringify(encode(args, []));
    // The waiting bridge gets the call stack: the host refuses to suspend too deep a stack
    const reply = parse(which === 0 ? bridges[0](name, json) : bridges[1](name, json, new NativeError().stack));
    if (reply.error) {
      const e = new NativeError(reply.error.message);
      e.code = reply.error.code;
      throw e;
    }
    return decode(reply.value);
  }
  function define(name, value) {
    defineProperty(G, name, { value, writable: true, configurable: true });
  }
  // Every function is a property of Chorus; it is also a global unless that would hide a
  // standard built-in (the library's Array, Date, String and Set).
  const library = {};
  function expose(which, name) {
    const fn = { [name](...args) { return invoke(which, name, args); } }[name];
    library[name] = fn;
    if (!(name in G)) define(name, fn);
  }
  for (const name of parse(namesJson)) expose(0, name);
  for (const name of parse(asyncNamesJson)) expose(1, name);
  define('Chorus', library);
  function show(x) {
    if (typeof x === 'string') return x;
    if (x !== null && typeof x === 'object' && !(x instanceof NativeError)) {
      try { return stringify(x); } catch (e) { /* contains itself: fall back to String */ }
    }
    return NativeString(x);
  }
  function logger(level) {
    return (...parts) => { invoke(0, level, [parts.map(show).join(' ')]); };
  }
  define('console', { log: logger('console.log'), info: logger('console.log'), warn: logger('console.warn'), error: logger('console.error') });
  return {
    encode: (v) => stringify(encode(v, [])),
    setArgs: (json) => {
      const args = decode(parse(json));
      define('args', args);
      args.forEach((v, i) => define('_' + (i + 1), v));
    },
    close: () => { bridges = null; },
  };
})`;
