// Storage limitation (RELIABILITY.md #16): once a session is past its retention date, its comments and the participant
// hashes in them are hard-deleted; secure_delete (on for the workspace database) overwrites the freed pages. The
// session itself stays as a record that the consultation took place. Participant hashes go earlier: 30 days after
// closing nobody needs them for abuse control any more.
import type { Workspace } from '../workspace/workspace.ts';
import type { Actor } from '../workspace/roles.ts';
import { ensureParticipationTables } from './participation-tables.ts';

const DAY_MS = 24 * 3600 * 1000;

export interface PurgeResult {
  /** Sessions whose comments were deleted in this run. */
  sessions: number;
  comments: number;
  /** Participant hashes removed from comments of sessions closed longer than HASH_KEEP_DAYS (comments kept). */
  participantHashes: number;
}

/** The participant hash only serves abuse control while a session is open and shortly after (RELIABILITY.md AVG rule 2). */
export const HASH_KEEP_DAYS = 30;

/** The system itself acts here; the audit log records it with a role no person has. */
const RETENTION_JOB: Actor = { role: 'admin', username: 'retention-job' };

export function purgeExpired(workspace: Workspace, now: Date = workspace.now()): PurgeResult {
  ensureParticipationTables(workspace.db);
  const db = workspace.db;
  return db.transaction(() => {
    const expired = db
      .prepare('SELECT id FROM participation_sessions WHERE retention_until <= ? AND purged_at IS NULL')
      .all(now.toISOString()) as { id: string }[];
    let comments = 0;
    for (const { id } of expired) {
      comments += db.prepare('DELETE FROM participation_comments WHERE session_id = ?').run(id).changes;
      db.prepare('UPDATE participation_sessions SET purged_at = ? WHERE id = ?').run(now.toISOString(), id);
    }
    const hashCutoff = new Date(now.getTime() - HASH_KEEP_DAYS * DAY_MS).toISOString();
    const participantHashes = db
      .prepare(
        `UPDATE participation_comments SET participant_hash = NULL WHERE participant_hash IS NOT NULL
         AND session_id IN (SELECT id FROM participation_sessions WHERE closes_at <= ?)`,
      )
      .run(hashCutoff).changes;
    if (expired.length > 0 || participantHashes > 0) {
      workspace.audit.append({
        actor: RETENTION_JOB,
        action: 'participation.retention.purge',
        target: '',
        details: { sessions: expired.length, comments, participantHashes, sessionIds: expired.map((s) => s.id) },
      });
    }
    return { sessions: expired.length, comments, participantHashes };
  })();
}

/** Purges now and then once a day for as long as the process runs (the timer does not keep it alive). */
export function startRetentionSchedule(workspace: Workspace, log: (message: string) => void = (m) => console.error(m)): () => void {
  const run = () => {
    try {
      const result = purgeExpired(workspace, workspace.now());
      if (result.sessions > 0) log(`participation retention: deleted ${result.comments} comments of ${result.sessions} sessions`);
    } catch (err) {
      // A busy or full disk must not stop the server; the next run tries again.
      log(`participation retention failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
