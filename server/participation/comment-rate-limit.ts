// Five comments per ten minutes, counted both per participant (keyed hash of the per-session token) and per client
// bucket (keyed hash of the address group, across all sessions), so neither clearing cookies nor switching sessions
// buys new allowances. The hits live in the workspace database (rate_limit_hits), so every server behind the load
// balancer counts the comments made on any of them (RELIABILITY.md #17). A hit is kept only while it counts: each
// decision deletes the expired hits of its two buckets, and now and then all expired hits go.
import type { SqlTransaction } from '../workspace/sql/sql-db.ts';

export interface CommentLimitOptions {
  limit: number;
  windowMs: number;
}

export const DEFAULT_COMMENT_LIMIT: CommentLimitOptions = { limit: 5, windowMs: 10 * 60 * 1000 };

/** The retention job sweeps hits older than this (retention.ts), so no window may be longer. */
export const MAX_COMMENT_WINDOW_MS = 24 * 3600 * 1000;

export interface LimitState {
  allowed: boolean;
  limit: number;
  /** Comments still allowed now in this window. */
  remaining: number;
  /** Seconds until the oldest counted comment leaves the window (0 when nothing is counted). */
  resetS: number;
}

export interface CommentLimitDecision {
  allowed: boolean;
  /** The tighter of the two buckets, for the RateLimit headers; when allowed, counting this comment. */
  state: LimitState;
  /** When refused: seconds until a comment will be accepted again. */
  retryAfterS: number;
}

/** The two keyed hashes one comment counts against. */
export interface CommentBuckets {
  participantHash: string;
  clientBucket: string;
}

/** Prefixes keep a participant hash and a client hash apart even if they were ever equal. */
const PARTICIPANT_PREFIX = 'p:';
const CLIENT_PREFIX = 'c:';

export class CommentRateLimit {
  /** When this server next deletes every expired hit, not only those of the buckets it decides on. */
  private nextSweepMs = 0;

  constructor(readonly options: CommentLimitOptions = DEFAULT_COMMENT_LIMIT) {
    if (!(options.windowMs > 0 && options.windowMs <= MAX_COMMENT_WINDOW_MS)) throw new RangeError(`comment window must lie in (0, ${MAX_COMMENT_WINDOW_MS}] ms`);
  }

  /**
   * Decides inside the transaction that stores the comment and, when allowed, records one hit in both buckets: if the
   * comment is then not stored (closed session, a failure), the rollback takes the hits with it, and a refusal writes
   * nothing. The named lock makes the count-then-insert atomic across servers.
   */
  async take(tx: SqlTransaction, buckets: CommentBuckets, nowMs: number): Promise<CommentLimitDecision> {
    const participant = PARTICIPANT_PREFIX + buckets.participantHash;
    const client = CLIENT_PREFIX + buckets.clientBucket;
    const expiredBefore = nowMs - this.options.windowMs;
    await tx.lock('comment-rate');
    if (nowMs >= this.nextSweepMs) {
      await tx.run('DELETE FROM rate_limit_hits WHERE at_ms <= ?', [expiredBefore]);
      this.nextSweepMs = nowMs + this.options.windowMs;
    } else {
      await tx.run('DELETE FROM rate_limit_hits WHERE bucket IN (?, ?) AND at_ms <= ?', [participant, client, expiredBefore]);
    }
    const before = await this.counted(tx, [participant, client], expiredBefore);
    const states = before.map((c) => this.state(c.n, c.oldest, nowMs));
    const blocked = states.filter((s) => !s.allowed);
    if (blocked.length > 0) return { allowed: false, state: tighter(states[0], states[1]), retryAfterS: Math.max(...blocked.map((s) => s.resetS)) };
    await tx.run('INSERT INTO rate_limit_hits (bucket, at_ms) VALUES (?, ?), (?, ?)', [participant, nowMs, client, nowMs]);
    const after = before.map((c) => this.state(c.n + 1, c.oldest ?? nowMs, nowMs));
    return { allowed: true, state: tighter(after[0], after[1]), retryAfterS: 0 };
  }

  /** Hits within the window and the oldest of them, per bucket, in one round trip. */
  private async counted(tx: SqlTransaction, buckets: [string, string], expiredBefore: number): Promise<{ n: number; oldest: number | null }[]> {
    const rows = await tx.all<{ bucket: string; n: number; oldest: number | null }>(
      'SELECT bucket, count(*) AS n, min(at_ms) AS oldest FROM rate_limit_hits WHERE bucket IN (?, ?) AND at_ms > ? GROUP BY bucket',
      [...buckets, expiredBefore],
    );
    return buckets.map((b) => {
      const row = rows.find((r) => r.bucket === b);
      return { n: Number(row?.n ?? 0), oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest) };
    });
  }

  private state(count: number, oldestMs: number | null, nowMs: number): LimitState {
    const { limit, windowMs } = this.options;
    const resetS = count === 0 || oldestMs === null ? 0 : Math.max(1, Math.ceil((oldestMs + windowMs - nowMs) / 1000));
    return { allowed: count < limit, limit, remaining: Math.max(0, limit - count), resetS };
  }
}

/** The bucket with fewer comments left (on a tie, the one that resets later). */
function tighter(a: LimitState, b: LimitState): LimitState {
  return a.remaining < b.remaining || (a.remaining === b.remaining && a.resetS >= b.resetS) ? a : b;
}

/** IETF draft-ietf-httpapi-ratelimit-headers (draft 7 form, as express-rate-limit sends it). */
export function rateLimitHeaders(state: LimitState, windowMs: number): Record<string, string> {
  return {
    'RateLimit-Policy': `${state.limit};w=${Math.round(windowMs / 1000)}`,
    RateLimit: `limit=${state.limit}, remaining=${state.remaining}, reset=${state.resetS}`,
  };
}
