// Participation sessions: create on a published scenario, read, list and close. Every change is audit-logged in the
// same transaction. Closing early also brings the retention date forward (storage limitation).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ParticipationSession, participationSessionInputSchema } from '../contracts/workspace.ts';
import { Conflict, InvalidParameter, NotFound } from '../errors.ts';
import type { Actor } from '../workspace/roles.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { SqlRunner } from '../workspace/sql/sql-db.ts';
import { scenarioPublication } from './scenario-publication.ts';

export type SessionInput = z.output<typeof participationSessionInputSchema>;

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

interface SessionRow {
  id: string;
  title: string;
  introduction: string;
  scenario_id: string;
  closes_at: string;
  retention_until: string;
}

export function sessionUrl(id: string): string {
  return `/?mode=participation&session=${encodeURIComponent(id)}`;
}

function fromRow(r: SessionRow, now: Date): ParticipationSession {
  return {
    id: r.id,
    title: r.title,
    introduction: r.introduction,
    scenarioId: r.scenario_id,
    closesAt: r.closes_at,
    status: Date.parse(r.closes_at) > now.getTime() ? 'open' : 'closed',
    retentionUntil: r.retention_until,
    url: sessionUrl(r.id),
  };
}

/** Stores a new open session without looking at the scenario; createSession is the checked way in. */
export async function insertSession(workspace: Workspace, input: SessionInput, actor: Actor, retentionDays = DEFAULT_RETENTION_DAYS): Promise<ParticipationSession> {
  const now = workspace.now();
  const closesAtMs = Date.parse(input.closesAt);
  if (!(closesAtMs > now.getTime())) throw new InvalidParameter('closesAt must lie in the future', { errors: [{ in: 'body', field: 'closesAt', message: 'must lie in the future' }] });
  const id = randomUUID();
  const closesAt = new Date(closesAtMs).toISOString();
  const retentionUntil = new Date(closesAtMs + retentionDays * DAY_MS).toISOString();
  return workspace.db.transaction(async (tx) => {
    await tx.run('INSERT INTO participation_sessions (id, title, introduction, scenario_id, closes_at, retention_until, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      id,
      input.title,
      input.introduction,
      input.scenarioId,
      closesAt,
      retentionUntil,
      actor.userId ?? null,
      now.toISOString(),
    ]);
    await workspace.audit.append(tx, { actor, action: 'participation.session.create', target: `participation-session:${id}`, details: { scenarioId: input.scenarioId, closesAt, retentionUntil } });
    return getSessionOrThrow(tx, id, now);
  });
}

/** Creates a session on a published scenario: 404 for an unknown scenario, 409 for a draft. */
export async function createSession(workspace: Workspace, input: SessionInput, actor: Actor, retentionDays = DEFAULT_RETENTION_DAYS): Promise<ParticipationSession> {
  const publication = await scenarioPublication(workspace.db, input.scenarioId);
  if (publication === 'missing') throw new NotFound(`No scenario ${input.scenarioId}`);
  if (publication === 'draft') throw new Conflict('Participation needs a published scenario; publish it first');
  return insertSession(workspace, input, actor, retentionDays);
}

export async function getSession(db: SqlRunner, id: string, now: Date): Promise<ParticipationSession | undefined> {
  const row = await db.get<SessionRow>('SELECT * FROM participation_sessions WHERE id = ?', [id]);
  return row ? fromRow(row, now) : undefined;
}

export async function getSessionOrThrow(db: SqlRunner, id: string, now: Date): Promise<ParticipationSession> {
  const session = await getSession(db, id, now);
  if (!session) throw new NotFound(`No participation session ${id}`);
  return session;
}

/** Newest first. */
export async function listSessions(db: SqlRunner, now: Date): Promise<ParticipationSession[]> {
  return (await db.all<SessionRow>('SELECT * FROM participation_sessions ORDER BY created_at DESC, id')).map((r) => fromRow(r, now));
}

/** Closes an open session now; its retention period starts now. 409 when it is already closed. */
export async function closeSession(workspace: Workspace, id: string, actor: Actor, retentionDays = DEFAULT_RETENTION_DAYS): Promise<ParticipationSession> {
  const now = workspace.now();
  return workspace.db.transaction(async (tx) => {
    const session = await getSessionOrThrow(tx, id, now);
    if (session.status === 'closed') throw new Conflict('The session is already closed');
    const closesAt = now.toISOString();
    const retentionUntil = new Date(now.getTime() + retentionDays * DAY_MS).toISOString();
    // Only while still open: a second planner closing at the same moment on another server gets the 409, not a second close.
    const { changes } = await tx.run('UPDATE participation_sessions SET closes_at = ?, retention_until = ? WHERE id = ? AND closes_at > ?', [closesAt, retentionUntil, id, closesAt]);
    if (changes === 0) throw new Conflict('The session is already closed');
    await workspace.audit.append(tx, { actor, action: 'participation.session.close', target: `participation-session:${id}`, details: { closesAt, retentionUntil } });
    return getSessionOrThrow(tx, id, now);
  });
}
