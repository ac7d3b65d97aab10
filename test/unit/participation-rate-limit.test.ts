import { describe, expect, it } from 'vitest';
import { ClientBucketKeys, addressGroup } from '../../server/participation/client-bucket.ts';
import { CommentRateLimit, rateLimitHeaders } from '../../server/participation/comment-rate-limit.ts';
import { SlidingWindowLimiter } from '../../server/participation/sliding-window-limiter.ts';

const WINDOW_MS = 600_000;

describe('SlidingWindowLimiter', () => {
  it('allows five in the window, refuses the sixth, and allows again once the oldest has left the window', () => {
    const limiter = new SlidingWindowLimiter(5, WINDOW_MS);
    for (let i = 0; i < 5; i++) {
      expect(limiter.check('k', i * 1000).allowed).toBe(true);
      limiter.record('k', i * 1000);
    }
    const refused = limiter.check('k', 5000);
    expect(refused).toEqual({ allowed: false, limit: 5, remaining: 0, resetS: 595 });
    expect(limiter.check('k', WINDOW_MS).allowed).toBe(true);
    expect(limiter.check('other', 5000).allowed).toBe(true);
  });

  it('does not count checks, only records', () => {
    const limiter = new SlidingWindowLimiter(1, WINDOW_MS);
    for (let i = 0; i < 10; i++) limiter.check('k', i);
    expect(limiter.check('k', 10).allowed).toBe(true);
  });

  it('forgets expired keys when it holds too many', () => {
    const limiter = new SlidingWindowLimiter(1, 1000, 3);
    for (let i = 0; i < 4; i++) limiter.record(`old${i}`, 0);
    limiter.record('new', 5000);
    expect((limiter as unknown as { hits: Map<string, number[]> }).hits.size).toBeLessThanOrEqual(2);
  });
});

describe('CommentRateLimit', () => {
  it('refuses when either the participant or the client bucket is full', () => {
    const limit = new CommentRateLimit({ limit: 2, windowMs: WINDOW_MS });
    limit.record('token-a', 'client-1', 0);
    limit.record('token-b', 'client-1', 1000);
    // A fresh token from the same client: the client bucket is full.
    expect(limit.check('token-c', 'client-1', 2000)).toMatchObject({ allowed: false, retryAfterS: 598 });
    limit.record('token-a', 'client-2', 3000);
    // The same token from a new client: the participant bucket is full.
    expect(limit.check('token-a', 'client-3', 4000)).toMatchObject({ allowed: false, retryAfterS: 596 });
    expect(limit.check('token-d', 'client-3', 4000).allowed).toBe(true);
  });

  it('writes the RateLimit headers of the draft standard', () => {
    expect(rateLimitHeaders({ allowed: false, limit: 5, remaining: 0, resetS: 42 }, WINDOW_MS)).toEqual({
      'RateLimit-Policy': '5;w=600',
      RateLimit: 'limit=5, remaining=0, reset=42',
    });
  });
});

describe('addressGroup', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:abcd:12ff::1', '2001:db8:abcd:1200::/56'],
    ['2001:db8:abcd:1201:aaaa:bbbb:cccc:dddd', '2001:db8:abcd:1200::/56'],
    ['2001:0db8:abcd:0012::1', '2001:db8:abcd:0::/56'],
    ['::1', '0:0:0:0::/56'],
    ['fe80::1%eth0', 'fe80:0:0:0::/56'],
    ['not an address', ''],
    [undefined, ''],
  ])('groups %s as %s', (address, group) => {
    expect(addressGroup(address)).toBe(group);
  });

  it('puts 64 addresses of one /56 in one bucket, and another /56 in another', () => {
    const keys = new ClientBucketKeys();
    const inside = new Set(Array.from({ length: 64 }, (_, i) => keys.of(`2001:db8:1:2${i.toString(16).padStart(2, '0')}::${i + 1}`)));
    expect(inside.size).toBe(1);
    expect(keys.of('2001:db8:1:300::1')).not.toBe([...inside][0]);
  });

  it('keys buckets with a hash, not the address', () => {
    const key = new ClientBucketKeys().of('192.0.2.7');
    expect(key).not.toContain('192');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
