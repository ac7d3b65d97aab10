// The workspace's database seen through one small asynchronous interface, so that accounts, sessions, scenarios,
// briefings, participation and the audit log run unchanged on the embedded SQLite file and on the shared PostgreSQL
// database of a scale-out deployment (several stateless servers, ADR 0012). SQL is written once, in the subset both
// dialects share; `?` marks a bound parameter (the PostgreSQL driver numbers them). Values are never spliced in.

/** A bound value: text, numbers (INTEGER and double precision), NULL, or bytes. */
export type SqlValue = string | number | null | Buffer;

export interface SqlRunner {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
}

export interface SqlTransaction extends SqlRunner {
  /**
   * Serialises this transaction with every other one that takes the same named lock, in any process, until it ends
   * (PostgreSQL: a transaction-level advisory lock; SQLite: transactions are serial already, so a no-op). For
   * read-then-write steps such as the audit hash chain or a rate-limit count.
   */
  lock(name: string): Promise<void>;
}

export interface SqlDb extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Inside, use only `tx`:
   * statements on the SqlDb itself wait until the transaction has ended (SQLite) or run outside it (PostgreSQL).
   */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Facts for /api/health (e.g. the WAL size, the pool's waiting clients). */
  health(): Promise<Record<string, number | string | boolean>>;
  close(): Promise<void>;
}
