import { ChorusError } from '../errors.ts';
import type { DataRecord } from '../record.ts';
import type { Field, Schema } from '../model/schema.ts';
import type { TargetField, Transformation } from '../model/transformation.ts';
import { coercer } from './coerce.ts';
import { compileCollector, compileGetter, type Scope } from './paths.ts';

/** What a formula sees while it runs: the current source instance and the chain's globals. */
export interface FormulaScope {
  scope: Scope;
  globals: Map<string, unknown>;
}

/**
 * Compiles a formula once into a function. The script language plugs in here; without it,
 * a transformation that has formulas does not compile (FORMULA_UNAVAILABLE).
 */
export type FormulaCompiler = (source: string, field: string) => (scope: FormulaScope) => unknown;

export interface CompileOptions {
  formulas?: FormulaCompiler;
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
    return collect(root).map((instance) => build({ value: instance, parent: root }, globals) as DataRecord);
  };
}

function compileFields(fields: TargetField[], schemaFields: Field[] | undefined, options: CompileOptions, prefix: string): Produce {
  const producers = fields.map((f) => {
    const schemaField = schemaFields?.find((s) => s.name === f.name);
    return { name: f.name, produce: compileField(f, schemaField, options, prefix ? `${prefix}.${f.name}` : f.name) };
  });
  return (scope, globals) => {
    const out: DataRecord = {};
    for (const p of producers) {
      const v = p.produce(scope, globals);
      if (v !== undefined) out[p.name] = v;
    }
    return out;
  };
}

function compileField(f: TargetField, schemaField: Field | undefined, options: CompileOptions, label: string): Produce {
  const value = compileValue(f, schemaField, options, label);
  if (f.loop === undefined) return value;
  const collect = compileCollector(f.loop, label);
  return (scope, globals) => collect(scope).map((instance) => value({ value: instance, parent: scope }, globals));
}

function compileValue(f: TargetField, schemaField: Field | undefined, options: CompileOptions, label: string): Produce {
  if (f.fields !== undefined) return compileFields(f.fields, schemaField?.children, options, label);
  const coerce = coercer(f.type ?? schemaField?.type, label);
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
    return withLabel((scope) => get(scope));
  }
  if (f.formula !== undefined) {
    if (!options.formulas) {
      throw new ChorusError('FORMULA_UNAVAILABLE', `target field "${label}" has a formula, and this engine has no script language yet`, { path: label });
    }
    const formula = options.formulas(f.formula, label);
    return withLabel((scope, globals) => formula({ scope, globals }));
  }
  const constant = coerce(f.const);
  if (constant === null || typeof constant !== 'object') return () => constant;
  // Each record gets its own copy, so a later step that changes it cannot change the next record.
  const text = JSON.stringify(constant);
  return () => JSON.parse(text);
}
