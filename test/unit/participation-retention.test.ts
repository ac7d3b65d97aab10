import { afterEach, describe, expect, it } from 'vitest';
import type { CommentInput } from '../../server/contracts/workspace.ts';
import { insertComment, listComments, moderateComment } from '../../server/participation/comment-store.ts';
import { ParticipantHasher } from '../../server/participation/participant-token.ts';
import { purgeExpired, startRetentionSchedule } from '../../server/participation/retention.ts';
import { closeSession, getSession, insertSession } from '../../server/participation/session-store.ts';
import type { Actor } from '../../server/workspace/roles.ts';
import type { SqliteSqlDb } from '../../server/workspace/sql/sqlite-sql-db.ts';
import { type Workspace, openWorkspace } from '../../server/workspace/workspace.ts';
import { freshWorkspaceTarget, workspaceBackends } from '../support/workspace-backends.ts';

const PLANNER: Actor = { role: 'planner', userId: '2c0d5b8e-7f3a-4f1e-9d6c-5a4b3c2d1e0f', username: 'planner' };
const DAY_MS = 86_400_000;
const SECRET_TEXT = 'Zet hier een bankje, groet van buurvrouw Els';

describe.each(workspaceBackends('participation retention'))('participation retention (%s workspace)', (backend) => {
  const opened: Workspace[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((w) => w.close()));
  });

  /** A workspace whose clock the test moves; `target` is where it lives (a fresh one unless given). */
  async function createWorkspace(start = new Date('2026-11-30T12:00:00Z')) {
    const clock = { now: start };
    const target = await freshWorkspaceTarget(backend);
    const workspace = await openWorkspace(target, () => clock.now);
    opened.push(workspace);
    /** Another server on the same workspace database: on SQLite (one process per file) the same workspace again. */
    const secondServer = async () => {
      if (backend === 'sqlite') return workspace;
      const other = await openWorkspace(target, () => clock.now);
      opened.push(other);
      return other;
    };
    return { workspace, clock, secondServer };
  }

  function createCommentInput(text = SECRET_TEXT): CommentInput {
    return { category: 'idea', text, position: { lonDeg: 5.12, latDeg: 52.09, heightM: 3 } };
  }

  function openSession(workspace: Workspace, closesInDays: number, retentionDays = 90) {
    const closesAt = new Date(workspace.now().getTime() + closesInDays * DAY_MS).toISOString();
    return insertSession(workspace, { title: 'Park', introduction: '', scenarioId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', closesAt }, PLANNER, retentionDays);
  }

  async function commentRows(workspace: Workspace): Promise<number> {
    return (await workspace.db.get<{ n: number }>('SELECT count(*) AS n FROM participation_comments'))!.n;
  }

  async function purgeEntries(workspace: Workspace) {
    return (await workspace.audit.list(workspace.db, { limit: 100 })).filter((e) => e.action === 'participation.retention.purge');
  }

  describe('sessions', () => {
    it('sets retentionUntil to closesAt plus the retention period, and the citizen URL', async () => {
      const { workspace } = await createWorkspace();
      const session = await openSession(workspace, 14, 30);
      expect(session.status).toBe('open');
      expect(Date.parse(session.retentionUntil) - Date.parse(session.closesAt)).toBe(30 * DAY_MS);
      expect(session.url).toBe(`/?mode=participation&session=${session.id}`);
    });

    it('is closed once closesAt has passed', async () => {
      const { workspace, clock } = await createWorkspace();
      const session = await openSession(workspace, 1);
      clock.now = new Date(clock.now.getTime() + 2 * DAY_MS);
      expect((await getSession(workspace.db, session.id, workspace.now()))?.status).toBe('closed');
    });

    it('closing early brings the retention date forward', async () => {
      const { workspace } = await createWorkspace();
      const session = await openSession(workspace, 30, 90);
      const closed = await closeSession(workspace, session.id, PLANNER, 90);
      expect(closed.status).toBe('closed');
      expect(Date.parse(closed.retentionUntil)).toBe(workspace.now().getTime() + 90 * DAY_MS);
      await expect(closeSession(workspace, session.id, PLANNER)).rejects.toThrow(/already closed/);
    });
  });

  describe('purgeExpired', () => {
    it('hard-deletes the comments and participant hashes of sessions past retention, and only those', async () => {
      const { workspace, clock } = await createWorkspace();
      const hasher = new ParticipantHasher(workspace.db);
      const expiring = await openSession(workspace, 1, 10);
      const keeping = await openSession(workspace, 60, 90);
      for (const s of [expiring, keeping]) {
        await insertComment(workspace, s.id, createCommentInput(), await hasher.hash(s.id, 'a'.repeat(32)));
        await insertComment(workspace, s.id, createCommentInput('Tweede reactie'), await hasher.hash(s.id, 'b'.repeat(32)));
      }
      clock.now = new Date(clock.now.getTime() + 5 * DAY_MS);
      expect(await purgeExpired(workspace, workspace.now())).toEqual({ sessions: 0, comments: 0, participantHashes: 0 });

      clock.now = new Date(clock.now.getTime() + 7 * DAY_MS);
      expect(await purgeExpired(workspace, workspace.now())).toEqual({ sessions: 1, comments: 2, participantHashes: 0 });
      expect(await listComments(workspace.db, expiring.id, ['pending', 'approved', 'hidden'], 100)).toEqual([]);
      expect(await listComments(workspace.db, keeping.id, ['pending'], 100)).toHaveLength(2);
      const hashes = await workspace.db.all('SELECT participant_hash FROM participation_comments WHERE session_id = ?', [expiring.id]);
      expect(hashes).toEqual([]);
      expect(await commentRows(workspace)).toBe(2);
      // A second run finds nothing new and writes no audit entry.
      expect(await purgeExpired(workspace, workspace.now())).toEqual({ sessions: 0, comments: 0, participantHashes: 0 });
      expect(await purgeEntries(workspace)).toHaveLength(1);
    });

    it('removes participant hashes 30 days after closing but keeps the comments until retention', async () => {
      const { workspace, clock } = await createWorkspace();
      const session = await openSession(workspace, 1, 90);
      await insertComment(workspace, session.id, createCommentInput(), 'hash-of-token');
      clock.now = new Date(clock.now.getTime() + 30 * DAY_MS);
      expect((await purgeExpired(workspace, workspace.now())).participantHashes).toBe(0);
      clock.now = new Date(clock.now.getTime() + 2 * DAY_MS);
      expect(await purgeExpired(workspace, workspace.now())).toEqual({ sessions: 0, comments: 0, participantHashes: 1 });
      expect(await workspace.db.all('SELECT participant_hash FROM participation_comments')).toEqual([{ participant_hash: null }]);
    });

    it('deletes rate-limit hits that no window counts any more', async () => {
      const { workspace } = await createWorkspace();
      const nowMs = workspace.now().getTime();
      await workspace.db.run('INSERT INTO rate_limit_hits (bucket, at_ms) VALUES (?, ?), (?, ?)', ['p:old', nowMs - 2 * DAY_MS, 'p:recent', nowMs - 60_000]);
      await purgeExpired(workspace, workspace.now());
      expect(await workspace.db.all('SELECT bucket FROM rate_limit_hits')).toEqual([{ bucket: 'p:recent' }]);
    });

    it('runs at once when the schedule starts', async () => {
      const { workspace, clock } = await createWorkspace();
      const session = await openSession(workspace, 1, 1);
      await insertComment(workspace, session.id, createCommentInput(), 'hash');
      clock.now = new Date(clock.now.getTime() + 3 * DAY_MS);
      const logged: string[] = [];
      const stop = startRetentionSchedule(workspace, (m) => logged.push(m));
      await stop();
      expect(await commentRows(workspace)).toBe(0);
      expect(logged).toEqual(['participation retention: deleted 1 comments of 1 sessions']);
    });

    it('purges once when two servers run it at the same moment', async () => {
      const { workspace, clock, secondServer } = await createWorkspace();
      const other = await secondServer();
      const session = await openSession(workspace, 1, 1);
      await insertComment(workspace, session.id, createCommentInput(), 'hash');
      await insertComment(workspace, session.id, createCommentInput('Tweede reactie'), 'hash');
      clock.now = new Date(clock.now.getTime() + 3 * DAY_MS);
      const results = await Promise.all([purgeExpired(workspace, workspace.now()), purgeExpired(other, other.now())]);
      expect(results.map((r) => r.comments).sort()).toEqual([0, 2]);
      expect(results.map((r) => r.sessions).sort()).toEqual([0, 1]);
      expect(await purgeEntries(workspace)).toHaveLength(1);
      expect((await workspace.audit.verify(workspace.db)).ok).toBe(true);
    });

    it('audit-logs the purge with counts, and no comment text', async () => {
      const { workspace, clock } = await createWorkspace();
      const session = await openSession(workspace, 1, 1);
      await insertComment(workspace, session.id, createCommentInput(), 'hash');
      clock.now = new Date(clock.now.getTime() + 3 * DAY_MS);
      await purgeExpired(workspace, workspace.now());
      const [entry] = await workspace.audit.list(workspace.db, { limit: 1 });
      expect(entry.action).toBe('participation.retention.purge');
      expect(entry.details).toMatchObject({ sessions: 1, comments: 1 });
      expect((await workspace.audit.verify(workspace.db)).ok).toBe(true);
      expect(JSON.stringify(await workspace.audit.list(workspace.db, { limit: 100 }))).not.toContain('bankje');
    });

    // The embedded file's own guarantee; PostgreSQL leaves dead rows to vacuum (retention.ts).
    it.runIf(backend === 'sqlite')('leaves no deleted text in the database file pages (secure_delete)', async () => {
      const { workspace, clock } = await createWorkspace();
      const connection = (workspace.db as SqliteSqlDb).connection;
      expect(connection.pragma('secure_delete', { simple: true })).toBe(1);
      const session = await openSession(workspace, 1, 1);
      await insertComment(workspace, session.id, createCommentInput(), 'hash');
      clock.now = new Date(clock.now.getTime() + 3 * DAY_MS);
      await purgeExpired(workspace, workspace.now());
      expect(connection.serialize().includes(Buffer.from('buurvrouw Els'))).toBe(false);
    });
  });

  describe('moderation', () => {
    it('audits approve and hide without the text or the answer', async () => {
      const { workspace } = await createWorkspace();
      const session = await openSession(workspace, 7);
      const comment = await insertComment(workspace, session.id, createCommentInput(), 'hash');
      const approved = await moderateComment(workspace, comment.id, { action: 'approve', answer: 'Dank, we nemen het mee' }, PLANNER);
      expect(approved).toMatchObject({ status: 'approved', answer: 'Dank, we nemen het mee', text: SECRET_TEXT });
      const hidden = await moderateComment(workspace, comment.id, { action: 'hide' }, PLANNER);
      expect(hidden).toMatchObject({ status: 'hidden', answer: 'Dank, we nemen het mee' });
      const entries = await workspace.audit.list(workspace.db, { limit: 10 });
      expect(entries.map((e) => e.action)).toEqual(['participation.comment.hide', 'participation.comment.approve', 'participation.session.create']);
      expect(entries[1]).toMatchObject({ actorRole: 'planner', actorId: PLANNER.userId, target: `participation-comment:${comment.id}` });
      const log = JSON.stringify(entries);
      expect(log).not.toContain('bankje');
      expect(log).not.toContain('nemen het mee');
    });

    it('refuses comments on a closed session', async () => {
      const { workspace } = await createWorkspace();
      const session = await openSession(workspace, 7);
      await closeSession(workspace, session.id, PLANNER);
      await expect(insertComment(workspace, session.id, createCommentInput(), 'hash')).rejects.toThrow(/closed/);
      expect(await commentRows(workspace)).toBe(0);
    });
  });
});
