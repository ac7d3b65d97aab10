// Failed-login limit per username and client: after `maxFailures` failures within the window, every attempt for
// that pair is refused until the window has passed (a right password too, so guessing learns nothing). The counts
// live in the workspace database (login_failures), so every server behind a load balancer counts the same guesses.
// Only the SHA-256 of the key is stored: the table names no username and no client address.
import { createHash } from 'node:crypto';
import type { SqlDb } from '../sql/sql-db.ts';

export interface LoginLimiter {
  /**
   * Counts one sign-in attempt before the password is checked, and answers the seconds until attempts are allowed
   * again (0: go ahead). Counting first means parallel guesses, on one server or several, cannot all slip past a
   * check made before any of them was recorded. An attempt that turns out right calls `reset`; the others stay
   * counted as failures.
   */
  attempt(key: string, nowMs: number): Promise<number>;
  /** Forgets the key's failures (after a successful sign-in). */
  reset(key: string): Promise<void>;
}

/** How often one server removes the windows that have passed (rows are removed when touched, too). */
const SWEEP_INTERVAL_MS = 60_000;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function createLoginLimiter(db: SqlDb, options: { maxFailures?: number; windowS?: number } = {}): LoginLimiter {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = (options.windowS ?? 15 * 60) * 1000;
  let nextSweepMs = 0;
  return {
    async attempt(key, nowMs) {
      if (nowMs >= nextSweepMs) {
        nextSweepMs = nowMs + SWEEP_INTERVAL_MS;
        await db.run('DELETE FROM login_failures WHERE window_start_ms <= ?', [nowMs - windowMs]);
      }
      // One atomic statement on both databases: a window that has passed starts over at this attempt.
      const expiredBefore = nowMs - windowMs;
      const row = await db.get<{ failures: number; window_start_ms: number }>(
        `INSERT INTO login_failures (key_hash, failures, window_start_ms) VALUES (?, 1, ?)
         ON CONFLICT (key_hash) DO UPDATE SET
           failures = CASE WHEN login_failures.window_start_ms <= ? THEN 1 ELSE login_failures.failures + 1 END,
           window_start_ms = CASE WHEN login_failures.window_start_ms <= ? THEN excluded.window_start_ms ELSE login_failures.window_start_ms END
         RETURNING failures, window_start_ms`,
        [hashKey(key), nowMs, expiredBefore, expiredBefore],
      );
      if (!row || row.failures <= maxFailures) return 0;
      return Math.ceil((Number(row.window_start_ms) + windowMs - nowMs) / 1000);
    },
    async reset(key) {
      await db.run('DELETE FROM login_failures WHERE key_hash = ?', [hashKey(key)]);
    },
  };
}
