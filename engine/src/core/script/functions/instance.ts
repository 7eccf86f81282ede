/**
 * Instance functions: aggregates over the instances of a source data element. In Chorus a
 * `#` path in a formula yields an array of instances, so these work on any array, anywhere;
 * a single value counts as one instance and null as none. Null instances are absent ones
 * (Count, Sum, Max, Min and SumString skip them). The functions that steer how a target
 * loop is generated (SetInstances, SortInstances, GetInstance, CountSourceRecords) need the
 * transformation context.
 */
import { describeType, toNum, toStr } from '../convert.ts';
import { failed, typeError } from '../errors.ts';
import { compareValues, equals } from '../operators.ts';
import { copyValue, typeOf, type ScriptValue } from '../values.ts';
import { bool, int, opt, str } from './args.ts';
import { mappingCounter, mappingOf, needs, needsExamples, NO_MAPPING } from './general.ts';
import type { FunctionSpec, Param } from './types.ts';

/** The instances an argument stands for: an array's elements, one value, or none for null. */
function instances(v: ScriptValue | undefined): ScriptValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function present(v: ScriptValue | undefined): ScriptValue[] {
  return instances(v).filter((x) => x !== null);
}

/** Text toNum reads whole: what Sum adds up as a number (CSV sources give strings). */
const NUMBER_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

function isNumeric(v: ScriptValue): boolean {
  return typeof v === 'number' || (typeof v === 'string' && NUMBER_TEXT.test(v));
}

function sum(arg: ScriptValue | undefined): ScriptValue {
  const values = present(arg);
  if (values.length === 0) {
    if (instances(arg).length > 0) throw failed('every instance is null', 0);
    return 0;
  }
  if (values.every(isNumeric)) return values.reduce<number>((total, v) => total + toNum(v), 0);
  if (values.every((v) => typeof v === 'string')) return values.join('');
  const types = [...new Set(values.map(typeOf))].join(', ');
  throw typeError(`the instances must be all numbers or all strings, found ${types}`, 0);
}

/** The largest value by compareValues (`sign` 1) or the smallest (`sign` -1); null for none. */
function extreme(arg: ScriptValue | undefined, sign: 1 | -1): ScriptValue {
  const values = present(arg);
  if (values.length === 0) return null;
  return copyValue(values.reduce((best, v) => (sign * compareValues(v, best) > 0 ? v : best)));
}

function csvField(v: ScriptValue): string {
  const text = toStr(v);
  return /[,"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** FindByPos: 1-based, negative from the end; 0 or out of range is null. */
function atPosition(list: ScriptValue[], pos: number): ScriptValue {
  const i = pos > 0 ? pos - 1 : list.length + pos;
  return pos === 0 || i < 0 || i >= list.length ? null : copyValue(list[i] ?? null);
}

/** SortInstances' arguments after the node name: arrays, each optionally followed by a flag. */
function sortKeys(args: ScriptValue[]): { values: ScriptValue[]; ascending: boolean }[] {
  const keys: { values: ScriptValue[]; ascending: boolean }[] = [];
  for (let i = 1; i < args.length; i++) {
    const values = args[i];
    if (!Array.isArray(values)) throw typeError(`expected an array of instances, got ${describeType(values)}`, i);
    const flagged = i + 1 < args.length && !Array.isArray(args[i + 1]);
    keys.push({ values, ascending: flagged ? bool(args, ++i) : true });
    if (values.length !== keys[0].values.length) throw failed(`the sort arrays have different lengths (${keys[0].values.length} and ${values.length})`, i);
  }
  return keys;
}

const de: Param = { name: 'de', type: 'node', description: 'The instances: an array (a `#` path) or a node reference.' };
const nodeName: Param = { name: 'nodeName', type: 'string', description: 'The target loop node.' };

export const instanceFunctions: FunctionSpec[] = [
  {
    name: 'Count',
    category: 'instance',
    summary: 'The number of instances (array elements) that are not null.',
    signatures: [{ params: [de], returns: 'int' }],
    examples: [
      { code: 'Count({"a", Null(), "b"})', result: { type: 'int', value: 2 } },
      { code: 'Count({})', result: { type: 'int', value: 0 } },
      { code: 'Count("single")', result: { type: 'int', value: 1 } },
    ],
    impl: (args) => present(args[0]).length,
  },
  {
    name: 'CountSourceRecords',
    category: 'instance',
    summary: 'In a mapping, the number of source instances feeding the current target loop node (1 when the target node does not repeat).',
    signatures: [{ params: [], returns: 'int' }],
    examples: needsExamples('CountSourceRecords()', NO_MAPPING),
    impl: mappingCounter('sourceRecordCount'),
  },
  {
    name: 'Exist',
    category: 'instance',
    summary: 'True when `v` equals one of the instances (with the conversions of ==).',
    signatures: [{ params: [{ name: 'v', type: 'type' }, de], returns: 'bool' }],
    examples: [
      { code: 'Exist("b", {"a", "b"})', result: { type: 'bool', value: true } },
      { code: 'Exist(2, {"1", "2"})', result: { type: 'bool', value: true } },
      { code: 'Exist("z", {})', result: { type: 'bool', value: false } },
    ],
    impl: (args) => instances(args[1]).some((x) => equals(args[0] ?? null, x)),
  },
  {
    name: 'FindByPos',
    category: 'instance',
    summary: 'The instance at a 1-based position; negative positions count from the end (-1 is the last); out of range is null.',
    signatures: [{ params: [{ name: 'pos', type: 'int' }, de], returns: 'type' }],
    examples: [
      { code: 'FindByPos(2, {"a", "b", "c"})', result: { type: 'string', value: 'b' } },
      { code: 'FindByPos(-1, {"a", "b", "c"})', result: { type: 'string', value: 'c' } },
      { code: 'FindByPos(4, {"a", "b", "c"})', result: { type: 'null', value: null } },
      { code: 'FindByPos(0, {"a"})', result: { type: 'null', value: null } },
    ],
    impl: (args) => atPosition(instances(args[1]), int(args, 0)),
  },
  {
    name: 'FindValue',
    category: 'instance',
    summary: 'Finds the first instance of `de1` equal to `v` and returns the instance of `de2` at the same position; null when none matches.',
    signatures: [{ params: [{ name: 'v', type: 'type' }, { name: 'de1', type: 'type' }, { name: 'de2', type: 'type' }], returns: 'type' }],
    examples: [
      { code: 'FindValue("B2", {"A1", "B2"}, {"Apple", "Banana"})', result: { type: 'string', value: 'Banana' } },
      { code: 'FindValue("Z", {"A1", "B2"}, {"Apple", "Banana"})', result: { type: 'null', value: null } },
      { code: 'FindValue(2, {1, 2, 3}, {"x", "y"})', result: { type: 'string', value: 'y' } },
    ],
    impl: (args) => {
      const i = instances(args[1]).findIndex((x) => equals(args[0] ?? null, x));
      return i < 0 ? null : copyValue(instances(args[2])[i] ?? null);
    },
  },
  {
    name: 'GetInstance',
    category: 'instance',
    summary: 'In a mapping, the instance that SetInstances supplied for the target loop being generated.',
    signatures: [{ params: [], returns: 'type' }],
    examples: needsExamples('GetInstance()', NO_MAPPING),
    impl: (_args, env) => {
      const { instance } = mappingOf(env);
      if (instance === undefined) throw needs('the instances set by SetInstances');
      return copyValue(instance);
    },
  },
  {
    name: 'Max',
    category: 'instance',
    summary: 'The largest instance (numbers numerically, strings by character code, dates in time); null when there is none.',
    signatures: [{ params: [de], returns: 'type' }],
    examples: [
      { code: 'Max({3, 10, 7})', result: { type: 'int', value: 10 } },
      { code: 'Max({"pear", "apple"})', result: { type: 'string', value: 'pear' } },
      { code: 'Max({Null(), 2})', result: { type: 'int', value: 2 } },
      { code: 'Max({})', result: { type: 'null', value: null } },
    ],
    impl: (args) => extreme(args[0], 1),
  },
  {
    name: 'Min',
    category: 'instance',
    summary: 'The smallest instance (numbers numerically, strings by character code, dates in time); null when there is none.',
    signatures: [{ params: [de], returns: 'type' }],
    examples: [
      { code: 'Min({3, 10, 7})', result: { type: 'int', value: 3 } },
      { code: 'Min({"pear", "apple"})', result: { type: 'string', value: 'apple' } },
      { code: 'Min({Null()})', result: { type: 'null', value: null } },
    ],
    impl: (args) => extreme(args[0], -1),
  },
  {
    name: 'ResolveOneOf',
    category: 'instance',
    summary: 'The first instance that is not null; null when all are.',
    signatures: [{ params: [de], returns: 'type' }],
    examples: [
      { code: 'ResolveOneOf({Null(), "b", "c"})', result: { type: 'string', value: 'b' } },
      { code: 'ResolveOneOf({Null()})', result: { type: 'null', value: null } },
    ],
    impl: (args) => copyValue(present(args[0])[0] ?? null),
  },
  {
    name: 'SetInstances',
    category: 'instance',
    summary: 'Supplies the instances (an array, one target instance each) that drive generation of the target loop node `nodeName`; the last call wins.',
    signatures: [{ params: [nodeName, { name: 'de', type: 'type' }], returns: 'null' }],
    examples: needsExamples('SetInstances("Lines", {1, 2, 3})', NO_MAPPING),
    impl: (args, env) => {
      const mapping = mappingOf(env);
      if (!mapping.setInstances) throw needs('a transformation that accepts SetInstances');
      mapping.setInstances(str(args, 0), instances(args[1]).map(copyValue));
      return null;
    },
  },
  {
    name: 'SortInstances',
    category: 'instance',
    summary: 'Orders the generation of the target loop node `nodeName` by one or more arrays of source instances (same length), each ascending unless followed by false.',
    signatures: [
      {
        params: [nodeName, { name: 'sortDe1', type: 'array' }, { name: 'ascending1', type: 'bool', optional: true, default: 'true' }, { name: 'sortDe', type: 'type', optional: true, rest: true, description: 'More arrays, each optionally followed by its ascending flag.' }],
        returns: 'null',
      },
    ],
    examples: needsExamples('SortInstances("Lines", {3, 1, 2}, false)', NO_MAPPING),
    impl: (args, env) => {
      const mapping = mappingOf(env);
      if (!mapping.sortInstances) throw needs('a transformation that accepts SortInstances');
      mapping.sortInstances(str(args, 0), sortKeys(args));
      return null;
    },
  },
  {
    name: 'Sum',
    category: 'instance',
    summary: 'The sum of the instances, nulls skipped: numbers (or text that is a number) are added, other strings concatenated; mixed types are an error, only nulls too; none gives 0.',
    signatures: [{ params: [de], returns: 'type' }],
    examples: [
      { code: 'Sum({1, 2.5, Null()})', result: { type: 'double', value: 3.5 } },
      { code: 'Sum({"10", "5.5"})', result: { type: 'double', value: 15.5 } },
      { code: 'Sum({"a", "b"})', result: { type: 'string', value: 'ab' } },
      { code: 'Sum({})', result: { type: 'int', value: 0 } },
    ],
    impl: (args) => sum(args[0]),
  },
  {
    name: 'SumCSV',
    category: 'instance',
    summary: 'The instances joined by commas as one CSV line: a value holding a comma, quote or line break is quoted (inner quotes doubled).',
    signatures: [{ params: [de], returns: 'string' }],
    examples: [
      { code: 'SumCSV({"a", "b,c", 3})', result: { type: 'string', value: 'a,"b,c",3' } },
      { code: 'SumCSV({"say \\"hi\\""})', result: { type: 'string', value: '"say ""hi"""' } },
      { code: 'SumCSV({"a", Null(), "c"})', result: { type: 'string', value: 'a,,c' } },
    ],
    impl: (args) => instances(args[0]).map(csvField).join(','),
  },
  {
    name: 'SumString',
    category: 'instance',
    summary: 'The instances concatenated, each followed by `delimiter` (the last one too unless `omitLast`); nulls skipped.',
    signatures: [
      {
        params: [de, { name: 'delimiter', type: 'string', optional: true, default: '";"' }, { name: 'omitLast', type: 'bool', optional: true, default: 'false' }],
        returns: 'string',
      },
    ],
    examples: [
      { code: 'SumString({"a", "b"})', result: { type: 'string', value: 'a;b;' } },
      { code: 'SumString({"a", "b"}, ",", true)', result: { type: 'string', value: 'a,b' } },
      { code: 'SumString({"a", Null(), "c"}, "|", true)', result: { type: 'string', value: 'a|c' } },
      { code: 'SumString({})', result: { type: 'string', value: '' } },
    ],
    impl: (args) => {
      const parts = present(args[0]).map(toStr);
      const delimiter = opt(args, 1, str, ';');
      const omitLast = opt(args, 2, bool, false);
      return parts.join(delimiter) + (omitLast || parts.length === 0 ? '' : delimiter);
    },
  },
];
