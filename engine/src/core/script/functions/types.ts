/**
 * One built-in function = one FunctionSpec: its metadata (category, signatures, summary,
 * examples) and its implementation. The same entry feeds the runtime, completion and hover
 * in the editor, and docs/script/functions.md; every example is run as a test.
 */
import type { ErrorCode } from '../../errors.ts';
import type { ScriptEnv } from '../env.ts';
import type { ScriptValue, TypedValue } from '../values.ts';

export type Category =
  | 'cache'
  | 'conversion'
  | 'crypto'
  | 'database'
  | 'date'
  | 'debugging'
  | 'dictionary'
  | 'diff'
  | 'email'
  | 'environment'
  | 'file'
  | 'general'
  | 'instance'
  | 'json'
  | 'ldap'
  | 'logging'
  | 'logical'
  | 'math'
  | 'netsuite'
  | 'salesforce'
  | 'string'
  | 'validation'
  | 'xml';

/** Titles of the categories, in the order the reference documents them. */
export const categoryTitles: Record<Category, string> = {
  cache: 'Cache',
  conversion: 'Conversion',
  crypto: 'Cryptographic',
  database: 'Database',
  date: 'Date and time',
  debugging: 'Debugging',
  dictionary: 'Dictionaries and arrays',
  diff: 'Diff',
  email: 'Email',
  environment: 'Environment information',
  file: 'File',
  general: 'General',
  instance: 'Instance',
  json: 'JSON',
  ldap: 'LDAP',
  logging: 'Logging and errors',
  logical: 'Logical',
  math: 'Math',
  netsuite: 'NetSuite',
  salesforce: 'Salesforce',
  string: 'String',
  validation: 'Text validation',
  xml: 'XML',
};

/** Parameter and result types as the reference writes them in signatures. */
export type ParamType =
  | 'type' // any
  | 'bool'
  | 'int'
  | 'long'
  | 'double'
  | 'float'
  | 'string'
  | 'date'
  | 'binary'
  | 'array'
  | 'dictionary'
  | 'node'
  | 'var' // a variable reference: the function receives a VarRef when the argument is a variable
  | 'void'
  | 'null';

export interface Param {
  name: string;
  type: ParamType;
  /** Optional parameters come last; `default` documents the value used when omitted. */
  optional?: boolean;
  default?: string;
  /** The parameter repeats (`arg1, arg, ...`); only the last parameter can. */
  rest?: boolean;
  description?: string;
}

export interface Signature {
  params: Param[];
  returns: ParamType;
}

export interface FunctionExample {
  /** Script text without the `<trans>` tags: an expression or a `;` sequence. */
  code: string;
  /** The expected result as `chorus eval --json` prints it. */
  result?: TypedValue;
  /** Or a regular expression the plain-text result must match (Now, GUID, Random). */
  matches?: string;
  /** Or the error code the example raises. */
  error?: ErrorCode;
  /** A sentence shown under the example in the docs. */
  note?: string;
}

/**
 * A variable passed to a `var` parameter (`ArgumentList(a, b)`, `InitCounter($n)`): the
 * function can read and assign it. Arguments that are not plain variables arrive as values.
 */
export interface VarRef {
  readonly kind: 'ref';
  /** The name as written, without `$` for globals. */
  readonly name: string;
  readonly global: boolean;
  get(): ScriptValue;
  set(value: ScriptValue): void;
}

export function isVarRef(v: unknown): v is VarRef {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'ref' && !Array.isArray(v);
}

/**
 * The implementation: evaluated arguments in, a value out. Throw ScriptErrors built with the
 * helpers of `args.ts` (they record which argument was wrong); the caller adds the function
 * name and the position. In async mode an implementation may return a Promise.
 */
export type FunctionImpl = (args: ScriptValue[], env: ScriptEnv) => ScriptValue | Promise<ScriptValue>;

export interface FunctionSpec {
  /** Canonical spelling, e.g. "Left"; calls match it case-insensitively. */
  name: string;
  category: Category;
  /** One or two sentences: what the function returns or does. */
  summary: string;
  /** One per overload, most common first. */
  signatures: Signature[];
  examples: FunctionExample[];
  /** Other names for the same function (`Map` for `Dict`). */
  aliases?: string[];
  /**
   * Evaluated by the compiler itself (If, Case, While, Eval, IsValid, IfNull, IfEmpty,
   * MapCache, ArgumentList): its arguments are not evaluated up front. No `impl`.
   */
  intrinsic?: boolean;
  /** Returns a Promise; only scripts in async mode (script steps) can call it. */
  async?: boolean;
  /** Needs a capability this engine does not have yet: calls fail with SCRIPT_NEEDS_CAPABILITY. */
  needs?: string;
  /** Calls return a value that changes from call to call (Now, GUID): never folded. */
  volatile?: boolean;
  impl?: FunctionImpl;
}

/** Smallest and largest argument counts over all signatures (Infinity with a rest parameter). */
export function arity(spec: FunctionSpec): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (const s of spec.signatures) {
    const required = s.params.filter((p) => !p.optional && !p.rest).length;
    min = Math.min(min, required);
    max = Math.max(max, s.params.some((p) => p.rest) ? Infinity : s.params.length);
  }
  return { min: min === Infinity ? 0 : min, max };
}
