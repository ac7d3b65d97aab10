// Append-only audit log with a hash chain: each entry's hash covers the previous entry's hash and its own content,
// so any edited, removed or reordered row breaks verification from that point on.
import { createHash } from 'node:crypto';
import type { Actor } from './roles.ts';
import type { WorkspaceDb } from './workspace-db.ts';

export interface AuditEntryInput {
  actor: Actor;
  /** Dotted verb, e.g. `scenario.update`, `comment.approve`, `auth.denied`, `import.buildings`. */
  action: string;
  /** What was acted on, e.g. `scenario:01J…`; empty when nothing in particular. */
  target: string;
  /** What changed (small; never personal data such as comment texts or IP addresses). */
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  time: string;
  actorRole: string;
  actorId: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** First sequence number whose hash does not match, when not ok. */
  brokenAt?: number;
}

const GENESIS = '0'.repeat(64);

export class AuditLog {
  constructor(
    private readonly db: WorkspaceDb,
    private readonly now: () => Date = () => new Date(),
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS audit_log (
      seq INTEGER PRIMARY KEY,
      time TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      actor_id TEXT,
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      details TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`);
  }

  /** Appends one entry; call inside the same transaction as the change it records. */
  append(input: AuditEntryInput): AuditEntry {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const entry: Omit<AuditEntry, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      time: this.now().toISOString(),
      actorRole: input.actor.role,
      actorId: input.actor.userId ?? null,
      action: input.action,
      target: input.target,
      details: input.details ?? {},
      prevHash: last?.hash ?? GENESIS,
    };
    const hash = entryHash(entry);
    this.db
      .prepare('INSERT INTO audit_log (seq, time, actor_role, actor_id, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(entry.seq, entry.time, entry.actorRole, entry.actorId, entry.action, entry.target, JSON.stringify(entry.details), entry.prevHash, hash);
    return { ...entry, hash };
  }

  /** Newest first. */
  list(options: { limit: number; beforeSeq?: number }): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit) as AuditRow[];
    return rows.map(fromRow);
  }

  verify(): AuditVerification {
    let prevHash = GENESIS;
    let entries = 0;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      const entry = fromRow(row);
      const { hash, ...content } = entry;
      if (entry.prevHash !== prevHash || entryHash(content) !== hash) return { ok: false, entries, brokenAt: entry.seq };
      prevHash = hash;
      entries++;
    }
    return { ok: true, entries };
  }
}

interface AuditRow {
  seq: number;
  time: string;
  actor_role: string;
  actor_id: string | null;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
}

function fromRow(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    time: r.time,
    actorRole: r.actor_role,
    actorId: r.actor_id,
    action: r.action,
    target: r.target,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([entry.seq, entry.time, entry.actorRole, entry.actorId, entry.action, entry.target, entry.details, entry.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}
