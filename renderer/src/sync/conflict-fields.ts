import { canonicalJson, jsonPath } from '../../../engine/src/core/json.ts';
import type { ConflictFileView } from '../../../preload/contract.ts';

/** A field whose value differs between the two candidates; `undefined` means the field is absent on that side. */
export interface ConflictField {
  path: string[];
  label: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export type FieldChoice = { take: 'mine' | 'theirs' } | { edit: string };

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v);

function parse(text: string | null): Doc | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields of a JSON conflict: where the `.mine` and `.theirs` candidates differ, objects
 * compared key by key and arrays as whole values (as the merge treats them). Undefined when
 * the file cannot be settled per field (a side deletes it, or it is not a JSON object).
 */
export function conflictFields(file: ConflictFileView): ConflictField[] | undefined {
  const mine = parse(file.mine);
  const theirs = parse(file.theirs);
  if (file.format !== 'json' || !mine || !theirs) return undefined;
  const base = parse(file.base);
  const out: ConflictField[] = [];
  const walk = (path: string[], m: unknown, t: unknown, b: unknown) => {
    if (isObject(m) && isObject(t)) {
      for (const key of [...new Set([...Object.keys(m), ...Object.keys(t)])].sort()) walk([...path, key], m[key], t[key], isObject(b) ? b[key] : undefined);
    } else if (JSON.stringify(m) !== JSON.stringify(t)) {
      out.push({ path, label: jsonPath(path), base: b, mine: m, theirs: t });
    }
  };
  walk([], mine, theirs, base);
  return out;
}

/** A value as the conflict view shows it: JSON text, or `(absent)`. */
export function showValue(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

/**
 * The resolved document: the `.mine` candidate (which already has every change that merged)
 * with each conflicting field set as chosen. An edited value must be JSON; empty removes the field.
 * Throws with the field's path when an edit is not JSON.
 */
export function resolvedContent(file: ConflictFileView, fields: ConflictField[], choices: ReadonlyMap<string, FieldChoice>): string {
  const doc = structuredClone(parse(file.mine)!);
  for (const field of fields) {
    const choice = choices.get(field.label) ?? { take: 'mine' };
    let value: unknown;
    if ('take' in choice) value = field[choice.take];
    else if (choice.edit.trim() === '') value = undefined;
    else {
      try {
        value = JSON.parse(choice.edit);
      } catch {
        throw new Error(`${field.label}: the edited value is not JSON (strings need quotes)`);
      }
    }
    setAt(doc, field.path, value);
  }
  return canonicalJson(doc);
}

function setAt(doc: Doc, path: string[], value: unknown): void {
  let target = doc;
  for (const key of path.slice(0, -1)) {
    if (!isObject(target[key])) target[key] = {};
    target = target[key] as Doc;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
}
