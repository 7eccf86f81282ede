import BetterSqlite3 from 'better-sqlite3';
import type { Database, Queryable } from './database.ts';

/**
 * SQLite through better-sqlite3, the embedded default. better-sqlite3 is synchronous and has
 * one connection, so an open transaction would see statements of other requests that run
 * while it awaits; every use of the connection therefore takes a turn on one queue.
 */
export function openSqlite(file: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const direct: Queryable = {
    all: async <T>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly unknown[] = []) => db.prepare(sql).run(...params).changes,
    exec: async (script: string) => void db.exec(script),
  };

  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    dialect: 'sqlite',
    all: (sql, params) => inTurn(() => direct.all(sql, params)),
    get: (sql, params) => inTurn(() => direct.get(sql, params)),
    run: (sql, params) => inTurn(() => direct.run(sql, params)),
    transaction: (fn) =>
      inTurn(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      }),
    exec: (script) => inTurn(() => direct.exec(script)),
    isUniqueViolation: (err) => {
      const code = (err as { code?: unknown }).code;
      return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    },
    close: () => inTurn(async () => void db.close()),
  };
}
