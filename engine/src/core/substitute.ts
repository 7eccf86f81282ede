import { ChorusError, type ErrorLocation } from './errors.ts';

const reference = /\[\[|\[([A-Za-z_][A-Za-z0-9_.]*)\]/g;

/**
 * Replaces `[name]` references in a setting with variable values. `[[` stands for a
 * literal `[` (so a glob like `[[ab]*.csv` keeps its brackets). An unknown name is an error
 * rather than an empty string: a path built from a missing variable must never be written.
 */
export function substituteVariables(
  text: string,
  lookup: (name: string) => unknown,
  where: ErrorLocation = {},
): string {
  if (!text.includes('[')) return text;
  return text.replace(reference, (match, name: string | undefined) => {
    if (name === undefined) return '[';
    const value = lookup(name);
    if (value === undefined) throw new ChorusError('VARIABLE_UNDEFINED', `variable [${name}] has no value`, where);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** Applies substituteVariables to every string in a settings object, reporting the field. */
export function substituteDeep<T>(value: T, lookup: (name: string) => unknown, where: ErrorLocation, path = '$'): T {
  if (typeof value === 'string') return substituteVariables(value, lookup, { ...where, path }) as T;
  if (Array.isArray(value)) return value.map((v, i) => substituteDeep(v, lookup, where, `${path}[${i}]`)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteDeep(v, lookup, where, `${path}.${k}`);
    return out as T;
  }
  return value;
}
