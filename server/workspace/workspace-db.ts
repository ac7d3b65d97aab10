// Opens the workspace database: accounts, sessions, scenarios, briefings, participation and the audit log. Either the
// embedded SQLite file or a shared PostgreSQL database (`postgres://…`, the scale-out store: several servers share
// sessions, rate limits and records). Citizen comments and council material are records that must survive a crash
// once acknowledged: SQLite runs WAL + synchronous=FULL, and secure_delete so that hard-deleted comment text is
// overwritten (RELIABILITY.md, durability and AVG).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { assertSoundDatabase, withWritableCheck } from '../store/sqlite/open-checks.ts';
import { openMigratedPool } from '../store/postgis/pg-transaction.ts';
import { PostgresSqlDb, workspacePool } from './sql/postgres-sql-db.ts';
import type { SqlDb } from './sql/sql-db.ts';
import { SqliteSqlDb } from './sql/sqlite-sql-db.ts';
import { applySqliteWorkspaceSchema, migratePostgresWorkspace } from './sql/workspace-schema.ts';

export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//.test(target);

/** Opens (or creates) the workspace database: a file path, ':memory:' for tests, or a postgres:// URL. */
export async function openWorkspaceDb(target: string): Promise<SqlDb> {
  return isPostgresUrl(target) ? openPostgres(target) : openSqlite(target);
}

export function openSqliteWorkspaceDb(file: string): SqliteSqlDb {
  return openSqlite(file);
}

function openSqlite(file: string): SqliteSqlDb {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  assertSoundDatabase(db, file);
  db.pragma('busy_timeout = 5000');
  withWritableCheck(db, file, () => {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    applySqliteWorkspaceSchema(db);
  });
  return new SqliteSqlDb(db, file);
}

async function openPostgres(url: string): Promise<PostgresSqlDb> {
  let db: PostgresSqlDb | undefined;
  const pool = await openMigratedPool(
    workspacePool(url, (e) => db?.noteError(e)),
    migratePostgresWorkspace,
  );
  db = new PostgresSqlDb(pool);
  return db;
}
