import { OrgKeys } from './crypto/org-keys.ts';
import type { Database } from './db/database.ts';
import { openDatabase } from './db/open.ts';
import type { Deps } from './domain/deps.ts';

export interface RepositoryOptions {
  /** Folder of the SQLite file (and, by default, of the master key file). */
  dataDir: string;
  /** `postgres://...`; SQLite in `dataDir` when absent. */
  databaseUrl?: string;
  masterKey: Buffer;
}

/**
 * Opens the store: migrates the database and checks that the master key opens the
 * organisations' keys, so a wrong key stops the server at start, not at the first request.
 */
export async function openRepository(options: RepositoryOptions): Promise<Deps & { close(): Promise<void> }> {
  const db: Database = await openDatabase(options);
  const keys = new OrgKeys(options.masterKey);
  try {
    const orgs = await db.all<{ id: string; wrapped_key: Buffer }>('SELECT id, wrapped_key FROM organisations');
    for (const org of orgs) keys.unwrap(org.id, org.wrapped_key);
  } catch (err) {
    await db.close();
    throw new Error(`the master key does not open this repository's keys (${(err as Error).message})`, { cause: err });
  }
  return { db, keys, close: () => db.close() };
}

