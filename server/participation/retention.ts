// Storage limitation (RELIABILITY.md #16): once a session is past its retention date, its comments and the participant
// hashes in them are hard-deleted; on SQLite secure_delete overwrites the freed pages, on PostgreSQL (auto)vacuum
// reclaims the dead rows (backups keep their own retention). The session itself stays as a record that the
// consultation took place. Participant hashes go earlier: 30 days after closing nobody needs them for abuse control.
import type { Workspace } from '../workspace/workspace.ts';
import type { Actor } from '../workspace/roles.ts';
import { MAX_COMMENT_WINDOW_MS } from './comment-rate-limit.ts';

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

/**
 * One purge, in one transaction. Every server runs the schedule; the named lock makes a second server that starts at
 * the same moment wait and then find nothing left to do, so a purge is done and audit-logged once.
 */
export async function purgeExpired(workspace: Workspace, now: Date = workspace.now()): Promise<PurgeResult> {
  return workspace.db.transaction(async (tx) => {
    await tx.lock('participation-retention');
    const expired = await tx.all<{ id: string }>('SELECT id FROM participation_sessions WHERE retention_until <= ? AND purged_at IS NULL ORDER BY id', [now.toISOString()]);
    let comments = 0;
    for (const { id } of expired) {
      comments += (await tx.run('DELETE FROM participation_comments WHERE session_id = ?', [id])).changes;
      await tx.run('UPDATE participation_sessions SET purged_at = ? WHERE id = ?', [now.toISOString(), id]);
    }
    const hashCutoff = new Date(now.getTime() - HASH_KEEP_DAYS * DAY_MS).toISOString();
    const participantHashes = (
      await tx.run(
        `UPDATE participation_comments SET participant_hash = NULL WHERE participant_hash IS NOT NULL
         AND session_id IN (SELECT id FROM participation_sessions WHERE closes_at <= ?)`,
        [hashCutoff],
      )
    ).changes;
    // Rate-limit hits that no window counts any more, for buckets that never came back (comment-rate-limit.ts deletes
    // the others as it goes): they hold participant hashes too.
    await tx.run('DELETE FROM rate_limit_hits WHERE at_ms <= ?', [now.getTime() - MAX_COMMENT_WINDOW_MS]);
    if (expired.length > 0 || participantHashes > 0) {
      await workspace.audit.append(tx, {
        actor: RETENTION_JOB,
        action: 'participation.retention.purge',
        target: '',
        details: { sessions: expired.length, comments, participantHashes, sessionIds: expired.map((s) => s.id) },
      });
    }
    return { sessions: expired.length, comments, participantHashes };
  });
}

/**
 * Purges now and then once a day for as long as the process runs (the timer does not keep it alive). The returned
 * stop function ends the schedule and resolves once a purge still running has finished (before closing the workspace).
 */
export function startRetentionSchedule(workspace: Workspace, log: (message: string) => void = (m) => console.error(m)): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    // A run that is still going (a slow database) is not doubled; the next day's run picks up what is left.
    running ??= purgeExpired(workspace, workspace.now())
      .then((result) => {
        if (result.sessions > 0) log(`participation retention: deleted ${result.comments} comments of ${result.sessions} sessions`);
      })
      .catch((err: unknown) => {
        // A busy or unreachable database must not stop the server; the next run tries again.
        log(`participation retention failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
