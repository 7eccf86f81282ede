import path from 'node:path';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

/** The SQLite file inside a data folder. */
export const SQLITE_FILE = 'repository.db';

/** Opens (and migrates) the repository database: PostgreSQL when a URL is given, else SQLite in the data folder. */
export async function openDatabase(options: { dataDir: string; databaseUrl?: string }): Promise<Database> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(path.join(options.dataDir, SQLITE_FILE));
  try {
    await migrate(db);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}
