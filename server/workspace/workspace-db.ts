// The workspace database: accounts, sessions, scenarios, briefings, participation and the audit log. Citizen comments
// and council material are records that must survive a crash once acknowledged: WAL + synchronous=FULL, and
// secure_delete so that hard-deleted comment text is overwritten (RELIABILITY.md, durability and AVG).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type WorkspaceDb = Database.Database;

/** Opens (or creates) the workspace database; ':memory:' for tests. Each module creates its own tables. */
export function openWorkspaceDb(file: string): WorkspaceDb {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  const check = quickCheck(db);
  if (check !== 'ok') {
    db.close();
    throw new Error(`${file} is damaged (quick_check: ${check}); refusing to use it`);
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return db;
}

/** quick_check's verdict; a file that is no database at all throws (SQLITE_NOTADB) instead, which is a verdict too. */
function quickCheck(db: Database.Database): string {
  try {
    return String(db.pragma('quick_check', { simple: true }));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
