import { describe, expect, it } from 'vitest';
import type { CommentInput } from '../../server/contracts/workspace.ts';
import { insertComment, listComments, moderateComment } from '../../server/participation/comment-store.ts';
import { ParticipantHasher } from '../../server/participation/participant-token.ts';
import { ensureParticipationTables } from '../../server/participation/participation-tables.ts';
import { purgeExpired, startRetentionSchedule } from '../../server/participation/retention.ts';
import { closeSession, getSession, insertSession } from '../../server/participation/session-store.ts';
import type { Actor } from '../../server/workspace/roles.ts';
import { type Workspace, openWorkspace } from '../../server/workspace/workspace.ts';

const PLANNER: Actor = { role: 'planner', userId: '2c0d5b8e-7f3a-4f1e-9d6c-5a4b3c2d1e0f', username: 'planner' };
const DAY_MS = 86_400_000;
const SECRET_TEXT = 'Zet hier een bankje, groet van buurvrouw Els';

/** A workspace whose clock the test moves. */
function createWorkspace(start = new Date('2026-11-30T12:00:00Z')) {
  const clock = { now: start };
  const workspace = openWorkspace(':memory:', () => clock.now);
  ensureParticipationTables(workspace.db);
  return { workspace, clock };
}

function createCommentInput(text = SECRET_TEXT): CommentInput {
  return { category: 'idea', text, position: { lonDeg: 5.12, latDeg: 52.09, heightM: 3 } };
}

function openSession(workspace: Workspace, closesInDays: number, retentionDays = 90) {
  const closesAt = new Date(workspace.now().getTime() + closesInDays * DAY_MS).toISOString();
  return insertSession(workspace, { title: 'Park', introduction: '', scenarioId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', closesAt }, PLANNER, retentionDays);
}

function commentRows(workspace: Workspace): number {
  return (workspace.db.prepare('SELECT count(*) AS n FROM participation_comments').get() as { n: number }).n;
}

describe('sessions', () => {
  it('sets retentionUntil to closesAt plus the retention period, and the citizen URL', () => {
    const { workspace } = createWorkspace();
    const session = openSession(workspace, 14, 30);
    expect(session.status).toBe('open');
    expect(Date.parse(session.retentionUntil) - Date.parse(session.closesAt)).toBe(30 * DAY_MS);
    expect(session.url).toBe(`/?mode=participation&session=${session.id}`);
  });

  it('is closed once closesAt has passed', () => {
    const { workspace, clock } = createWorkspace();
    const session = openSession(workspace, 1);
    clock.now = new Date(clock.now.getTime() + 2 * DAY_MS);
    expect(getSession(workspace.db, session.id, workspace.now())?.status).toBe('closed');
  });

  it('closing early brings the retention date forward', () => {
    const { workspace } = createWorkspace();
    const session = openSession(workspace, 30, 90);
    const closed = closeSession(workspace, session.id, PLANNER, 90);
    expect(closed.status).toBe('closed');
    expect(Date.parse(closed.retentionUntil)).toBe(workspace.now().getTime() + 90 * DAY_MS);
    expect(() => closeSession(workspace, session.id, PLANNER)).toThrow(/already closed/);
  });
});

describe('purgeExpired', () => {
  it('hard-deletes the comments and participant hashes of sessions past retention, and only those', () => {
    const { workspace, clock } = createWorkspace();
    const hasher = new ParticipantHasher(workspace.db);
    const expiring = openSession(workspace, 1, 10);
    const keeping = openSession(workspace, 60, 90);
    for (const s of [expiring, keeping]) {
      insertComment(workspace, s.id, createCommentInput(), hasher.hash(s.id, 'a'.repeat(32)));
      insertComment(workspace, s.id, createCommentInput('Tweede reactie'), hasher.hash(s.id, 'b'.repeat(32)));
    }
    clock.now = new Date(clock.now.getTime() + 5 * DAY_MS);
    expect(purgeExpired(workspace, workspace.now())).toEqual({ sessions: 0, comments: 0, participantHashes: 0 });

    clock.now = new Date(clock.now.getTime() + 7 * DAY_MS);
    expect(purgeExpired(workspace, workspace.now())).toEqual({ sessions: 1, comments: 2, participantHashes: 0 });
    expect(listComments(workspace.db, expiring.id, ['pending', 'approved', 'hidden'], 100)).toEqual([]);
    expect(listComments(workspace.db, keeping.id, ['pending'], 100)).toHaveLength(2);
    const hashes = workspace.db.prepare('SELECT participant_hash FROM participation_comments WHERE session_id = ?').all(expiring.id);
    expect(hashes).toEqual([]);
    expect(commentRows(workspace)).toBe(2);
    // A second run finds nothing new and writes no audit entry.
    expect(purgeExpired(workspace, workspace.now())).toEqual({ sessions: 0, comments: 0, participantHashes: 0 });
    expect(workspace.audit.list({ limit: 100 }).filter((e) => e.action === 'participation.retention.purge')).toHaveLength(1);
  });

  it('removes participant hashes 30 days after closing but keeps the comments until retention', () => {
    const { workspace, clock } = createWorkspace();
    const session = openSession(workspace, 1, 90);
    insertComment(workspace, session.id, createCommentInput(), 'hash-of-token');
    clock.now = new Date(clock.now.getTime() + 30 * DAY_MS);
    expect(purgeExpired(workspace, workspace.now()).participantHashes).toBe(0);
    clock.now = new Date(clock.now.getTime() + 2 * DAY_MS);
    expect(purgeExpired(workspace, workspace.now())).toEqual({ sessions: 0, comments: 0, participantHashes: 1 });
    expect(workspace.db.prepare('SELECT participant_hash FROM participation_comments').all()).toEqual([{ participant_hash: null }]);
  });

  it('runs at once when the schedule starts', () => {
    const { workspace, clock } = createWorkspace();
    const session = openSession(workspace, 1, 1);
    insertComment(workspace, session.id, createCommentInput(), 'hash');
    clock.now = new Date(clock.now.getTime() + 3 * DAY_MS);
    const logged: string[] = [];
    const stop = startRetentionSchedule(workspace, (m) => logged.push(m));
    stop();
    expect(commentRows(workspace)).toBe(0);
    expect(logged).toEqual(['participation retention: deleted 1 comments of 1 sessions']);
  });

  it('audit-logs the purge with counts, and no comment text', () => {
    const { workspace, clock } = createWorkspace();
    const session = openSession(workspace, 1, 1);
    insertComment(workspace, session.id, createCommentInput(), 'hash');
    clock.now = new Date(clock.now.getTime() + 3 * DAY_MS);
    purgeExpired(workspace, workspace.now());
    const [entry] = workspace.audit.list({ limit: 1 });
    expect(entry.action).toBe('participation.retention.purge');
    expect(entry.details).toMatchObject({ sessions: 1, comments: 1 });
    expect(workspace.audit.verify().ok).toBe(true);
    expect(JSON.stringify(workspace.audit.list({ limit: 100 }))).not.toContain('bankje');
  });

  it('leaves no deleted text in the database file pages (secure_delete)', () => {
    const { workspace, clock } = createWorkspace();
    expect(workspace.db.pragma('secure_delete', { simple: true })).toBe(1);
    const session = openSession(workspace, 1, 1);
    insertComment(workspace, session.id, createCommentInput(), 'hash');
    clock.now = new Date(clock.now.getTime() + 3 * DAY_MS);
    purgeExpired(workspace, workspace.now());
    expect(workspace.db.serialize().includes(Buffer.from('buurvrouw Els'))).toBe(false);
  });
});

describe('moderation', () => {
  it('audits approve and hide without the text or the answer', () => {
    const { workspace } = createWorkspace();
    const session = openSession(workspace, 7);
    const comment = insertComment(workspace, session.id, createCommentInput(), 'hash');
    const approved = moderateComment(workspace, comment.id, { action: 'approve', answer: 'Dank, we nemen het mee' }, PLANNER);
    expect(approved).toMatchObject({ status: 'approved', answer: 'Dank, we nemen het mee', text: SECRET_TEXT });
    const hidden = moderateComment(workspace, comment.id, { action: 'hide' }, PLANNER);
    expect(hidden).toMatchObject({ status: 'hidden', answer: 'Dank, we nemen het mee' });
    const entries = workspace.audit.list({ limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['participation.comment.hide', 'participation.comment.approve', 'participation.session.create']);
    expect(entries[1]).toMatchObject({ actorRole: 'planner', actorId: PLANNER.userId, target: `participation-comment:${comment.id}` });
    const log = JSON.stringify(entries);
    expect(log).not.toContain('bankje');
    expect(log).not.toContain('nemen het mee');
  });

  it('refuses comments on a closed session', () => {
    const { workspace } = createWorkspace();
    const session = openSession(workspace, 7);
    closeSession(workspace, session.id, PLANNER);
    expect(() => insertComment(workspace, session.id, createCommentInput(), 'hash')).toThrow(/closed/);
    expect(commentRows(workspace)).toBe(0);
  });
});
