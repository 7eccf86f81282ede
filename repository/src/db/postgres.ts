import pg from 'pg';
import type { Database, Queryable } from './database.ts';

/**
 * PostgreSQL through a pg pool, for several stateless servers behind a load balancer.
 * Statements are written with `?` placeholders (the SQLite form) and numbered here.
 */
export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client that loses its connection must not crash the server.
  pool.on('error', () => undefined);

  const over = (client: pg.Pool | pg.PoolClient): Queryable => ({
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), [...params])).rows as T[],
    get: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), [...params])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), [...params])).rowCount ?? 0,
    // Without parameters pg uses the simple protocol, which accepts several statements.
    exec: async (script: string) => void (await client.query(script)),
  });

  return {
    dialect: 'postgres',
    ...over(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    isUniqueViolation: (err) => (err as { code?: unknown }).code === '23505',
    close: () => pool.end(),
  };
}

/** `?` -> `$1`, `$2`, ...; our statements never hold a `?` inside a string literal. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
