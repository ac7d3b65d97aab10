// Everything the workspace routers share: one database (SQLite file or shared PostgreSQL), the audit log and the
// clock (injectable for tests).
import { AuditLog } from './audit-log.ts';
import type { SqlDb } from './sql/sql-db.ts';
import { openWorkspaceDb } from './workspace-db.ts';

export interface Workspace {
  db: SqlDb;
  audit: AuditLog;
  now: () => Date;
  close(): Promise<void>;
}

/** Opens the workspace at a file path (':memory:' for tests) or a postgres:// URL. */
export async function openWorkspace(target: string, now: () => Date = () => new Date()): Promise<Workspace> {
  const db = await openWorkspaceDb(target);
  return { db, audit: new AuditLog(now), now, close: () => db.close() };
}
