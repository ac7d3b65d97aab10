import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientBucketKeys, addressGroup, clientBucketHash, keyPeriod } from '../../server/participation/client-bucket.ts';
import { type CommentBuckets, CommentRateLimit, rateLimitHeaders } from '../../server/participation/comment-rate-limit.ts';
import { type Workspace, openWorkspace } from '../../server/workspace/workspace.ts';
import { freshWorkspaceTarget, workspaceBackends } from '../support/workspace-backends.ts';

const WINDOW_MS = 600_000;

const buckets = (participantHash: string, clientBucket: string): CommentBuckets => ({ participantHash, clientBucket });

describe.each(workspaceBackends('participation rate limit'))('comment rate limit (%s workspace)', (backend) => {
  const opened: Workspace[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((w) => w.close()));
  });

  /** Two servers on one workspace database (on SQLite, one process per file: the same workspace twice). */
  async function createServers(): Promise<[Workspace, Workspace]> {
    const target = await freshWorkspaceTarget(backend);
    const first = await openWorkspace(target);
    opened.push(first);
    if (backend === 'sqlite') return [first, first];
    const second = await openWorkspace(target);
    opened.push(second);
    return [first, second];
  }

  const take = (workspace: Workspace, limit: CommentRateLimit, b: CommentBuckets, nowMs: number) => workspace.db.transaction((tx) => limit.take(tx, b, nowMs));
  const hitCount = async (workspace: Workspace) => (await workspace.db.get<{ n: number }>('SELECT count(*) AS n FROM rate_limit_hits'))!.n;

  describe('CommentRateLimit', () => {
    it('allows five in the window, refuses the sixth, and allows again once the oldest has left the window', async () => {
      const [workspace] = await createServers();
      const limit = new CommentRateLimit({ limit: 5, windowMs: WINDOW_MS });
      for (let i = 0; i < 5; i++) expect((await take(workspace, limit, buckets('k', `client-${i}`), i * 1000)).allowed).toBe(true);
      const refused = await take(workspace, limit, buckets('k', 'client-9'), 5000);
      expect(refused).toEqual({ allowed: false, state: { allowed: false, limit: 5, remaining: 0, resetS: 595 }, retryAfterS: 595 });
      expect((await take(workspace, limit, buckets('k', 'client-9'), WINDOW_MS)).allowed).toBe(true);
      expect((await take(workspace, limit, buckets('other', 'client-8'), 5000)).allowed).toBe(true);
    });

    it('refuses when either the participant or the client bucket is full', async () => {
      const [workspace] = await createServers();
      const limit = new CommentRateLimit({ limit: 2, windowMs: WINDOW_MS });
      await take(workspace, limit, buckets('token-a', 'client-1'), 0);
      await take(workspace, limit, buckets('token-b', 'client-1'), 1000);
      // A fresh token from the same client: the client bucket is full.
      expect(await take(workspace, limit, buckets('token-c', 'client-1'), 2000)).toMatchObject({ allowed: false, retryAfterS: 598 });
      await take(workspace, limit, buckets('token-a', 'client-2'), 3000);
      // The same token from a new client: the participant bucket is full.
      expect(await take(workspace, limit, buckets('token-a', 'client-3'), 4000)).toMatchObject({ allowed: false, retryAfterS: 596 });
      expect((await take(workspace, limit, buckets('token-d', 'client-3'), 4000)).allowed).toBe(true);
    });

    it('reports the state after counting the comment it allowed', async () => {
      const [workspace] = await createServers();
      const limit = new CommentRateLimit({ limit: 5, windowMs: WINDOW_MS });
      expect((await take(workspace, limit, buckets('k', 'c'), 0)).state).toEqual({ allowed: true, limit: 5, remaining: 4, resetS: 600 });
      expect((await take(workspace, limit, buckets('k', 'c'), 100_000)).state).toEqual({ allowed: true, limit: 5, remaining: 3, resetS: 500 });
    });

    it('writes no hit for a refusal, and none for a comment whose transaction fails', async () => {
      const [workspace] = await createServers();
      const limit = new CommentRateLimit({ limit: 1, windowMs: WINDOW_MS });
      await take(workspace, limit, buckets('k', 'c'), 0);
      expect(await hitCount(workspace)).toBe(2);
      expect((await take(workspace, limit, buckets('k', 'c'), 1000)).allowed).toBe(false);
      expect(await hitCount(workspace)).toBe(2);
      await expect(
        workspace.db.transaction(async (tx) => {
          await limit.take(tx, buckets('other', 'elsewhere'), 2000);
          throw new Error('the comment could not be stored');
        }),
      ).rejects.toThrow(/could not be stored/);
      expect(await hitCount(workspace)).toBe(2);
    });

    it('keeps hits only while they count, and stores keyed hashes under a prefix', async () => {
      const [workspace] = await createServers();
      const limit = new CommentRateLimit({ limit: 5, windowMs: WINDOW_MS });
      await take(workspace, limit, buckets('gone-1', 'gone-2'), 0);
      await take(workspace, limit, buckets('k', 'c'), 1000);
      // Past the window of both, a new comment from someone else sweeps every expired hit.
      await take(workspace, limit, buckets('new', 'fresh'), WINDOW_MS + 2000);
      expect((await workspace.db.all<{ bucket: string }>('SELECT bucket FROM rate_limit_hits ORDER BY bucket')).map((r) => r.bucket)).toEqual(['c:fresh', 'p:new']);
    });

    it('counts comments made on any server: the sixth is refused on either', async () => {
      const [a, b] = await createServers();
      const onA = new CommentRateLimit({ limit: 5, windowMs: WINDOW_MS });
      const onB = new CommentRateLimit({ limit: 5, windowMs: WINDOW_MS });
      for (let i = 0; i < 5; i++) expect((await take(i % 2 ? b : a, i % 2 ? onB : onA, buckets('k', `client-${i}`), i * 1000)).allowed).toBe(true);
      expect((await take(b, onB, buckets('k', 'client-9'), 6000)).allowed).toBe(false);
      expect((await take(a, onA, buckets('k', 'client-9'), 6000)).allowed).toBe(false);
    });

    it('lets exactly the limit through when servers decide at the same moment', async () => {
      const [a, b] = await createServers();
      const onA = new CommentRateLimit({ limit: 5, windowMs: WINDOW_MS });
      const onB = new CommentRateLimit({ limit: 5, windowMs: WINDOW_MS });
      const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => take(i % 2 ? b : a, i % 2 ? onB : onA, buckets('k', `client-${i}`), 1000)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      expect(await hitCount(a)).toBe(10);
    });

    it('refuses a window longer than the retention job keeps hits', () => {
      expect(() => new CommentRateLimit({ limit: 5, windowMs: 2 * 24 * 3600 * 1000 })).toThrow(RangeError);
    });
  });

  describe('ClientBucketKeys', () => {
    it('gives every server the same bucket for a client, from one key per month', async () => {
      const [a, b] = await createServers();
      const now = new Date('2026-03-15T10:00:00Z');
      const [onA, onB] = await Promise.all([new ClientBucketKeys(a.db).of('192.0.2.7', now), new ClientBucketKeys(b.db).of('192.0.2.7', now)]);
      expect(onA).toBe(onB);
      expect(await a.db.all('SELECT period FROM rate_limit_keys')).toEqual([{ period: '2026-03' }]);
    });

    it('starts new buckets with a new key each month and deletes keys older than the previous month', async () => {
      const [workspace] = await createServers();
      const keys = new ClientBucketKeys(workspace.db);
      const march = await keys.of('192.0.2.7', new Date('2026-03-31T23:59:59Z'));
      const april = await keys.of('192.0.2.7', new Date('2026-04-01T00:00:00Z'));
      expect(april).not.toBe(march);
      await keys.of('192.0.2.7', new Date('2026-05-02T00:00:00Z'));
      const periods = await workspace.db.all<{ period: string }>('SELECT period FROM rate_limit_keys ORDER BY period');
      expect(periods.map((p) => p.period)).toEqual(['2026-04', '2026-05']);
    });
  });
});

describe('rateLimitHeaders', () => {
  it('writes the RateLimit headers of the draft standard', () => {
    expect(rateLimitHeaders({ allowed: false, limit: 5, remaining: 0, resetS: 42 }, WINDOW_MS)).toEqual({
      'RateLimit-Policy': '5;w=600',
      RateLimit: 'limit=5, remaining=0, reset=42',
    });
  });
});

describe('keyPeriod', () => {
  it('is the UTC month', () => {
    expect(keyPeriod(new Date('2026-01-31T23:30:00-01:00'))).toBe('2026-02');
    expect(keyPeriod(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12');
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
    const key = randomBytes(32);
    const inside = new Set(Array.from({ length: 64 }, (_, i) => clientBucketHash(key, `2001:db8:1:2${i.toString(16).padStart(2, '0')}::${i + 1}`)));
    expect(inside.size).toBe(1);
    expect(clientBucketHash(key, '2001:db8:1:300::1')).not.toBe([...inside][0]);
  });

  it('keys buckets with a hash, not the address', () => {
    const bucket = clientBucketHash(randomBytes(32), '192.0.2.7');
    expect(bucket).not.toContain('192');
    expect(bucket).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
