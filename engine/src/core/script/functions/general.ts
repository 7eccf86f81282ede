/**
 * General functions: globals by name (Get, Set, chunk variables), tests on values (IsNull,
 * IsInteger, Length, InList), random values, running other operations and scripts, and the
 * counters of a transformation. Functions that need something outside the language (the
 * operation runtime, the transformation context, a network) fail with
 * SCRIPT_NEEDS_CAPABILITY when the host did not hand it in.
 */
import { describeType, toBool, toDate, toInt, toNum, toStr } from '../convert.ts';
import type { MappingContext, OperationCapability, ScriptEnv } from '../env.ts';
import { failed, ScriptError, scriptError, typeError } from '../errors.ts';
import { equals } from '../operators.ts';
import { copyValue, LABELS, ScriptDate, ScriptDict, type LabelledArray, type ScriptValue } from '../values.ts';
import { bool, checkLength, int, opt, str } from './args.ts';
import { isVarRef, type FunctionImpl, type FunctionSpec, type Param, type VarRef } from './types.ts';

/** SCRIPT_NEEDS_CAPABILITY; the caller prefixes the function name. */
export function needs(what: string): ScriptError {
  return scriptError('SCRIPT_NEEDS_CAPABILITY', `needs ${what}`);
}

/**
 * What the transformation runtime may add to `env.mapping` for the mapping-only functions
 * (docs/script/functions-notes/general.md lists the fields). Absent fields make those
 * functions fail with SCRIPT_NEEDS_CAPABILITY.
 */
export interface MappingRuntime extends MappingContext {
  /** RecordCount: 1-based number of the target loop instance being generated. */
  recordCount?: number;
  /** SourceInstanceCount: 1-based instance number of the most recent source generator. */
  sourceInstanceCount?: number;
  /** TargetInstanceCount and AutoNumber: target instances generated so far for the loop node. */
  targetInstanceCount?: number;
  /** CountSourceRecords: source instances feeding the current target loop node. */
  sourceRecordCount?: number;
  /** GetInstance: the instance data element set by SetInstances for the parent. */
  instance?: ScriptValue;
  /** SetInstances: the instances that drive generation of a target loop node. */
  setInstances?(nodeName: string, instances: ScriptValue[]): void;
  /** SortInstances: the order in which a target loop node's instances are generated. */
  sortInstances?(nodeName: string, keys: { values: ScriptValue[]; ascending: boolean }[]): void;
}

/** The mapping context, or SCRIPT_NEEDS_CAPABILITY outside a mapping formula. */
export function mappingOf(env: ScriptEnv): MappingRuntime {
  if (!env.mapping) throw needs('a transformation context (it works in mapping formulas only)');
  return env.mapping as MappingRuntime;
}

type MappingCounter = 'recordCount' | 'sourceInstanceCount' | 'targetInstanceCount' | 'sourceRecordCount';

/** An implementation returning one of the mapping's counters. */
export function mappingCounter(field: MappingCounter): FunctionImpl {
  return (_args, env) => {
    const value = mappingOf(env)[field];
    if (value === undefined) throw needs(`the transformation's ${field} counter`);
    return value;
  };
}

/** A row of GetOperationQueue, as the operation runtime reports it. */
export interface QueuedOperation {
  operationGuid: string;
  executing: boolean;
  /** Milliseconds since the Unix epoch. */
  added: number;
  secondsInStatus: number;
  instanceGuid: string;
  operationName: string;
}

/**
 * The operation runtime's queue, beyond running operations: optional methods the host may
 * add to `env.host.operations` (listed in docs/script/functions-notes/general.md).
 */
export interface OperationRuntime extends OperationCapability {
  cancel?(instanceGuid: string): void;
  cancelChain?(message: string, env: ScriptEnv): void;
  queue?(ref: string | undefined): QueuedOperation[];
  /** Milliseconds since the Unix epoch, undefined when it never ran. */
  lastRunStart?(ref: string): number | undefined;
  /** Resolves when every queued instance finished; rejects on timeout. */
  wait?(ref: string, timeoutSeconds: number, pollSeconds: number): Promise<void>;
}

function operations(env: ScriptEnv, method: keyof OperationRuntime): OperationRuntime {
  const ops = env.host.operations as OperationRuntime | undefined;
  if (!ops?.[method]) throw needs(`the operation runtime (${method === 'run' ? 'running operations' : `its queue: ${method}`})`);
  return ops;
}

/**
 * RunOperation: false (and the last error set) when the operation fails; a dangling
 * reference or a cancelled run still stops the script.
 */
async function runOperation(env: ScriptEnv, ref: string, sync: boolean): Promise<boolean> {
  const ops = operations(env, 'run');
  const before = env.state.lastError;
  try {
    const ok = await ops.run(ref, sync, env);
    if (!ok && env.state.lastError === before) env.state.lastError = `operation ${ref} failed`;
    return ok;
  } catch (err) {
    if (err instanceof ScriptError && (err.code === 'SCRIPT_UNKNOWN_COMPONENT' || err.code === 'SCRIPT_LIMIT')) throw err;
    env.state.lastError = err instanceof Error ? err.message : String(err);
    return false;
  }
}

const MAX_SCRIPT_ARGUMENTS = 100;

/**
 * RunScript: counts the nesting in `env.depth` for the duration of the call (the capability
 * runs the called script with this env's depth), and returns the result as a string.
 */
function runScript(args: ScriptValue[], env: ScriptEnv): ScriptValue | Promise<ScriptValue> {
  const scripts = env.host.scripts;
  if (!scripts) throw needs('the script runtime (running other scripts)');
  const ref = str(args, 0);
  const callArgs = args.slice(1).map(copyValue);
  if (callArgs.length > MAX_SCRIPT_ARGUMENTS) throw scriptError('SCRIPT_ARGUMENTS', `at most ${MAX_SCRIPT_ARGUMENTS} script arguments, got ${callArgs.length}`);
  const max = toInt(env.globals.get('jitterbit.scripting.nesting.max'));
  if (env.depth >= max) throw scriptError('SCRIPT_LIMIT', `scripts nest more than ${max} deep ($jitterbit.scripting.nesting.max)`);
  env.depth++;
  const done = () => {
    env.depth--;
  };
  let result: ScriptValue | Promise<ScriptValue>;
  try {
    result = scripts.call(ref, callArgs, env);
  } catch (err) {
    done();
    throw err;
  }
  if (result instanceof Promise) return result.then(toStr).finally(done);
  done();
  return toStr(result);
}

/**
 * The position an index stands for in an array (language §7): numbers as they are (a
 * fraction reads nothing), booleans 1/0, null and "" 0, a label of a labelled array its
 * element, any other string nothing. Negative is an error.
 */
function position(a: ScriptValue[], index: ScriptValue, argument: number): number | undefined {
  if (typeof index === 'string') return index === '' ? 0 : (a as LabelledArray)[LABELS]?.get(index.toLowerCase());
  const n = index === null ? 0 : toNum(index);
  if (n < 0) throw scriptError('SCRIPT_INDEX', `invalid array index ${toStr(index)}`, argument);
  return Number.isInteger(n) ? n : undefined;
}

function keyOf(index: ScriptValue, argument: number): string {
  if (index === null) throw typeError('a dictionary key cannot be null', argument);
  return toStr(index);
}

/** `v[i1][i2]...`; past the end (or a missing key) is null. `first` = argument of i1. */
function getIn(v: ScriptValue, indexes: ScriptValue[], first: number): ScriptValue {
  return indexes.reduce<ScriptValue>((value, index, k) => {
    if (value instanceof ScriptDict) return value.get(keyOf(index, first + k));
    if (!Array.isArray(value)) throw typeError(`cannot index ${describeType(value)}`, first + k);
    const n = position(value, index, first + k);
    return n === undefined ? null : (value[n] ?? null);
  }, v);
}

/** `v[i1][i2]... = value`, growing arrays (null fills the gap); returns the new `v`. */
function setIn(v: ScriptValue, indexes: ScriptValue[], value: ScriptValue, first: number): ScriptValue {
  if (indexes.length === 0) return value;
  const [index, ...rest] = indexes;
  if (v instanceof ScriptDict) {
    const key = keyOf(index, first);
    v.set(key, setIn(v.get(key), rest, value, first + 1));
    return v;
  }
  if (v !== null && !Array.isArray(v)) throw typeError(`cannot index ${describeType(v)}`, first);
  const a = v ?? [];
  const n = position(a, index, first);
  if (n === undefined) throw scriptError('SCRIPT_INDEX', `invalid array index ${toStr(index)}`, first);
  checkLength(n + 1, 'array');
  while (a.length < n) a.push(null);
  a[n] = setIn(a[n] ?? null, rest, value, first + 1);
  return a;
}

/** A global's name as Get and Set take it: without `$`, tolerated when written. */
function globalName(args: ScriptValue[]): string {
  return str(args, 0).replace(/^\$/, '');
}

function get(args: ScriptValue[], env: ScriptEnv): ScriptValue {
  const first = args[0] ?? null;
  const base = Array.isArray(first) ? first : env.globals.get(globalName(args));
  return copyValue(getIn(base, args.slice(1), 1));
}

function set(args: ScriptValue[], env: ScriptEnv): ScriptValue {
  const ref = args[0] as ScriptValue | VarRef;
  const first = isVarRef(ref) ? ref.get() : ref;
  const value = args[1] ?? null;
  const indexes = args.slice(2);
  if (Array.isArray(first)) {
    if (indexes.length === 0) throw scriptError('SCRIPT_ARGUMENTS', 'Set on an array needs at least one index');
    const updated = setIn(first, indexes, copyValue(value), 2);
    if (isVarRef(ref)) ref.set(updated);
    return value;
  }
  const name = globalName([first]);
  if (name === '') throw failed('the variable name is empty', 0);
  env.globals.set(name, setIn(env.globals.get(name), indexes, copyValue(value), 2));
  return value;
}

/** Chunk variables live among the globals under this prefix. */
const CHUNK_PREFIX = 'chunk:';

function length(v: ScriptValue): number {
  if (v === null) return 0;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Uint8Array) return v.length;
  if (v instanceof ScriptDict) return v.size;
  return toStr(v).length;
}

function isInteger(v: ScriptValue): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  return typeof v === 'string' && /^[-+]?\d+$/.test(v.trim());
}

function randomInt(env: ScriptEnv, lo: number, hi: number): number {
  const [min, max] = lo <= hi ? [lo, hi] : [hi, lo];
  return min + Math.floor(env.host.random() * (max - min + 1));
}

function guid(env: ScriptEnv): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(env.host.random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The characters of a RandomString set: `a-z` is a range; a `-` first or last is itself. */
function charset(spec: string): string[] {
  const chars = [...spec];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const from = chars[i].codePointAt(0)!;
      const to = chars[i + 2].codePointAt(0)!;
      if (from > to) throw failed(`the range ${chars[i]}-${chars[i + 2]} runs backwards`, 1);
      for (let c = from; c <= to; c++) out.push(String.fromCodePoint(c));
      i += 2;
    } else out.push(chars[i]);
  }
  if (out.length === 0) throw failed('the character set is empty', 1);
  return out;
}

function randomString(args: ScriptValue[], env: ScriptEnv): string {
  const n = int(args, 0);
  if (n < 0) throw failed(`the length ${n} is negative`, 0);
  checkLength(n);
  const chars = charset(opt(args, 1, str, 'a-zA-Z0-9'));
  let out = '';
  for (let i = 0; i < n; i++) out += chars[Math.floor(env.host.random() * chars.length)];
  return out;
}

/** How ReadArrayString converts the scalars it reads. */
const ELEMENT_TYPES: Record<string, (text: string) => ScriptValue> = {
  string: (t) => t,
  int: toInt,
  long: toInt,
  double: toNum,
  float: toNum,
  bool: toBool,
  boolean: toBool,
  date: toDate,
};

/**
 * Reads `{a,"b,c",{d,e}}`: scalars are CSV-like (quotes optional unless the value holds
 * `,"{}` or a line break; `""` inside quotes is a quote), spaces around them are dropped,
 * and the members of one array are all scalars or all arrays.
 */
function readArrayString(text: string, convert: (t: string) => ScriptValue): ScriptValue[] {
  let pos = 0;
  const fail = (what: string) => failed(`${what} at character ${pos + 1} of the array text`, 0);
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const readQuoted = (): string => {
    let out = '';
    for (pos++; pos < text.length; pos++) {
      if (text[pos] !== '"') out += text[pos];
      else if (text[pos + 1] === '"') out += text[++pos];
      else {
        pos++;
        return out;
      }
    }
    throw fail('a quoted value is not closed');
  };
  const readScalar = (): string => {
    if (text[pos] === '"') return readQuoted();
    const start = pos;
    while (pos < text.length && !',{}'.includes(text[pos])) pos++;
    return text.slice(start, pos).trim();
  };
  const readArray = (): ScriptValue[] => {
    pos++;
    skipSpace();
    const items: ScriptValue[] = [];
    let arrays = 0;
    if (text[pos] === '}') {
      pos++;
      return items;
    }
    for (;;) {
      skipSpace();
      if (text[pos] === '{') {
        items.push(readArray());
        arrays++;
      } else items.push(convert(readScalar()));
      skipSpace();
      const c = text[pos];
      if (c === '}') break;
      if (c !== ',') throw fail(c === undefined ? 'a "}" is missing' : `unexpected "${c}"`);
      pos++;
    }
    if (arrays !== 0 && arrays !== items.length) throw fail('an array mixes values and arrays');
    pos++;
    return items;
  };
  skipSpace();
  if (text[pos] !== '{') throw fail('expected "{"');
  const out = readArray();
  skipSpace();
  if (pos < text.length) throw fail('unexpected text after the closing "}"');
  return out;
}

function elementType(args: ScriptValue[]): (text: string) => ScriptValue {
  const name = opt(args, 1, str, 'string');
  const convert = ELEMENT_TYPES[name.toLowerCase()];
  if (!convert) throw failed(`unknown element type "${name}" (use ${Object.keys(ELEMENT_TYPES).join(', ')})`, 1);
  return convert;
}

function unavailable(what: string): FunctionImpl {
  return () => {
    throw needs(what);
  };
}

const operationRef: Param = { name: 'operationRef', type: 'string', description: 'A reference to an operation: <TAG>operation:Name</TAG>, a project path or a name.' };
const runSync: Param = { name: 'runSynchronously', type: 'bool', optional: true, default: 'true' };
const anyValue = (name: string): Param => ({ name, type: 'type' });

/** Examples of a call that needs a capability the example host lacks: the error, and Eval catching it. */
export function needsExamples(code: string, note: string): FunctionSpec['examples'] {
  return [
    { code, error: 'SCRIPT_NEEDS_CAPABILITY', note },
    { code: `Eval(${code}, "unavailable")`, result: { type: 'string', value: 'unavailable' } },
  ];
}

export const NO_MAPPING = 'Outside a mapping formula there is no transformation context.';
const NO_RUNTIME = 'Needs the operation runtime: works in script steps run by the engine.';
const counterExamples = (name: string) => needsExamples(`${name}()`, NO_MAPPING);

export const generalFunctions: FunctionSpec[] = [
  {
    name: 'ArgumentList',
    category: 'general',
    summary: 'In a script started by RunScript, copies the arguments `_1`, `_2`, … into the named local variables (an argument that was not passed gives null).',
    intrinsic: true,
    signatures: [{ params: [{ name: 'name1', type: 'var' }, { name: 'name', type: 'var', optional: true, rest: true }], returns: 'null' }],
    examples: [
      { code: 'ArgumentList(first, second); IsNull(first)', result: { type: 'bool', value: true }, note: 'Not started by RunScript: no arguments were passed.' },
      { code: 'ArgumentList(a)', result: { type: 'null', value: null } },
    ],
  },
  {
    name: 'AutoNumber',
    category: 'general',
    summary: 'Deprecated: the same as TargetInstanceCount().',
    signatures: [{ params: [], returns: 'int' }],
    examples: counterExamples('AutoNumber'),
    impl: mappingCounter('targetInstanceCount'),
  },
  {
    name: 'CancelOperation',
    category: 'general',
    summary: 'Cancels a running operation instance, identified by its instance GUID (element 4 of a GetOperationQueue row).',
    signatures: [{ params: [{ name: 'operationInstanceGUID', type: 'string' }], returns: 'void' }],
    examples: needsExamples('CancelOperation("5b3d3a1e-0000-4000-8000-000000000000")', NO_RUNTIME),
    impl: (args, env) => {
      operations(env, 'cancel').cancel!(str(args, 0));
      return null;
    },
  },
  {
    name: 'CancelOperationChain',
    category: 'general',
    summary: 'Cancels the success and failure operations that would run after the current one, logging the message; the current scripts still finish.',
    signatures: [{ params: [{ name: 'message', type: 'string' }], returns: 'void' }],
    examples: needsExamples('CancelOperationChain("nothing to load")', NO_RUNTIME),
    impl: (args, env) => {
      operations(env, 'cancelChain').cancelChain!(str(args, 0), env);
      return null;
    },
  },
  {
    name: 'Eval',
    category: 'general',
    summary: 'Evaluates `expr` and returns it as a string; when it raises an error (RaiseError included), evaluates and returns `default`, in which GetLastError() gives the message.',
    intrinsic: true,
    signatures: [{ params: [anyValue('expr'), anyValue('default')], returns: 'string' }],
    examples: [
      { code: 'Eval(1 / 0, "fallback")', result: { type: 'string', value: 'fallback' } },
      { code: 'Eval(1 + 1, "fallback")', result: { type: 'string', value: '2' } },
      { code: 'Eval(RaiseError("bad id"), "error: " + GetLastError())', result: { type: 'string', value: 'error: bad id' } },
    ],
  },
  {
    name: 'Get',
    category: 'general',
    summary: 'The value of the global variable `name` (without `$`); with indexes, an element of an array global (one index per dimension). With an array first, indexes that array. Past the end is null.',
    signatures: [
      { params: [{ name: 'name', type: 'string' }, { name: 'index', type: 'int', optional: true, rest: true }], returns: 'type' },
      { params: [{ name: 'a', type: 'array' }, { name: 'index', type: 'int', rest: true }], returns: 'type' },
    ],
    examples: [
      { code: '$total = 5; Get("total")', result: { type: 'int', value: 5 } },
      { code: '$rows = {{"a", "b"}, {"c", "d"}}; Get("rows", 1, 0)', result: { type: 'string', value: 'c' } },
      { code: 'Get({10, 20, 30}, 5)', result: { type: 'null', value: null } },
      { code: 'Get("never.set")', result: { type: 'null', value: null } },
    ],
    impl: get,
  },
  {
    name: 'GetChunkDataElement',
    category: 'general',
    summary: 'The value of a chunk variable (set with SetChunkDataElement), or null.',
    signatures: [{ params: [{ name: 'name', type: 'string' }], returns: 'type' }],
    examples: [
      { code: 'SetChunkDataElement("batch", 3); GetChunkDataElement("batch")', result: { type: 'int', value: 3 } },
      { code: 'GetChunkDataElement("unset")', result: { type: 'null', value: null } },
    ],
    impl: (args, env) => env.globals.get(CHUNK_PREFIX + str(args, 0)),
  },
  {
    name: 'GetHostByIP',
    category: 'general',
    summary: 'The host name of an IP address (reverse DNS lookup).',
    needs: 'network',
    signatures: [{ params: [{ name: 'ipAddress', type: 'string' }], returns: 'string' }],
    examples: needsExamples('GetHostByIP("127.0.0.1")', 'Chorus scripts have no network access yet.'),
    impl: unavailable('network access (reverse DNS)'),
  },
  {
    name: 'GetInputString',
    category: 'general',
    summary: 'The raw text of a source field in a mapping formula; "" for anything that is not a field (a node, an array of instances, null).',
    signatures: [{ params: [{ name: 'arg', type: 'node' }], returns: 'string' }],
    examples: needsExamples('GetInputString("12.50")', NO_MAPPING),
    impl: (args, env) => {
      mappingOf(env);
      const v = args[0] ?? null;
      return v === null || Array.isArray(v) || v instanceof ScriptDict ? '' : toStr(v);
    },
  },
  {
    name: 'GetLastOperationRunStartTime',
    category: 'general',
    summary: 'When the operation last started (UTC), or null when it never ran.',
    signatures: [{ params: [operationRef], returns: 'date' }],
    examples: needsExamples('GetLastOperationRunStartTime("<TAG>operation:Load Orders</TAG>")', NO_RUNTIME),
    impl: (args, env) => {
      const ms = operations(env, 'lastRunStart').lastRunStart!(str(args, 0));
      return ms === undefined ? null : new ScriptDate(ms);
    },
  },
  {
    name: 'GetName',
    category: 'general',
    summary: 'The name of the variable passed (without `$` for a global); "" when the argument is not a variable.',
    signatures: [{ params: [{ name: 'arg', type: 'var' }], returns: 'string' }],
    examples: [
      { code: '$order.id = 7; GetName($order.id)', result: { type: 'string', value: 'order.id' } },
      { code: 'x = 1; GetName(x)', result: { type: 'string', value: 'x' } },
      { code: 'GetName("text")', result: { type: 'string', value: '' } },
    ],
    impl: (args) => {
      const arg = args[0] as ScriptValue | VarRef;
      return isVarRef(arg) ? arg.name : '';
    },
  },
  {
    name: 'GetOperationQueue',
    category: 'general',
    summary: 'Rows {operationGUID, isExecuting, addedTimestamp, secondsInStatus, instanceGUID, operationName} of the queued and running operations, optionally of one operation.',
    signatures: [{ params: [{ ...operationRef, optional: true }], returns: 'array' }],
    examples: needsExamples('GetOperationQueue()', NO_RUNTIME),
    impl: (args, env) => {
      const rows = operations(env, 'queue').queue!(args.length > 0 ? str(args, 0) : undefined);
      return rows.map((r) => [r.operationGuid, r.executing, new ScriptDate(r.added), r.secondsInStatus, r.instanceGuid, r.operationName]);
    },
  },
  {
    name: 'GetServerName',
    category: 'general',
    summary: 'The host name of the machine running the agent.',
    signatures: [{ params: [], returns: 'string' }],
    examples: [
      { code: 'GetServerName()', result: { type: 'string', value: 'test-server' }, note: 'The name the host reports; tests use "test-server".' },
      { code: '"Running on " + GetServerName()', result: { type: 'string', value: 'Running on test-server' } },
    ],
    impl: (_args, env) => {
      const name = env.host.environment?.serverName;
      if (name === undefined) throw needs('the agent environment');
      return name;
    },
  },
  {
    name: 'GUID',
    category: 'general',
    summary: 'A random version-4 UUID in lowercase, e.g. "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f".',
    volatile: true,
    signatures: [{ params: [], returns: 'string' }],
    examples: [
      { code: 'GUID()', matches: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
      { code: 'GUID() == GUID()', result: { type: 'bool', value: false } },
    ],
    impl: (_args, env) => guid(env),
  },
  {
    name: 'IfEmpty',
    category: 'general',
    summary: '`default` when `arg` is null or its string form is "" (evaluated only then), else `arg`. An empty array is not empty.',
    intrinsic: true,
    signatures: [{ params: [anyValue('arg'), anyValue('default')], returns: 'type' }],
    examples: [
      { code: 'IfEmpty("", "none")', result: { type: 'string', value: 'none' } },
      { code: 'IfEmpty(Null(), 0)', result: { type: 'int', value: 0 } },
      { code: 'IfEmpty("x", 1 / 0)', result: { type: 'string', value: 'x' } },
      { code: 'IfEmpty({}, "none")', result: { type: 'array', value: [] } },
    ],
  },
  {
    name: 'IfNull',
    category: 'general',
    summary: '`default` when `arg` is null (evaluated only then), else `arg`.',
    intrinsic: true,
    signatures: [{ params: [anyValue('arg'), anyValue('default')], returns: 'type' }],
    examples: [
      { code: 'IfNull(Null(), "none")', result: { type: 'string', value: 'none' } },
      { code: 'IfNull("", "none")', result: { type: 'string', value: '' } },
      { code: 'IfNull(5, 1 / 0)', result: { type: 'int', value: 5 } },
    ],
  },
  {
    name: 'InitCounter',
    category: 'general',
    summary: 'Sets a counter variable (a `$global`, or a global named by a string) to its initial value and returns it.',
    signatures: [{ params: [{ name: 'counter', type: 'var' }, { name: 'initialValue', type: 'int', optional: true, default: '0' }], returns: 'int' }],
    examples: [
      { code: 'InitCounter($n, 10); $n', result: { type: 'int', value: 10 } },
      { code: 'InitCounter("lines"); $lines', result: { type: 'int', value: 0 } },
    ],
    impl: (args, env) => {
      const counter = args[0] as ScriptValue | VarRef;
      const initial = opt(args, 1, int, 0);
      if (isVarRef(counter)) counter.set(initial);
      else env.globals.set(globalName(args), initial);
      return initial;
    },
  },
  {
    name: 'InList',
    category: 'general',
    summary: 'The 1-based position of the first argument after `x` that equals `x` (with the conversions of ==), 0 when none does.',
    signatures: [{ params: [anyValue('x'), { name: 'arg', type: 'type', optional: true, rest: true }], returns: 'int' }],
    examples: [
      { code: 'InList("b", "a", "b", "b")', result: { type: 'int', value: 2 } },
      { code: 'InList(3, "1", "3")', result: { type: 'int', value: 2 } },
      { code: 'InList("z", "a")', result: { type: 'int', value: 0 } },
      { code: 'InList(Null(), Null())', result: { type: 'int', value: 0 } },
    ],
    impl: (args) => {
      const found = args.findIndex((v, i) => i > 0 && equals(args[0], v));
      return found < 0 ? 0 : found;
    },
  },
  {
    name: 'IsInteger',
    category: 'general',
    summary: 'True for an integral number, or a string holding only an integer ("12", "-3").',
    signatures: [{ params: [anyValue('x')], returns: 'bool' }],
    examples: [
      { code: 'IsInteger(12)', result: { type: 'bool', value: true } },
      { code: 'IsInteger(1.5)', result: { type: 'bool', value: false } },
      { code: 'IsInteger("-42")', result: { type: 'bool', value: true } },
      { code: 'IsInteger("12abc")', result: { type: 'bool', value: false } },
    ],
    impl: (args) => isInteger(args[0] ?? null),
  },
  {
    name: 'IsNull',
    category: 'general',
    summary: 'True only for null (not for "" or an empty array).',
    signatures: [{ params: [anyValue('x')], returns: 'bool' }],
    examples: [
      { code: 'IsNull(Null())', result: { type: 'bool', value: true } },
      { code: 'IsNull("")', result: { type: 'bool', value: false } },
      { code: 'IsNull($never.set)', result: { type: 'bool', value: true } },
    ],
    impl: (args) => (args[0] ?? null) === null,
  },
  {
    name: 'IsValid',
    category: 'general',
    summary: 'True when evaluating `expr` raises no error.',
    intrinsic: true,
    signatures: [{ params: [anyValue('expr')], returns: 'bool' }],
    examples: [
      { code: 'IsValid(Date("2024-02-30"))', result: { type: 'bool', value: false } },
      { code: 'IsValid(1 + 1)', result: { type: 'bool', value: true } },
      { code: 'IsValid(RaiseError("x"))', result: { type: 'bool', value: false } },
    ],
  },
  {
    name: 'Length',
    category: 'general',
    summary: 'Characters of a string, elements of an array, bytes of a binary, entries of a dictionary; 0 for null; otherwise the length of the string form.',
    signatures: [{ params: [anyValue('x')], returns: 'int' }],
    examples: [
      { code: 'Length("hello")', result: { type: 'int', value: 5 } },
      { code: 'Length({1, {2, 3}})', result: { type: 'int', value: 2 } },
      { code: 'Length(Null())', result: { type: 'int', value: 0 } },
      { code: 'Length(12.5)', result: { type: 'int', value: 4 } },
    ],
    impl: (args) => length(args[0] ?? null),
  },
  {
    name: 'Null',
    category: 'general',
    summary: 'The null value.',
    signatures: [{ params: [], returns: 'null' }],
    examples: [
      { code: 'Null()', result: { type: 'null', value: null } },
      { code: '"a" + Null()', result: { type: 'string', value: 'a' } },
    ],
    impl: () => null,
  },
  {
    name: 'Random',
    category: 'general',
    summary: 'A random integer between `min` and `max`, both included (bounds truncated to integers, swapped bounds allowed).',
    volatile: true,
    signatures: [{ params: [{ name: 'min', type: 'int' }, { name: 'max', type: 'int' }], returns: 'int' }],
    examples: [
      { code: 'Random(1, 6)', matches: '^[1-6]$' },
      { code: 'Random(5, 5)', result: { type: 'int', value: 5 } },
      { code: 'r = Random(10, 1); r >= 1 && r <= 10', result: { type: 'bool', value: true } },
    ],
    impl: (args, env) => randomInt(env, int(args, 0), int(args, 1)),
  },
  {
    name: 'RandomString',
    category: 'general',
    summary: 'A random string of `length` characters drawn from `chars` (ranges such as "a-z" allowed; default letters and digits).',
    volatile: true,
    signatures: [{ params: [{ name: 'length', type: 'int' }, { name: 'chars', type: 'string', optional: true, default: '"a-zA-Z0-9"' }], returns: 'string' }],
    examples: [
      { code: 'RandomString(8)', matches: '^[a-zA-Z0-9]{8}$' },
      { code: 'RandomString(6, "0-9")', matches: '^[0-9]{6}$' },
      { code: 'RandomString(3, "x")', result: { type: 'string', value: 'xxx' } },
      { code: 'RandomString(0)', result: { type: 'string', value: '' } },
    ],
    impl: randomString,
  },
  {
    name: 'ReadArrayString',
    category: 'general',
    summary: 'Reads array text such as `{a,"b,c",{1,2}}` into an array, converting the values to `type` (string, int, long, double, float, bool or date).',
    signatures: [{ params: [{ name: 'arrayString', type: 'string' }, { name: 'type', type: 'string', optional: true, default: '"string"' }], returns: 'array' }],
    examples: [
      { code: 'ReadArrayString("{a, \\"b,c\\", d}")', result: { type: 'array', value: ['a', 'b,c', 'd'] } },
      { code: 'ReadArrayString("{{1,2},{3}}", "int")', result: { type: 'array', value: [[1, 2], [3]] } },
      { code: 'ReadArrayString("{1,{2}}")', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => readArrayString(str(args, 0), elementType(args)),
  },
  {
    name: 'RecordCount',
    category: 'general',
    summary: 'In a mapping, the 1-based number of the target loop instance being generated (in a condition: the last generated, from 0).',
    signatures: [{ params: [], returns: 'int' }],
    examples: counterExamples('RecordCount'),
    impl: mappingCounter('recordCount'),
  },
  {
    name: 'ReRunOperation',
    category: 'general',
    summary: 'Runs the current operation again; true on success, false on failure (see GetLastError).',
    async: true,
    signatures: [{ params: [runSync], returns: 'bool' }],
    examples: needsExamples('ReRunOperation()', NO_RUNTIME),
    impl: async (args, env) => {
      const current = env.globals.get('jitterbit.operation.name');
      if (current === null || current === '') throw needs('the operation runtime (no operation is running)');
      return runOperation(env, toStr(current), opt(args, 0, bool, true));
    },
  },
  {
    name: 'RunOperation',
    category: 'general',
    summary: 'Runs an operation and its chain. Synchronously (default) it waits and shares globals both ways; asynchronously it queues it. True on success; false on failure, with the message in GetLastError().',
    async: true,
    signatures: [{ params: [operationRef, runSync], returns: 'bool' }],
    examples: needsExamples('RunOperation("<TAG>operation:Load Orders</TAG>")', NO_RUNTIME),
    impl: (args, env) => runOperation(env, str(args, 0), opt(args, 1, bool, true)),
  },
  {
    name: 'RunPlugin',
    category: 'general',
    summary: 'Runs a script-capable plugin; false on failure (see GetLastError).',
    needs: 'plugins',
    signatures: [{ params: [{ name: 'pluginRef', type: 'string' }], returns: 'bool' }],
    examples: needsExamples('RunPlugin("<TAG>plugin:Zip Files</TAG>")', 'Chorus has no plugins yet.'),
    impl: unavailable('plugins'),
  },
  {
    name: 'RunScript',
    category: 'general',
    summary: 'Runs another script with the arguments available there as `_1`, `_2`, … and returns its result as a string. Nesting is limited by $jitterbit.scripting.nesting.max.',
    signatures: [{ params: [{ name: 'scriptRef', type: 'string' }, { name: 'arg', type: 'type', optional: true, rest: true }], returns: 'string' }],
    examples: needsExamples('RunScript("<TAG>script:Format Name</TAG>", "ada", "lovelace")', 'Needs the project\'s scripts: works in script steps.'),
    impl: runScript,
  },
  {
    name: 'Set',
    category: 'general',
    summary: 'Assigns the global `name` (without `$`) and returns the value; with indexes assigns an element (arrays grow, null fills the gap). With an array variable first, assigns its element.',
    signatures: [
      { params: [{ name: 'name', type: 'string' }, anyValue('value'), { name: 'index', type: 'int', optional: true, rest: true }], returns: 'type' },
      { params: [{ name: 'a', type: 'var', description: 'An array variable.' }, anyValue('value'), { name: 'index', type: 'int', rest: true }], returns: 'type' },
    ],
    examples: [
      { code: 'Set("count", 3); $count', result: { type: 'int', value: 3 } },
      { code: 'Set("rows", "x", 2); $rows', result: { type: 'array', value: [null, null, 'x'] } },
      { code: 'a = {1, 2}; Set(a, 9, 0); a', result: { type: 'array', value: [9, 2] } },
      { code: 'Set("rows", "x", -1)', error: 'SCRIPT_INDEX' },
    ],
    impl: set,
  },
  {
    name: 'SetChunkDataElement',
    category: 'general',
    summary: 'Sets a chunk variable and returns the value.',
    signatures: [{ params: [{ name: 'name', type: 'string' }, anyValue('value')], returns: 'type' }],
    examples: [
      { code: 'SetChunkDataElement("batch", "A")', result: { type: 'string', value: 'A' } },
      { code: 'SetChunkDataElement("n", 1); GetChunkDataElement("N")', result: { type: 'int', value: 1 } },
    ],
    impl: (args, env) => {
      const value = args[1] ?? null;
      env.globals.set(CHUNK_PREFIX + str(args, 0), copyValue(value));
      return value;
    },
  },
  {
    name: 'Sleep',
    category: 'general',
    summary: 'Waits for the number of seconds (script steps only).',
    async: true,
    signatures: [{ params: [{ name: 'seconds', type: 'int' }], returns: 'void' }],
    examples: needsExamples('Sleep(1)', 'Needs a host that can wait: works in script steps.'),
    impl: async (args, env) => {
      const seconds = int(args, 0);
      if (!env.host.sleep) throw needs('a host that can wait');
      await env.host.sleep(Math.max(0, seconds) * 1000);
      return null;
    },
  },
  {
    name: 'SourceInstanceCount',
    category: 'general',
    summary: 'In a mapping, the 1-based instance number of the most recent source loop.',
    signatures: [{ params: [], returns: 'int' }],
    examples: counterExamples('SourceInstanceCount'),
    impl: mappingCounter('sourceInstanceCount'),
  },
  {
    name: 'TargetInstanceCount',
    category: 'general',
    summary: 'In a mapping, the number of target instances generated so far for the current loop node (1-based in mappings, 0-based in conditions).',
    signatures: [{ params: [], returns: 'int' }],
    examples: counterExamples('TargetInstanceCount'),
    impl: mappingCounter('targetInstanceCount'),
  },
  {
    name: 'WaitForOperation',
    category: 'general',
    summary: 'Waits until every queued instance of the operation has finished; an error after `timeOutSec`.',
    async: true,
    signatures: [
      {
        params: [operationRef, { name: 'timeOutSec', type: 'int', optional: true, default: '3600' }, { name: 'pollIntervalSec', type: 'int', optional: true, default: '10' }],
        returns: 'void',
      },
    ],
    examples: needsExamples('WaitForOperation("<TAG>operation:Load Orders</TAG>", 60)', NO_RUNTIME),
    impl: async (args, env) => {
      const ops = operations(env, 'wait');
      await ops.wait!(str(args, 0), opt(args, 1, int, 3600), opt(args, 2, int, 10));
      return null;
    },
  },
];
