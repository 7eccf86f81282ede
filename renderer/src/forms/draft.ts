import type { z } from 'zod';
import { jsonPath } from '../../../engine/src/core/json.ts';
import type { Problem } from '../../../engine/src/core/problems.ts';

export type Path = (string | number)[];

/** A copy of `doc` with `value` at `path`; `undefined` removes the key (the schema's default applies). */
export function setIn<T>(doc: T, path: Path, value: unknown): T {
  if (!path.length) return value as T;
  const [head, ...rest] = path;
  const base = (doc ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown>;
  const copy = (Array.isArray(base) ? [...base] : { ...base }) as Record<string | number, unknown>;
  const next = setIn(base[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

export function getIn(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[key]), doc);
}

/** Messages by JSON path (`$.settings.folder`), the first one per field. */
export type FieldMessages = Record<string, string>;

export function zodMessages(error: z.ZodError | undefined, prefix: Path = []): FieldMessages {
  const out: FieldMessages = {};
  for (const issue of error?.issues ?? []) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) out[jsonPath([...prefix, ...(path as Path)])] ??= issue.message;
  }
  return out;
}

export function problemMessages(problems: Problem[], file: string): FieldMessages {
  const out: FieldMessages = {};
  for (const p of problems) if (p.file === file) out[p.path] ??= p.message;
  return out;
}

export const pathKey = (path: Path) => jsonPath(path);
