// SqlDb on a PostgreSQL connection pool: the workspace shared by several stateless servers (ADR 0012). Statements
// use `?` placeholders like SQLite's; they are numbered here. BIGINT (counts, sequence numbers) is read as a JS
// number: the workspace's counters stay far below 2^53.
import pg from 'pg';
import { withTransaction } from '../../store/postgis/pg-transaction.ts';
import { resilientPool } from '../../store/postgis/resilient-pool.ts';
import type { SqlDb, SqlRunner, SqlTransaction, SqlValue } from './sql-db.ts';

const INT8_OID = 20;

/** `?` → `$1, $2, …`, leaving quoted text alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function runnerOn(target: Queryable): SqlRunner {
  const query = async (sql: string, params: readonly SqlValue[] = []) => target.query(numberPlaceholders(sql), params as SqlValue[]);
  return {
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly SqlValue[]) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
  };
}

export class PostgresSqlDb implements SqlDb {
  readonly dialect = 'postgres';
  private readonly runner: SqlRunner;
  private lastPoolError = '';

  constructor(readonly pool: pg.Pool) {
    this.runner = runnerOn(pool);
  }

  /** Called by the pool (resilient-pool.ts) when a connection drops; shown in /api/health. */
  noteError(e: Error): void {
    this.lastPoolError = e.message;
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.runner.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.runner.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.runner.run(sql, params);
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, (client) =>
      work({
        ...runnerOn(client),
        lock: async (name) => {
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`tweeling.workspace.${name}`]);
        },
      }),
    );
  }


  async health(): Promise<Record<string, number | string | boolean>> {
    return {
      workspaceStore: 'postgres',
      workspacePoolWaiting: this.pool.waitingCount,
      ...(this.lastPoolError ? { workspaceLastPoolError: this.lastPoolError } : {}),
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A pool for the workspace tables; BIGINT as number. */
export function workspacePool(url: string, onError: (e: Error) => void, maxConnections = 10): pg.Pool {
  return resilientPool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  }, onError);
}
