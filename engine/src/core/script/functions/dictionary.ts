/**
 * Dictionaries and arrays: building them, reading keys, sorting and flattening arrays, and
 * listing the attributes and simple child elements of a source node. In Chorus a node
 * reference in a formula evaluates to its record object as a dictionary: attributes are the
 * keys starting with "@" (as the XML reader names them), simple child elements are the other
 * keys holding a scalar (see docs/script/functions-notes/dictionary.md).
 */
import { compareValues } from '../operators.ts';
import { describeType, toStr } from '../convert.ts';
import { failed, typeError } from '../errors.ts';
import { copyValue, labelled, ScriptDict, type ScriptValue } from '../values.ts';
import { arr, bool, dict, int, opt, str } from './args.ts';
import { isVarRef, type FunctionSpec, type Param, type VarRef } from './types.ts';

const dictParam: Param = { name: 'dict', type: 'dictionary' };
const keyParam: Param = { name: 'key', type: 'string' };

/** A key argument; null when the argument is null (HasKey and RemoveKey then answer false). */
function keyOrNull(args: ScriptValue[], i: number): string | null {
  const v = args[i] ?? null;
  return v === null ? null : toStr(v);
}

/**
 * AddToDict: on the dictionary argument in place; a variable that does not hold one gets a
 * new dictionary. A variable is assigned back in every case, since a global may hand out a
 * converted copy of what it holds.
 */
function addToDict(args: ScriptValue[]): boolean {
  const arg = args[0] as ScriptValue | VarRef;
  const current = isVarRef(arg) ? arg.get() : arg;
  if (!(current instanceof ScriptDict) && !isVarRef(arg)) throw typeError(`expected a dictionary, got ${describeType(current)}`, 0);
  if (args[1] === null) throw typeError('a dictionary key cannot be null', 1);
  const target = current instanceof ScriptDict ? current : new ScriptDict();
  const key = str(args, 1);
  const added = !target.has(key);
  target.set(key, copyValue(args[2] ?? null));
  if (isVarRef(arg)) arg.set(target);
  return added;
}

/** How deep arrays nest in `v` (a scalar is 0); an error when the members disagree. */
function depthOf(v: ScriptValue): number {
  if (!Array.isArray(v)) return 0;
  const depths = new Set(v.map(depthOf));
  if (depths.size > 1) throw failed('the array nests unevenly (some members are arrays and some are not, or arrays of different depth)', 0);
  return 1 + (depths.size === 0 ? 0 : [...depths][0]);
}

function reduceDimension(a: ScriptValue[]): ScriptValue[] {
  if (a.length > 0 && depthOf(a) < 2) throw failed('the array has only one dimension', 0);
  return a.flatMap((row) => (row as ScriptValue[]).map(copyValue));
}

/**
 * Sorts in place: by the values themselves, or (2-D form) by the element at `index` of each
 * row. Array.prototype.sort is stable, so repeated calls give a multi-key sort.
 */
function sortArray(args: ScriptValue[]): null {
  const ref = args[0] as ScriptValue | VarRef;
  const a = isVarRef(ref) ? ref.get() : ref;
  if (!Array.isArray(a)) throw typeError(`expected an array, got ${describeType(a)}`, 0);
  // SortArray(a, true) is the ascending flag; SortArray(a, 1[, asc]) names a column.
  const byColumn = args.length === 3 || (args.length === 2 && typeof args[1] !== 'boolean');
  const ascending = byColumn ? opt(args, 2, bool, true) : opt(args, 1, bool, true);
  const key = byColumn ? column(int(args, 1)) : (v: ScriptValue) => v;
  const sign = ascending ? 1 : -1;
  a.sort((x, y) => sign * compareValues(key(x), key(y)));
  if (isVarRef(ref)) ref.set(a);
  return null;
}

function column(index: number): (row: ScriptValue) => ScriptValue {
  if (index < 0) throw failed(`the column index ${index} is negative`, 1);
  return (row) => {
    if (!Array.isArray(row)) throw typeError(`sorting by column needs an array of rows, found ${describeType(row)}`, 0);
    return row[index] ?? null;
  };
}

/** The record a node reference stands for; null (no instance) reads as an empty one. */
function node(args: ScriptValue[]): ScriptDict {
  return args[0] === null ? new ScriptDict() : dict(args, 0);
}

/** Attribute entries (without the "@") or simple child elements, in document order. */
function nodeEntries(n: ScriptDict, attributes: boolean): [string, ScriptValue][] {
  const out: [string, ScriptValue][] = [];
  for (const [key, value] of n.entries) {
    if (attributes && key.startsWith('@')) out.push([key.slice(1), value]);
    else if (!attributes && !key.startsWith('@') && !key.startsWith('#') && !Array.isArray(value) && !(value instanceof ScriptDict)) out.push([key, value]);
  }
  return out;
}

function toDict(entries: [string, ScriptValue][]): ScriptDict {
  const d = new ScriptDict();
  for (const [k, v] of entries) d.set(k, copyValue(v));
  return d;
}

/** The six GetSource* functions differ in what they list and how they return it. */
function sourceFunction(name: string, attributes: boolean, shape: 'names' | 'array' | 'map', summary: string, examples: FunctionSpec['examples']): FunctionSpec {
  const returns = shape === 'map' ? 'dictionary' : 'array';
  return {
    name,
    category: 'dictionary',
    summary,
    signatures: [{ params: [{ name: 'n', type: 'node', description: 'A source node reference (its record, a dictionary).' }], returns }],
    examples,
    impl: (args) => {
      const entries = nodeEntries(node(args), attributes);
      if (shape === 'names') return entries.map(([k]) => k);
      if (shape === 'map') return toDict(entries);
      return labelled(
        entries.map(([, v]) => copyValue(v)),
        entries.map(([k]) => k),
      );
    },
  };
}

const sampleNode = 'n = Dict(); n["@id"] = "7"; n["@type"] = "home"; n["street"] = "Main St"; n["zip"] = "12345"; ';

export const dictionaryFunctions: FunctionSpec[] = [
  {
    name: 'AddToDict',
    category: 'dictionary',
    summary: 'Adds or replaces a key of a dictionary; true when the key was new. A variable that does not hold a dictionary yet is replaced by a new one.',
    signatures: [{ params: [{ name: 'dict', type: 'var', description: 'A dictionary, or a variable to turn into one.' }, keyParam, { name: 'value', type: 'type' }], returns: 'bool' }],
    examples: [
      { code: 'd = Dict(); AddToDict(d, "a", 1)', result: { type: 'bool', value: true } },
      { code: 'd = Dict(); AddToDict(d, "a", 1); AddToDict(d, "a", 2); d', result: { type: 'dictionary', value: { a: 2 } } },
      { code: 'd = ""; AddToDict(d, "k", Null()); d', result: { type: 'dictionary', value: { k: null } } },
      { code: 'd = Dict(); AddToDict(d, Null(), 1)', error: 'SCRIPT_TYPE' },
    ],
    impl: addToDict,
  },
  {
    name: 'Array',
    category: 'dictionary',
    summary: 'A new empty array (also handy to reset a variable).',
    aliases: ['Collection'],
    signatures: [{ params: [], returns: 'array' }],
    examples: [
      { code: 'Array()', result: { type: 'array', value: [] } },
      { code: 'a = Array(); a[2] = "x"; a', result: { type: 'array', value: [null, null, 'x'] } },
      { code: 'Length(Collection())', result: { type: 'int', value: 0 } },
    ],
    impl: () => [],
  },
  {
    name: 'CollectValues',
    category: 'dictionary',
    summary: 'The values of the given keys, in the order of `names`; null for a key the dictionary does not have.',
    signatures: [{ params: [dictParam, { name: 'names', type: 'array' }], returns: 'array' }],
    examples: [
      { code: 'd = Dict(); d["a"] = 1; d["b"] = 2; CollectValues(d, {"b", "a", "z"})', result: { type: 'array', value: [2, 1, null] } },
      { code: 'CollectValues(Dict(), {})', result: { type: 'array', value: [] } },
    ],
    impl: (args) => {
      const d = dict(args, 0);
      return arr(args, 1).map((name) => (name === null ? null : copyValue(d.get(toStr(name)))));
    },
  },
  {
    name: 'Dict',
    category: 'dictionary',
    summary: 'A new empty dictionary. Its keys are kept in sorted order.',
    aliases: ['Map'],
    signatures: [{ params: [], returns: 'dictionary' }],
    examples: [
      { code: 'Dict()', result: { type: 'dictionary', value: {} } },
      { code: 'd = Map(); d["b"] = 2; d["a"] = 1; d', result: { type: 'dictionary', value: { a: 1, b: 2 } } },
    ],
    impl: () => new ScriptDict(),
  },
  {
    name: 'GetKeys',
    category: 'dictionary',
    summary: 'The keys of a dictionary, as strings in sorted order.',
    signatures: [{ params: [dictParam], returns: 'array' }],
    examples: [
      { code: 'd = Dict(); d["b"] = 2; d["a"] = 1; GetKeys(d)', result: { type: 'array', value: ['a', 'b'] } },
      { code: 'd = Dict(); d[10] = "x"; GetKeys(d)', result: { type: 'array', value: ['10'] } },
      { code: 'GetKeys({1, 2})', error: 'SCRIPT_TYPE' },
    ],
    impl: (args) => dict(args, 0).keys(),
  },
  {
    name: 'HasKey',
    category: 'dictionary',
    summary: 'True when the dictionary has the key; false also when the first argument is not a dictionary.',
    signatures: [{ params: [dictParam, keyParam], returns: 'bool' }],
    examples: [
      { code: 'd = Dict(); d["k"] = Null(); HasKey(d, "k")', result: { type: 'bool', value: true } },
      { code: 'd = Dict(); d[1] = "x"; HasKey(d, "1")', result: { type: 'bool', value: true } },
      { code: 'HasKey("not a dict", "k")', result: { type: 'bool', value: false } },
    ],
    impl: (args) => {
      const d = args[0];
      const key = keyOrNull(args, 1);
      return d instanceof ScriptDict && key !== null && d.has(key);
    },
  },
  {
    name: 'MapCache',
    category: 'dictionary',
    summary: 'The value of `key` in the dictionary; when the key is absent, evaluates `value`, stores it under the key and returns it (`value` is only evaluated then).',
    intrinsic: true,
    signatures: [{ params: [dictParam, keyParam, { name: 'value', type: 'type' }], returns: 'type' }],
    examples: [
      { code: 'd = Dict(); MapCache(d, "k", 1 + 1)', result: { type: 'int', value: 2 } },
      { code: 'd = Dict(); d["k"] = "old"; MapCache(d, "k", RaiseError("not evaluated"))', result: { type: 'string', value: 'old' } },
      { code: 'd = Dict(); MapCache(d, "k", "v"); d', result: { type: 'dictionary', value: { k: 'v' } } },
    ],
  },
  {
    name: 'RemoveKey',
    category: 'dictionary',
    summary: 'Removes a key from the dictionary; true when it was there.',
    signatures: [{ params: [dictParam, keyParam], returns: 'bool' }],
    examples: [
      { code: 'd = Dict(); d["a"] = 1; RemoveKey(d, "a")', result: { type: 'bool', value: true } },
      { code: 'd = Dict(); d["a"] = 1; RemoveKey(d, "a"); RemoveKey(d, "a")', result: { type: 'bool', value: false } },
      { code: 'RemoveKey(Dict(), Null())', result: { type: 'bool', value: false } },
    ],
    impl: (args) => {
      const d = dict(args, 0);
      const key = keyOrNull(args, 1);
      return key !== null && d.delete(key);
    },
  },
  {
    name: 'ReduceDimension',
    category: 'dictionary',
    summary: 'Flattens one level: the rows of an n-dimensional array joined into one (n−1)-dimensional array. A one-dimensional or unevenly nested array is an error.',
    signatures: [{ params: [{ name: 'a', type: 'array' }], returns: 'array' }],
    examples: [
      { code: 'ReduceDimension({{1, 2}, {3}})', result: { type: 'array', value: [1, 2, 3] } },
      { code: 'ReduceDimension({{{1, 2}}, {{3, 4}}})', result: { type: 'array', value: [[1, 2], [3, 4]] } },
      { code: 'ReduceDimension({1, 2})', error: 'SCRIPT_FAILED' },
      { code: 'ReduceDimension({{1}, 2})', error: 'SCRIPT_FAILED' },
    ],
    impl: (args) => reduceDimension(arr(args, 0)),
  },
  {
    name: 'SortArray',
    category: 'dictionary',
    summary: 'Sorts an array in place (numbers numerically, strings by character code, dates in time), or an array of rows by the element at `index`. Stable, so successive calls sort by several keys. Returns null.',
    signatures: [
      { params: [{ name: 'a', type: 'var', description: 'The array (variable) to sort.' }, { name: 'isAscending', type: 'bool', optional: true, default: 'true' }], returns: 'null' },
      { params: [{ name: 'a', type: 'var', description: 'The array of rows (variable) to sort.' }, { name: 'index', type: 'int' }, { name: 'isAscending', type: 'bool', optional: true, default: 'true' }], returns: 'null' },
    ],
    examples: [
      { code: 'a = {3, 1, 2}; SortArray(a); a', result: { type: 'array', value: [1, 2, 3] } },
      { code: 'a = {"b", "c", "a"}; SortArray(a, false); a', result: { type: 'array', value: ['c', 'b', 'a'] } },
      { code: 'a = {{"x", 2}, {"y", 1}}; SortArray(a, 1); a', result: { type: 'array', value: [['y', 1], ['x', 2]] } },
      { code: 'a = {{"x", 2}, {"y", 1}}; SortArray(a, 0, false); a', result: { type: 'array', value: [['y', 1], ['x', 2]] } },
    ],
    impl: (args) => sortArray(args),
  },
  sourceFunction('GetSourceAttrNames', true, 'names', 'Names of the attributes of a source node (without "@"), in document order.', [
    { code: `${sampleNode}GetSourceAttrNames(n)`, result: { type: 'array', value: ['id', 'type'] } },
    { code: 'GetSourceAttrNames(Dict())', result: { type: 'array', value: [] } },
  ]),
  sourceFunction('GetSourceElementNames', false, 'names', 'Names of the simple (scalar) child elements of a source node, in document order.', [
    { code: `${sampleNode}GetSourceElementNames(n)`, result: { type: 'array', value: ['street', 'zip'] } },
    { code: 'n = Dict(); n["lines"] = {1, 2}; n["name"] = "x"; GetSourceElementNames(n)', result: { type: 'array', value: ['name'] } },
  ]),
  sourceFunction('GetSourceInstanceArray', true, 'array', 'Attribute values of a source node instance, reachable by index or by attribute name.', [
    { code: `${sampleNode}GetSourceInstanceArray(n)`, result: { type: 'array', value: ['7', 'home'] } },
    { code: `${sampleNode}a = GetSourceInstanceArray(n); a["type"]`, result: { type: 'string', value: 'home' } },
  ]),
  sourceFunction('GetSourceInstanceElementArray', false, 'array', 'Simple child element values of a source node instance, reachable by index or by element name.', [
    { code: `${sampleNode}GetSourceInstanceElementArray(n)`, result: { type: 'array', value: ['Main St', '12345'] } },
    { code: `${sampleNode}a = GetSourceInstanceElementArray(n); a["zip"]`, result: { type: 'string', value: '12345' } },
  ]),
  sourceFunction('GetSourceInstanceMap', true, 'map', 'A dictionary of the attributes (name without "@" → value) of a source node instance.', [
    { code: `${sampleNode}GetSourceInstanceMap(n)`, result: { type: 'dictionary', value: { id: '7', type: 'home' } } },
    { code: 'GetSourceInstanceMap("text")', error: 'SCRIPT_TYPE' },
  ]),
  sourceFunction('GetSourceInstanceElementMap', false, 'map', 'A dictionary of the simple child elements (name → value) of a source node instance.', [
    { code: `${sampleNode}GetSourceInstanceElementMap(n)`, result: { type: 'dictionary', value: { street: 'Main St', zip: '12345' } } },
    { code: 'GetSourceInstanceElementMap(Null())', result: { type: 'dictionary', value: {} } },
  ]),
];
