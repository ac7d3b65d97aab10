// What every SQLite file we open goes through first (twin, sensors, workspace): refuse a damaged file with a clear
// message and never touch it, and say plainly when the file or its directory cannot be written — SQLite's own
// "attempt to write a readonly database" names neither the file nor the cause.
import path from 'node:path';
import type Database from 'better-sqlite3';

const NOT_WRITABLE = /^SQLITE_(READONLY|CANTOPEN|PERM)/;

/** The error to throw instead when `err` says `file` cannot be written; undefined for any other error. */
export function notWritableError(file: string, err: unknown): Error | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !NOT_WRITABLE.test(code)) return undefined;
  return new Error(`${file} cannot be written (${code}): the file or its directory is read-only for this user; Tweeling needs write access to its data directory, so it will not open it`);
}

/** Runs quick_check on a just-opened connection; closes it and throws when the file is damaged or not writable. */
export function assertSoundDatabase(db: Database.Database, file: string): void {
  let verdict: string;
  try {
    verdict = String(db.pragma('quick_check', { simple: true }));
  } catch (err) {
    // A file that is no database at all throws (SQLITE_NOTADB), which is a verdict too; a WAL database in a
    // read-only directory cannot even be read without its -shm file, which is not damage.
    const notWritable = notWritableError(file, err);
    db.close();
    if (notWritable) throw notWritable;
    verdict = err instanceof Error ? err.message : String(err);
  }
  if (verdict !== 'ok') {
    if (db.open) db.close();
    throw new Error(`${path.basename(file)} is damaged (quick_check: ${verdict}); refusing to use it (${file})`);
  }
}

/** Runs the opening writes (pragmas, schema); a read-only file or directory becomes notWritableError. */
export function withWritableCheck(db: Database.Database, file: string, open: () => void): void {
  try {
    open();
  } catch (e) {
    db.close();
    throw notWritableError(file, e) ?? e;
  }
}
