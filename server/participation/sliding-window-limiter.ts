// A sliding-window request counter kept in memory only (keys are keyed hashes, never raw addresses or tokens).
// Checking and recording are separate so that a refused or failed request never uses up an allowance.

export interface LimitState {
  allowed: boolean;
  limit: number;
  /** Requests still allowed now in this window. */
  remaining: number;
  /** Seconds until the oldest counted request leaves the window (0 when nothing is counted). */
  resetS: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Above this many keys, expired ones are swept so memory stays bounded under many clients. */
    private readonly maxKeys = 50_000,
  ) {}

  check(key: string, nowMs: number): LimitState {
    const recent = this.recent(key, nowMs);
    const resetS = recent.length === 0 ? 0 : Math.max(1, Math.ceil((recent[0] + this.windowMs - nowMs) / 1000));
    return { allowed: recent.length < this.limit, limit: this.limit, remaining: Math.max(0, this.limit - recent.length), resetS };
  }

  record(key: string, nowMs: number): void {
    const recent = this.recent(key, nowMs);
    recent.push(nowMs);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.sweep(nowMs);
  }

  private recent(key: string, nowMs: number): number[] {
    const times = this.hits.get(key);
    if (!times) return [];
    const kept = times.filter((t) => t > nowMs - this.windowMs);
    if (kept.length === 0) this.hits.delete(key);
    else this.hits.set(key, kept);
    return kept;
  }

  private sweep(nowMs: number): void {
    for (const [key, times] of this.hits) if (times[times.length - 1] <= nowMs - this.windowMs) this.hits.delete(key);
  }
}
