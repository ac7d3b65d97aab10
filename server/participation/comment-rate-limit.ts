// Five comments per ten minutes, counted both per participant (keyed hash of the per-session token) and per client
// bucket (keyed hash of the address group, across all sessions), so neither clearing cookies nor switching sessions
// buys new allowances. Kept in memory only; a restart forgets it (RELIABILITY.md #17).
import { type LimitState, SlidingWindowLimiter } from './sliding-window-limiter.ts';

export interface CommentLimitOptions {
  limit: number;
  windowMs: number;
}

export const DEFAULT_COMMENT_LIMIT: CommentLimitOptions = { limit: 5, windowMs: 10 * 60 * 1000 };

export interface CommentLimitDecision {
  allowed: boolean;
  /** The tighter of the two buckets, for the RateLimit headers. */
  state: LimitState;
  /** When refused: seconds until a comment will be accepted again. */
  retryAfterS: number;
}

export class CommentRateLimit {
  private readonly perParticipant: SlidingWindowLimiter;
  private readonly perClient: SlidingWindowLimiter;

  constructor(readonly options: CommentLimitOptions = DEFAULT_COMMENT_LIMIT) {
    this.perParticipant = new SlidingWindowLimiter(options.limit, options.windowMs);
    this.perClient = new SlidingWindowLimiter(options.limit, options.windowMs);
  }

  check(participantKey: string, clientKey: string, nowMs: number): CommentLimitDecision {
    const a = this.perParticipant.check(participantKey, nowMs);
    const b = this.perClient.check(clientKey, nowMs);
    const state = a.remaining < b.remaining || (a.remaining === b.remaining && a.resetS >= b.resetS) ? a : b;
    const blocked = [a, b].filter((s) => !s.allowed);
    return { allowed: blocked.length === 0, state, retryAfterS: Math.max(0, ...blocked.map((s) => s.resetS)) };
  }

  /** Counts one stored comment against both buckets. */
  record(participantKey: string, clientKey: string, nowMs: number): void {
    this.perParticipant.record(participantKey, nowMs);
    this.perClient.record(clientKey, nowMs);
  }
}

/** IETF draft-ietf-httpapi-ratelimit-headers (draft 7 form, as express-rate-limit sends it). */
export function rateLimitHeaders(state: LimitState, windowMs: number): Record<string, string> {
  return {
    'RateLimit-Policy': `${state.limit};w=${Math.round(windowMs / 1000)}`,
    RateLimit: `limit=${state.limit}, remaining=${state.remaining}, reset=${state.resetS}`,
  };
}
