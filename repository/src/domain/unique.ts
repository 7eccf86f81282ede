import type { Deps } from './deps.ts';
import { RepoError } from './errors.ts';

/** Runs a write; a unique-key violation (a name taken, also by a concurrent request) becomes 409 ALREADY_EXISTS. */
export async function uniquely<T>(deps: Deps, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (deps.db.isUniqueViolation(err)) throw new RepoError(409, 'ALREADY_EXISTS', `${what} already exists`);
    throw err;
  }
}
