// Tables of the participation module in the workspace database. Comments keep no name, e-mail or address: only the
// text, the pin and a keyed hash of the participant token (for rate limits and moderation), all hard-deleted at
// retention time (RELIABILITY.md, AVG rules).
import type { WorkspaceDb } from '../workspace/workspace-db.ts';

export function ensureParticipationTables(db: WorkspaceDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS participation_sessions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    introduction TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    retention_until TEXT NOT NULL,
    created_by TEXT,
    created_at TEXT NOT NULL,
    purged_at TEXT
  );
  CREATE TABLE IF NOT EXISTS participation_comments (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES participation_sessions(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    lon_deg REAL NOT NULL,
    lat_deg REAL NOT NULL,
    height_m REAL NOT NULL,
    building_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'hidden')),
    answer TEXT,
    -- NULL once the session has been closed for HASH_KEEP_DAYS (retention.ts): then nobody needs it any more.
    participant_hash TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS participation_comments_by_session ON participation_comments (session_id, status, created_at);
  CREATE TABLE IF NOT EXISTS participation_secret (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hmac_key BLOB NOT NULL
  );`);
}
