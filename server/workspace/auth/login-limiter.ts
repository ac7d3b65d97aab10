// Failed-login limit per username and client: after `maxFailures` failures within the window, every attempt for
// that pair is refused until the window has passed (a right password too, so guessing learns nothing). Kept in
// memory per app: it only has to slow guessing down, and nothing about clients is written to disk.
export interface LoginLimiter {
  /** Seconds until attempts are allowed again, or 0 when allowed now. */
  retryAfterS(key: string, nowMs: number): number;
  recordFailure(key: string, nowMs: number): void;
  reset(key: string): void;
}

export function createLoginLimiter(options: { maxFailures?: number; windowS?: number; maxKeys?: number } = {}): LoginLimiter {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = (options.windowS ?? 15 * 60) * 1000;
  const maxKeys = options.maxKeys ?? 10_000;
  const failures = new Map<string, { count: number; startMs: number }>();
  const live = (key: string, nowMs: number) => {
    const f = failures.get(key);
    if (f && nowMs - f.startMs >= windowMs) {
      failures.delete(key);
      return undefined;
    }
    return f;
  };
  return {
    retryAfterS(key, nowMs) {
      const f = live(key, nowMs);
      return f && f.count >= maxFailures ? Math.ceil((f.startMs + windowMs - nowMs) / 1000) : 0;
    },
    recordFailure(key, nowMs) {
      const f = live(key, nowMs);
      if (f) f.count++;
      else {
        // Bounded memory under a spray of usernames: drop the oldest entry.
        if (failures.size >= maxKeys) failures.delete(failures.keys().next().value!);
        failures.set(key, { count: 1, startMs: nowMs });
      }
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
