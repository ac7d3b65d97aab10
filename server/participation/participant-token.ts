// The anonymous participant: a random 128-bit token in an HttpOnly cookie, stored server-side only as
// HMAC(secret, sessionId:token), so a participant's comments in one session can be grouped for rate limiting and
// moderation but not linked across sessions or to a person. The HMAC key lives in the workspace database.
import { createHmac, randomBytes } from 'node:crypto';
import type { WorkspaceDb } from '../workspace/workspace-db.ts';

export const PARTICIPANT_COOKIE = 'tweeling_participant';
const TOKEN = /^[0-9a-f]{32}$/;
/** The cookie outlives a typical consultation; the server never stores the token itself. */
const COOKIE_MAX_AGE_S = 90 * 24 * 3600;

export function newParticipantToken(): string {
  return randomBytes(16).toString('hex');
}

/** The participant token from a Cookie header, or undefined when absent or not one of ours. */
export function participantTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== PARTICIPANT_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return TOKEN.test(value) ? value : undefined;
  }
  return undefined;
}

export function participantCookie(token: string, secure: boolean): string {
  return `${PARTICIPANT_COOKIE}=${token}; Path=/api/participation; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Keyed hashes of participant tokens with the workspace's secret (created on first use). */
export class ParticipantHasher {
  private readonly key: Buffer;

  constructor(db: WorkspaceDb) {
    db.prepare('INSERT OR IGNORE INTO participation_secret (id, hmac_key) VALUES (1, ?)').run(randomBytes(32));
    this.key = (db.prepare('SELECT hmac_key FROM participation_secret WHERE id = 1').get() as { hmac_key: Buffer }).hmac_key;
  }

  hash(sessionId: string, token: string): string {
    return createHmac('sha256', this.key).update(`${sessionId}:${token}`).digest('base64url');
  }
}
