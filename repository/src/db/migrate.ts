import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const migrationsDir = (dialect: Database['dialect']) => fileURLToPath(new URL(`./migrations/${dialect}/`, import.meta.url));

/** An arbitrary constant: the PostgreSQL advisory lock that serialises servers migrating at once. */
const MIGRATION_LOCK = 7_314_202;

/**
 * Applies the migrations of the database's dialect that are not applied yet, in order, each
 * in its own transaction. Files are `NNN-name.sql`; NNN is the version recorded in
 * `schema_migrations`. Returns the versions applied.
 */
export async function migrate(db: Database): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const dir = migrationsDir(db.dialect);
  const files = (await readdir(dir)).filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f)).sort();
  const applied: number[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    const script = await readFile(dir + file, 'utf8');
    const done = await db.transaction(async (tx) => {
      if (db.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      if (await tx.get('SELECT version FROM schema_migrations WHERE version = ?', [version])) return false;
      await tx.exec(script);
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [version, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(version);
  }
  return applied;
}
