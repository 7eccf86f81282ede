import { ChorusError } from '../errors.ts';
import type { DataRecord } from '../record.ts';
import type { Field, Schema } from '../model/schema.ts';
import type { TargetField, Transformation } from '../model/transformation.ts';
import { coercer } from './coerce.ts';
import { compileCollector, compileGetter, type Scope } from './paths.ts';

/**
 * Compiles a formula once into a function. The script language plugs in here; without it,
 * a transformation that has formulas does not compile (FORMULA_UNAVAILABLE).
 */
export type FormulaCompiler = (source: string, field: string) => CompiledFormula;

/** A compiled formula: sees the current source instance (and the ones around it) and the chain's globals. */
export type CompiledFormula = (scope: Scope, globals: Map<string, unknown>) => unknown;

export interface CompileOptions {
  formulas?: FormulaCompiler;
  /** Generate object-building code (default); false uses closures only, as under a strict CSP. */
  codegen?: boolean;
  /** The target schema, when the transformation names one: field types come from it. */
  targetSchema?: Schema;
}

/** A compiled transformation: one source record in, zero or more target records out. */
export type CompiledTransformation = (record: DataRecord, globals: Map<string, unknown>) => DataRecord[];

type Produce = (scope: Scope, globals: Map<string, unknown>) => unknown;

/**
 * Compiles a transformation into nested closures, once: paths are parsed, formulas compiled
 * and types resolved before the first record, so a record costs only the calls it needs.
 */
export function compileTransformation(t: Transformation, options: CompileOptions = {}): CompiledTransformation {
  const build = compileFields(t.fields, options.targetSchema?.fields, options, '');
  if (t.loop === undefined) {
    return (record, globals) => [build({ value: record }, globals) as DataRecord];
  }
  const collect = compileCollector(t.loop, '(transformation loop)');
  return (record, globals) => {
    const root: Scope = { value: record };
    const instances = collect(root);
    return instances.map((instance, index) => build({ value: instance, parent: root, index, count: instances.length }, globals) as DataRecord);
  };
}

function compileFields(fields: TargetField[], schemaFields: Field[] | undefined, options: CompileOptions, prefix: string): Produce {
  const names: string[] = [];
  const producers: Produce[] = [];
  const direct: (string | undefined)[] = [];
  for (const f of fields) {
    const schemaField = schemaFields?.find((s) => s.name === f.name);
    names.push(f.name);
    producers.push(compileField(f, schemaField, options, prefix ? `${prefix}.${f.name}` : f.name));
    const simple = f.from !== undefined && f.loop === undefined && (f.type ?? schemaField?.type) === undefined && /^[^./\s]+$/.test(f.from);
    direct.push(simple ? f.from : undefined);
  }
  if (options.codegen !== false) {
    const generated = generateBuilder(names, producers, direct);
    if (generated) return generated;
  }
  return (scope, globals) => {
    const out: DataRecord = {};
    for (let i = 0; i < names.length; i++) {
      const value = producers[i](scope, globals);
      // Assigning "__proto__" would set the prototype; define it as an own field instead.
      if (names[i] === '__proto__') Object.defineProperty(out, '__proto__', { value, enumerable: true, writable: true, configurable: true });
      else out[names[i]] = value;
    }
    return out;
  };
}

/**
 * Generates the function that builds one target object as an object literal. V8 builds a
 * literal (and later serializes it) an order of magnitude faster than an object filled key
 * by key. Direct single-field mappings are read inline; everything else calls its compiled
 * closure. Returns undefined where code generation is not allowed (a page whose CSP forbids
 * eval): the caller then falls back to closures, which behave the same.
 */
function generateBuilder(names: string[], producers: Produce[], direct: (string | undefined)[]): Produce | undefined {
  const key = (name: string) => (name === '__proto__' ? '["__proto__"]' : JSON.stringify(name));
  const entries = names.map((name, i) => {
    const from = direct[i];
    const field = JSON.stringify(from);
    return `${key(name)}: ${from === undefined ? `p[${i}](s, g)` : `o !== undefined && hasOwn(o, ${field}) ? o[${field}] : undefined`}`;
  });
  const body = `const hasOwn = Object.hasOwn;
  return function build(s, g) {
    const v = s.value;
    const o = v !== null && typeof v === 'object' ? (Array.isArray(v) ? v[0] : v) : undefined;
    return { ${entries.join(', ')} };
  };`;
  try {
    return new Function('p', body)(producers) as Produce;
  } catch {
    return undefined;
  }
}

function compileField(f: TargetField, schemaField: Field | undefined, options: CompileOptions, label: string): Produce {
  const value = compileValue(f, schemaField, options, label);
  if (f.loop === undefined) return value;
  const collect = compileCollector(f.loop, label);
  return (scope, globals) => {
    const instances = collect(scope);
    return instances.map((instance, index) => value({ value: instance, parent: scope, index, count: instances.length }, globals));
  };
}

function compileValue(f: TargetField, schemaField: Field | undefined, options: CompileOptions, label: string): Produce {
  if (f.fields !== undefined) return compileFields(f.fields, schemaField?.children, options, label);
  const type = f.type ?? schemaField?.type;
  const coerce = coercer(type, label);
  const withLabel = (produce: Produce): Produce => (scope, globals) => {
    try {
      return coerce(produce(scope, globals));
    } catch (err) {
      if (err instanceof ChorusError && err.location.path === undefined) {
        throw new ChorusError(err.code, err.message, { ...err.location, path: label }, err.transient, { cause: err });
      }
      throw err;
    }
  };
  if (f.from !== undefined) {
    const get = compileGetter(f.from, label);
    // An untyped direct mapping cannot fail: it is the getter itself, the hot path of most mappings.
    return type === undefined ? get : withLabel(get);
  }
  if (f.formula !== undefined) {
    if (!options.formulas) {
      throw new ChorusError('FORMULA_UNAVAILABLE', `target field "${label}" has a formula, and this engine has no script language yet`, { path: label });
    }
    const formula = options.formulas(f.formula, label);
    return withLabel(formula);
  }
  const constant = coerce(f.const);
  if (constant === null || typeof constant !== 'object') return () => constant;
  // Each record gets its own copy, so a later step that changes it cannot change the next record.
  const text = JSON.stringify(constant);
  return () => JSON.parse(text);
}
