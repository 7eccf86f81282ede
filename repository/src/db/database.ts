/** What the store needs from a SQL database; SQLite and PostgreSQL both provide it. */
export interface Queryable {
  /** Every row of a query. Parameters are written `?` in the SQL, whatever the dialect. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, if any. */
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

/**
 * One storage interface, two implementations (`sqlite.ts`, `postgres.ts`). The store above
 * it is written once in the SQL both dialects share, so both behave the same by construction;
 * only the migrations are per dialect (column types).
 */
export interface Database extends Queryable {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Inside
   * `fn` use only `tx`: on SQLite the database itself waits for the transaction to end.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Whether an error is a unique or primary-key violation. */
  isUniqueViolation(err: unknown): boolean;
  close(): Promise<void>;
}
