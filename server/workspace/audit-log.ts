// Append-only audit log with a hash chain: each entry's hash covers the previous entry's hash and its own content,
// so any edited, removed or reordered row breaks verification from that point on.
import { createHash } from 'node:crypto';
import type { Actor } from './roles.ts';
import type { SqlDb, SqlRunner, SqlTransaction } from './sql/sql-db.ts';

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
const VERIFY_PAGE = 1000;

export class AuditLog {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * Appends one entry inside the transaction of the change it records. The chain is read and extended under a named
   * lock, so servers appending at the same moment take turns instead of forking the chain.
   */
  async append(tx: SqlTransaction, input: AuditEntryInput): Promise<AuditEntry> {
    await tx.lock('audit_log');
    const last = await tx.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
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
    await tx.run('INSERT INTO audit_log (seq, time, actor_role, actor_id, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      entry.seq,
      entry.time,
      entry.actorRole,
      entry.actorId,
      entry.action,
      entry.target,
      JSON.stringify(entry.details),
      entry.prevHash,
      hash,
    ]);
    return { ...entry, hash };
  }

  /** Appends one entry in a transaction of its own: for events that change nothing else (a denied request, a login). */
  record(db: SqlDb, input: AuditEntryInput): Promise<AuditEntry> {
    return db.transaction((tx) => this.append(tx, input));
  }

  /** Newest first. */
  async list(db: SqlRunner, options: { limit: number; beforeSeq?: number }): Promise<AuditEntry[]> {
    const rows = await db.all<AuditRow>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?', [
      options.beforeSeq ?? Number.MAX_SAFE_INTEGER,
      options.limit,
    ]);
    return rows.map(fromRow);
  }

  /** Walks the whole chain in pages of VERIFY_PAGE rows (no statement stays open across an await). */
  async verify(db: SqlRunner): Promise<AuditVerification> {
    let prevHash = GENESIS;
    let entries = 0;
    let afterSeq = 0;
    for (;;) {
      const rows = await db.all<AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', [afterSeq, VERIFY_PAGE]);
      for (const row of rows) {
        const entry = fromRow(row);
        const { hash, ...content } = entry;
        if (entry.prevHash !== prevHash || entryHash(content) !== hash) return { ok: false, entries, brokenAt: entry.seq };
        prevHash = hash;
        entries++;
        afterSeq = entry.seq;
      }
      if (rows.length < VERIFY_PAGE) return { ok: true, entries };
    }
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
