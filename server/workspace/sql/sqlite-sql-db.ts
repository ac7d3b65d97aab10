// SqlDb on one better-sqlite3 connection (the embedded default). better-sqlite3 is synchronous, so a statement
// outside a transaction runs at once; a transaction may await between its statements, so transactions (and any
// statement issued meanwhile) are queued: nothing from another request can land inside an open transaction or be
// rolled back with it.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { SqlDb, SqlRunner, SqlTransaction, SqlValue } from './sql-db.ts';

/** Prepared statements kept per connection; the workspace has a few dozen distinct statements. */
const STATEMENT_CACHE = 256;

export class SqliteSqlDb implements SqlDb {
  readonly dialect = 'sqlite';
  private readonly statements = new Map<string, Database.Statement>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Transactions running or waiting; while > 0, plain statements queue behind them. */
  private queued = 0;
  private readonly direct: SqlRunner;

  constructor(
    /** The open connection (WAL, synchronous=FULL etc. set by the opener). */
    readonly connection: Database.Database,
    private readonly file: string,
  ) {
    this.direct = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.statement(sql).all(...params) as T[],
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => this.statement(sql).get(...params) as T | undefined,
      run: async (sql: string, params: readonly SqlValue[] = []) => ({ changes: this.statement(sql).run(...params).changes }),
    };
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.whenIdle(() => this.direct.all<T>(sql, params));
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.whenIdle(() => this.direct.get<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.whenIdle(() => this.direct.run(sql, params));
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      // IMMEDIATE: take the write lock now, so a busy database fails here (503) rather than halfway through.
      this.connection.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await work({ ...this.direct, lock: async () => undefined });
        this.connection.prepare('COMMIT').run();
        return result;
      } catch (e) {
        if (this.connection.inTransaction) this.connection.prepare('ROLLBACK').run();
        throw e;
      }
    });
  }

  async health(): Promise<Record<string, number | string | boolean>> {
    return { workspaceStore: 'sqlite', workspaceWalBytes: walBytes(this.file) };
  }

  async close(): Promise<void> {
    await this.tail;
    if (!this.connection.open) return;
    if (this.file !== ':memory:') this.connection.pragma('wal_checkpoint(TRUNCATE)');
    this.connection.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private whenIdle<T>(work: () => Promise<T>): Promise<T> {
    return this.queued === 0 ? work() : this.enqueue(work);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(work).finally(() => {
      this.queued--;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function walBytes(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
