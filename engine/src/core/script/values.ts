/**
 * The values a Chorus Script program computes with. Scalars are plain JavaScript values so
 * the common case (strings and numbers in a mapping formula) costs nothing to represent:
 *
 * | script type  | representation                                   |
 * | ------------ | ------------------------------------------------ |
 * | null         | `null`                                           |
 * | bool         | `boolean`                                        |
 * | int / double | `number` (one numeric type; `int` when integral) |
 * | string       | `string`                                         |
 * | date         | {@link ScriptDate}                               |
 * | binary       | `Uint8Array`                                     |
 * | array        | `ScriptValue[]` (may carry labels, see below)    |
 * | dictionary   | {@link ScriptDict}                               |
 */
export type ScriptValue = null | boolean | number | string | ScriptDate | Uint8Array | ScriptValue[] | ScriptDict;

export type TypeName = 'null' | 'bool' | 'int' | 'double' | 'string' | 'date' | 'binary' | 'array' | 'dictionary';

/**
 * A date-time without a zone, as the reference product has: `ms` counts milliseconds since
 * 1970-01-01 00:00:00 of the same wall clock (so `Date(0)` is 1970-01-01 00:00:00 and its
 * Unix seconds are 0). `precise` dates (from `Now_()` or parsed with a fraction) keep their
 * milliseconds when printed.
 */
export class ScriptDate {
  constructor(
    readonly ms: number,
    readonly precise = false,
  ) {}

  /** Unix seconds, fraction dropped: what a date becomes in arithmetic. */
  get seconds(): number {
    return Math.trunc(this.ms / 1000);
  }

  /** `yyyy-mm-dd HH:MM:SS`, with `.mmm` when precise. */
  toString(): string {
    return formatDateTime(this.ms, ' ', this.precise);
  }

  /** ISO 8601 without a zone (`2024-03-05T14:07:09`), as `--json` and run logs show dates. */
  toJSON(): string {
    return formatDateTime(this.ms, 'T', this.precise);
  }
}

function formatDateTime(ms: number, separator: string, precise: boolean): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${separator}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return precise ? `${text}.${pad(d.getUTCMilliseconds(), 3)}` : text;
}

/**
 * A dictionary: string keys to values. Keys are listed in sorted order, as the reference
 * product documents, whatever the order they were added in.
 */
export class ScriptDict {
  readonly entries = new Map<string, ScriptValue>();

  get size(): number {
    return this.entries.size;
  }

  get(key: string): ScriptValue {
    return this.entries.get(key) ?? null;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: ScriptValue): void {
    this.entries.set(key, value);
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Keys in sorted (code unit) order. */
  keys(): string[] {
    return [...this.entries.keys()].sort(compareKeys);
  }

  toJSON(): Record<string, ScriptValue> {
    const out: Record<string, ScriptValue> = {};
    for (const k of this.keys()) Object.defineProperty(out, k, { value: this.entries.get(k) ?? null, enumerable: true, writable: true, configurable: true });
    return out;
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Some functions (ParseURL, GetSourceInstanceArray, SfLookupAll) return arrays whose
 * elements can also be reached by name: `a["id"]`. The names ride on the array under this
 * symbol, mapping a lower-cased name to an index.
 */
export const LABELS: unique symbol = Symbol('chorus.script.labels');
export type LabelledArray = ScriptValue[] & { [LABELS]?: Map<string, number> };

export function labelled(values: ScriptValue[], names: string[]): LabelledArray {
  const out = values as LabelledArray;
  const labels = new Map<string, number>();
  names.forEach((name, i) => {
    const key = name.toLowerCase();
    if (!labels.has(key)) labels.set(key, i);
  });
  out[LABELS] = labels;
  return out;
}

export function isDate(v: unknown): v is ScriptDate {
  return v instanceof ScriptDate;
}

export function isDict(v: unknown): v is ScriptDict {
  return v instanceof ScriptDict;
}

export function isBinary(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

export function typeOf(v: ScriptValue): TypeName {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'double';
    case 'string':
      return 'string';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof ScriptDate) return 'date';
  if (v instanceof Uint8Array) return 'binary';
  return 'dictionary';
}

/**
 * A deep copy of an array or dictionary; scalars are returned as they are. Assigning a
 * variable to another copies (value semantics), so changing `b[0]` after `b = a` leaves `a`.
 */
export function copyValue(v: ScriptValue): ScriptValue {
  if (Array.isArray(v)) {
    const out: LabelledArray = v.map(copyValue);
    const labels = (v as LabelledArray)[LABELS];
    if (labels) out[LABELS] = new Map(labels);
    return out;
  }
  if (v instanceof ScriptDict) {
    const out = new ScriptDict();
    for (const [k, x] of v.entries) out.set(k, copyValue(x));
    return out;
  }
  return v;
}

/**
 * Brings a value from outside a script (a record field, a global set by a connector, a
 * `--var`) into the script world: objects become dictionaries, `undefined` becomes null,
 * ISO-like strings stay strings (a script converts them with `Date()` when it wants).
 */
export function fromHost(v: unknown): ScriptValue {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'object':
      if (Array.isArray(v)) return v.map(fromHost);
      if (v instanceof ScriptDate || v instanceof ScriptDict || v instanceof Uint8Array) return v;
      if (v instanceof Date) return new ScriptDate(v.getTime(), v.getUTCMilliseconds() !== 0);
      {
        const d = new ScriptDict();
        for (const [k, x] of Object.entries(v)) d.set(k, fromHost(x));
        return d;
      }
    default:
      return null;
  }
}

/**
 * Turns a script value into a plain JSON-like value for a record field or a run log:
 * dictionaries become objects, dates ISO strings, binaries hex.
 */
export function toHost(v: ScriptValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toHost);
  if (v instanceof ScriptDate) return v.toJSON();
  if (v instanceof Uint8Array) return toHex(v);
  const out: Record<string, unknown> = {};
  for (const k of v.keys()) Object.defineProperty(out, k, { value: toHost(v.get(k)), enumerable: true, writable: true, configurable: true });
  return out;
}

/** `{"type": ..., "value": ...}`: how `chorus eval --json` and function examples show a result. */
export interface TypedValue {
  type: TypeName;
  value: unknown;
}

export function toTyped(v: ScriptValue): TypedValue {
  return { type: typeOf(v), value: toHost(v) };
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
