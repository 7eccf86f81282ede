/**
 * Source references (`root$customer$contact.Email`, spec §9) against a schema. `$`, `.` and
 * `#` all separate names and a trailing one is ignored. Reference paths start at the
 * document's root node, whose name our schemas do not store: a first name that is not a
 * top-level field is taken as that root and the rest resolves from the top-level fields.
 */
import type { Field, Schema } from '../../model/schema.ts';

export function pathSegments(path: string): string[] {
  return path.split(/[$.#]/).filter((s) => s !== '');
}

const isTopLevel = (schema: Schema, name: string) => schema.fields.some((f) => f.name === name);

/**
 * The fields named by `segments`, in order, or undefined when one is missing. As at run time
 * (formula.ts), the first name is skipped as the root when it is not a top-level field and
 * more names follow.
 */
export function resolveFields(schema: Schema, segments: readonly string[]): Field[] | undefined {
  const rest = segments.length > 1 && !isTopLevel(schema, segments[0]) ? segments.slice(1) : segments;
  const found: Field[] = [];
  let level: readonly Field[] = schema.fields;
  for (const name of rest) {
    const field = level.find((f) => f.name === name);
    if (!field) return undefined;
    found.push(field);
    level = field.children ?? [];
  }
  return found;
}

/** The fields a path can continue with: the children of what `segments` names. */
export function childFields(schema: Schema, segments: readonly string[]): readonly Field[] {
  // `root$` so far: only the root is written, the top-level fields come next.
  if (segments.length === 1 && !isTopLevel(schema, segments[0])) return schema.fields;
  const fields = resolveFields(schema, segments);
  if (!fields) return [];
  return fields.length === 0 ? schema.fields : (fields[fields.length - 1].children ?? []);
}

/** `string`, `object, repeating`: how a field's type reads in hover and completion. */
export function describeField(field: Field): string {
  const type = field.type ?? (field.children?.length ? 'object' : 'any');
  return field.repeating ? `${type}, repeating` : type;
}
