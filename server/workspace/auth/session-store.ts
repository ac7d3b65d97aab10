// Server-side sessions: a random 256-bit id in the cookie, only its hash in the database (a copy of the database does
// not let anyone take over a session), a CSRF token per session and a fixed lifetime. The sessions live in the
// workspace database, so every server behind a load balancer knows them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RoleName } from '../../contracts/workspace.ts';
import type { SqlRunner } from '../sql/sql-db.ts';

export const SESSION_COOKIE = 'tweeling_session';
/** A working day and a bit: council members sign in for a meeting, planners for a day's work. */
export const SESSION_LIFETIME_S = 12 * 3600;

export interface SessionRecord {
  userId: string;
  username: string;
  role: Exclude<RoleName, 'citizen'>;
  csrfToken: string;
  expiresAt: string;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Creates a session for the account; run it in the transaction that audit-logs the sign-in. */
export async function createSession(tx: SqlRunner, userId: string, now: Date): Promise<{ id: string; csrfToken: string; expiresAt: Date }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_S * 1000);
  // Expired sessions are removed as new ones are made: the table stays small without a timer.
  await tx.run('DELETE FROM sessions WHERE expires_at <= ?', [now.toISOString()]);
  await tx.run('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
    hashId(id),
    userId,
    csrfToken,
    now.toISOString(),
    expiresAt.toISOString(),
  ]);
  return { id, csrfToken, expiresAt };
}

/** The live session for a cookie value: not expired, account not disabled. */
export async function findSession(db: SqlRunner, id: string, now: Date): Promise<SessionRecord | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const row = await db.get<{ user_id: string; csrf_token: string; expires_at: string; username: string; role: SessionRecord['role'] }>(
    `SELECT s.user_id, s.csrf_token, s.expires_at, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
    [hashId(id), now.toISOString()],
  );
  return row && { userId: row.user_id, username: row.username, role: row.role, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function deleteSession(db: SqlRunner, id: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id_hash = ?', [hashId(id)]);
}

/** Constant-time comparison of a sent CSRF token with the session's. */
export function csrfTokenMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of one cookie from a Cookie header (no cookie-parser dependency for one cookie). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
