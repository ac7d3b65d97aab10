// The workspace tables in both dialects, in one place. SQLite keeps the shapes earlier versions created (so an
// existing workspace.sqlite opens unchanged) and adds new tables with IF NOT EXISTS; PostgreSQL gets the same
// tables as numbered migrations, applied under an advisory lock because several servers may start at once.
// PostgreSQL text columns use COLLATE "C" so ORDER BY gives SQLite's byte order; REAL becomes double precision
// (PostgreSQL's real is 32-bit); flags stay integers 0/1 so the SQL is the same on both.
import type pg from 'pg';
import { type Migration, applyMigrations } from '../../store/postgis/pg-transaction.ts';
import type Database from 'better-sqlite3';

export const SQLITE_WORKSPACE_SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'council')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS login_failures (
  key_hash TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS scenarios (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE TABLE IF NOT EXISTS scenario_versions (
  scenario_id TEXT NOT NULL REFERENCES scenarios(id),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  inputs TEXT NOT NULL,
  indicators TEXT,
  author TEXT NOT NULL,
  time TEXT NOT NULL,
  change_note TEXT NOT NULL,
  changed TEXT NOT NULL,
  PRIMARY KEY (scenario_id, version)
);
CREATE TABLE IF NOT EXISTS briefings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  steps TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participation_sessions (
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
  participant_hash TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS participation_comments_by_session ON participation_comments (session_id, status, created_at);
CREATE TABLE IF NOT EXISTS participation_secret (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hmac_key BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS rate_limit_keys (
  period TEXT PRIMARY KEY,
  hmac_key BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS rate_limit_hits (
  bucket TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limit_hits_by_bucket ON rate_limit_hits (bucket, at_ms);
`;

/** Numbered PostgreSQL migrations; append, never edit a released one. */
export const POSTGRES_WORKSPACE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace tables',
    sql: `
CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY,
  username text COLLATE "C" NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'planner', 'council')),
  password_hash text NOT NULL,
  disabled integer NOT NULL DEFAULT 0,
  created_at text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX users_username_nocase ON users (lower(username));
CREATE TABLE sessions (
  id_hash text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL REFERENCES users(id),
  csrf_token text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE login_failures (
  key_hash text COLLATE "C" PRIMARY KEY,
  failures integer NOT NULL,
  window_start_ms bigint NOT NULL
);
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  time text COLLATE "C" NOT NULL,
  actor_role text NOT NULL,
  actor_id text,
  action text NOT NULL,
  target text NOT NULL,
  details text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TABLE scenarios (
  id text COLLATE "C" PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  version integer NOT NULL,
  created_by text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_by text NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  deleted_at text COLLATE "C"
);
CREATE TABLE scenario_versions (
  scenario_id text COLLATE "C" NOT NULL REFERENCES scenarios(id),
  version integer NOT NULL,
  name text NOT NULL,
  description text NOT NULL,
  inputs text NOT NULL,
  indicators text,
  author text NOT NULL,
  time text COLLATE "C" NOT NULL,
  change_note text NOT NULL,
  changed text NOT NULL,
  PRIMARY KEY (scenario_id, version)
);
CREATE TABLE briefings (
  id text COLLATE "C" PRIMARY KEY,
  title text NOT NULL,
  summary text NOT NULL,
  steps text NOT NULL,
  created_by text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE TABLE participation_sessions (
  id text COLLATE "C" PRIMARY KEY,
  title text NOT NULL,
  introduction text NOT NULL,
  scenario_id text COLLATE "C" NOT NULL,
  closes_at text COLLATE "C" NOT NULL,
  retention_until text COLLATE "C" NOT NULL,
  created_by text,
  created_at text COLLATE "C" NOT NULL,
  purged_at text COLLATE "C"
);
CREATE TABLE participation_comments (
  id text COLLATE "C" PRIMARY KEY,
  session_id text COLLATE "C" NOT NULL REFERENCES participation_sessions(id) ON DELETE CASCADE,
  category text NOT NULL,
  text text NOT NULL,
  lon_deg double precision NOT NULL,
  lat_deg double precision NOT NULL,
  height_m double precision NOT NULL,
  building_id text,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'hidden')),
  answer text,
  participant_hash text COLLATE "C",
  created_at text COLLATE "C" NOT NULL
);
CREATE INDEX participation_comments_by_session ON participation_comments (session_id, status, created_at);
CREATE TABLE participation_secret (
  id integer PRIMARY KEY CHECK (id = 1),
  hmac_key bytea NOT NULL
);
CREATE TABLE rate_limit_keys (
  period text COLLATE "C" PRIMARY KEY,
  hmac_key bytea NOT NULL
);
CREATE TABLE rate_limit_hits (
  bucket text COLLATE "C" NOT NULL,
  at_ms bigint NOT NULL
);
CREATE INDEX rate_limit_hits_by_bucket ON rate_limit_hits (bucket, at_ms);
`,
  },
];

export function applySqliteWorkspaceSchema(db: Database.Database): void {
  db.exec(SQLITE_WORKSPACE_SCHEMA);
}

/** Applies the missing PostgreSQL migrations (several servers may start at once: see applyMigrations). */
export function migratePostgresWorkspace(pool: pg.Pool): Promise<void> {
  return applyMigrations(pool, 'workspace_migrations', 'tweeling.workspace.migrations', POSTGRES_WORKSPACE_MIGRATIONS);
}
