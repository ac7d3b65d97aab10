// Everything the workspace routers share: one database, the audit log and the clock (injectable for tests).
import { AuditLog } from './audit-log.ts';
import { type WorkspaceDb, openWorkspaceDb } from './workspace-db.ts';

export interface Workspace {
  db: WorkspaceDb;
  audit: AuditLog;
  now: () => Date;
  close(): void;
}

export function openWorkspace(file: string, now: () => Date = () => new Date()): Workspace {
  const db = openWorkspaceDb(file);
  const audit = new AuditLog(db, now);
  return {
    db,
    audit,
    now,
    close: () => {
      // Leave a small WAL behind: checkpoint and truncate before closing.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
