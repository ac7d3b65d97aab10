// Comments of a participation session: placed by anonymous citizens (pending), moderated by planners (approved or
// hidden, with an optional public answer). Citizens can never edit a comment. Only the public view leaves the
// server for non-planners: approved comments, day-rounded times, no participant hash.
import { randomUUID } from 'node:crypto';
import type { Comment, CommentInput } from '../contracts/workspace.ts';
import { Conflict, NotFound } from '../errors.ts';
import type { Actor } from '../workspace/roles.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { SqlRunner, SqlTransaction } from '../workspace/sql/sql-db.ts';
import { getSessionOrThrow } from './session-store.ts';

export type CommentStatus = Comment['status'];
export type ModerationAction = 'approve' | 'hide';

interface CommentRow {
  id: string;
  session_id: string;
  category: Comment['category'];
  text: string;
  lon_deg: number;
  lat_deg: number;
  height_m: number;
  building_id: string | null;
  status: CommentStatus;
  answer: string | null;
  created_at: string;
}

function fromRow(r: CommentRow): Comment {
  return {
    id: r.id,
    sessionId: r.session_id,
    category: r.category,
    text: r.text,
    position: { lonDeg: r.lon_deg, latDeg: r.lat_deg, heightM: r.height_m },
    ...(r.building_id !== null ? { buildingId: r.building_id } : {}),
    status: r.status,
    createdAt: r.created_at,
    answer: r.answer,
  };
}

/** What anyone may see of a comment: the time only to the day (less to correlate with who was where, when). */
export function publicView(comment: Comment): Comment {
  return { ...comment, createdAt: comment.createdAt.slice(0, 10) };
}

/**
 * Stores a pending comment; 404 for an unknown session, 409 when it is closed. `admit` runs first in the same
 * transaction (the rate limit: it decides and records its hit there, so a comment and its hit are stored together or
 * not at all) and refuses by throwing.
 */
export async function insertComment(
  workspace: Workspace,
  sessionId: string,
  input: CommentInput,
  participantHash: string,
  admit: (tx: SqlTransaction) => Promise<void> = async () => undefined,
): Promise<Comment> {
  const now = workspace.now();
  const id = randomUUID();
  return workspace.db.transaction(async (tx) => {
    await admit(tx);
    const session = await getSessionOrThrow(tx, sessionId, now);
    if (session.status !== 'open') throw new Conflict('This participation session is closed; comments are no longer accepted');
    const row = await tx.get<CommentRow>(
      `INSERT INTO participation_comments (id, session_id, category, text, lon_deg, lat_deg, height_m, building_id, status, answer, participant_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL, ?, ?) RETURNING *`,
      [id, sessionId, input.category, input.text, input.position.lonDeg, input.position.latDeg, input.position.heightM, input.buildingId ?? null, participantHash, now.toISOString()],
    );
    return fromRow(row!);
  });
}

export async function getComment(db: SqlRunner, id: string): Promise<Comment | undefined> {
  const row = await db.get<CommentRow>('SELECT * FROM participation_comments WHERE id = ?', [id]);
  return row ? fromRow(row) : undefined;
}

/** Comments of a session with one of the statuses, oldest first, at most `limit`. */
export async function listComments(db: SqlRunner, sessionId: string, statuses: readonly CommentStatus[], limit: number): Promise<Comment[]> {
  const placeholders = statuses.map(() => '?').join(', ');
  const rows = await db.all<CommentRow>(`SELECT * FROM participation_comments WHERE session_id = ? AND status IN (${placeholders}) ORDER BY created_at, id LIMIT ?`, [
    sessionId,
    ...statuses,
    limit,
  ]);
  return rows.map(fromRow);
}

/**
 * Approves or hides a comment, optionally setting the public answer ('' removes it). Audit-logged without the text
 * or the answer (they may hold personal data a participant disclosed); only whether an answer was given.
 */
export async function moderateComment(workspace: Workspace, id: string, moderation: { action: ModerationAction; answer?: string }, actor: Actor): Promise<Comment> {
  return workspace.db.transaction(async (tx) => {
    // Moderators on two servers take turns, so each audit entry's `from` is the status the other one left.
    await tx.lock(`participation-comment:${id}`);
    const comment = await getComment(tx, id);
    if (!comment) throw new NotFound(`No comment ${id}`);
    const status: CommentStatus = moderation.action === 'approve' ? 'approved' : 'hidden';
    const answer = moderation.answer === undefined ? comment.answer : moderation.answer === '' ? null : moderation.answer;
    await tx.run('UPDATE participation_comments SET status = ?, answer = ? WHERE id = ?', [status, answer, id]);
    await workspace.audit.append(tx, {
      actor,
      action: `participation.comment.${moderation.action}`,
      target: `participation-comment:${id}`,
      details: { sessionId: comment.sessionId, from: comment.status, to: status, answered: answer !== null, answerChanged: answer !== comment.answer },
    });
    return (await getComment(tx, id)) as Comment;
  });
}
