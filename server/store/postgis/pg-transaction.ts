// The two things every PostgreSQL user in Tweeling does the same way: run work in one transaction on a pooled
// client, and bring a database's schema up to date under an advisory lock when a process starts (several servers
// may start at once). Used by the PostGIS store and the workspace.
import type pg from 'pg';

/** Runs `work` between BEGIN and COMMIT on one client of the pool; rolls back and rethrows when it throws. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    // The connection may be gone (a database restart): the original error is the one worth reporting.
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Applies the migrations not yet recorded in `table` (a fixed name from our code, never input), in one transaction
 * under the advisory lock `lockName`, so servers starting together apply each one exactly once.
 */
export function applyMigrations(pool: pg.Pool, table: string, lockName: string, migrations: readonly Migration[]): Promise<void> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockName]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set((await client.query<{ version: number }>(`SELECT version FROM ${table}`)).rows.map((r) => r.version));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
    }
  });
}

/** Opens a pool ready for use: migrated, or ended again (no connections left behind) when that fails. */
export async function openMigratedPool(pool: pg.Pool, migrate: (pool: pg.Pool) => Promise<void>): Promise<pg.Pool> {
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return pool;
}
