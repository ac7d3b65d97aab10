// The anonymous participant: a random 128-bit token in an HttpOnly cookie, stored server-side only as
// HMAC(secret, sessionId:token), so a participant's comments in one session can be grouped for rate limiting and
// moderation but not linked across sessions or to a person. The HMAC key lives in the workspace database.
import { createHmac, randomBytes } from 'node:crypto';
import type { SqlRunner } from '../workspace/sql/sql-db.ts';

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

/**
 * Keyed hashes of participant tokens with the workspace's secret, read on first use. The first server to need it
 * creates it; servers starting together all insert-if-absent and then read the one row that won, so every server
 * hashes with the same key.
 */
export class ParticipantHasher {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly db: SqlRunner) {}

  async hash(sessionId: string, token: string): Promise<string> {
    const key = await (this.key ??= this.loadKey());
    return createHmac('sha256', key).update(`${sessionId}:${token}`).digest('base64url');
  }

  private async loadKey(): Promise<Buffer> {
    try {
      await this.db.run('INSERT INTO participation_secret (id, hmac_key) VALUES (1, ?) ON CONFLICT DO NOTHING', [randomBytes(32)]);
      const row = await this.db.get<{ hmac_key: Buffer }>('SELECT hmac_key FROM participation_secret WHERE id = 1');
      if (!row) throw new Error('participation_secret has no key after inserting one');
      return row.hmac_key;
    } catch (e) {
      // A database hiccup must not leave a rejected key behind for good: the next comment tries again.
      this.key = undefined;
      throw e;
    }
  }
}
