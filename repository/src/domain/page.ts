import { RepoError } from './errors.ts';

/** A page request: `cursor` is the opaque value a previous page returned as `nextCursor`. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Cursors are opaque to clients: base64url JSON of the sort key of the last item. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key in a cursor, checked against the types it must hold. */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(cursor: string, types: T): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === types.length && key.every((v, i) => typeof v === types[i])) return key as (string | number)[];
  } catch {
    // fall through to the error below
  }
  throw new RepoError(400, 'INVALID_CURSOR', 'the cursor is not one this server returned', { field: 'cursor' });
}

/** Makes a page from `limit + 1` rows: the extra row only says that there is a next page. */
export function pageOf<R, T>(rows: R[], limit: number, toItem: (row: R) => T, keyOf: (row: R) => (string | number)[]): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(toItem), nextCursor: more ? encodeCursor(keyOf(kept[kept.length - 1])) : null };
}
