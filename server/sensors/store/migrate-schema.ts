// Upgrades a sensor database written by an older Tweeling in place, before the current schema is applied. Each
// step runs in one transaction with its version bump, so a crash mid-way leaves the old version intact.
import type Database from 'better-sqlite3';
import { observationsTableSql, SENSOR_SCHEMA_SQL, SENSOR_SCHEMA_VERSION } from './schema.ts';

const OBSERVATION_COLUMNS_V1 =
  'id, datastream_id, feature_of_interest_id, phenomenon_time, phenomenon_time_end, result_time, result, result_json, result_quality, valid_time_start, valid_time_end, parameters';

/** The schema version stored in the file; undefined for a new (empty) file. */
export function storedSchemaVersion(db: Database.Database): number | undefined {
  const meta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!meta) return undefined;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: string } | undefined;
  // Files from before the version row existed hold the version-1 tables.
  return row ? Number(row.value) : 1;
}

/** Brings an existing file up to SENSOR_SCHEMA_VERSION; returns the version it found (undefined: new file). */
export function migrateSensorSchema(db: Database.Database): number | undefined {
  const found = storedSchemaVersion(db);
  if (found === undefined || found === SENSOR_SCHEMA_VERSION) return found;
  if (!Number.isInteger(found) || found > SENSOR_SCHEMA_VERSION) {
    throw new Error(`sensor database has schema version ${found}; this Tweeling knows up to ${SENSOR_SCHEMA_VERSION} — upgrade Tweeling rather than downgrade the data`);
  }
  if (found < 2) toVersion2(db);
  return found;
}

/**
 * Version 2 (MultiDatastream extension): SQLite cannot drop NOT NULL from observations.datastream_id, so the table
 * is rebuilt (the documented 12-step ALTER procedure: foreign keys off, copy, drop, rename, check, foreign keys on).
 * Ids are kept, so every selfLink handed out before the upgrade still resolves.
 */
function toVersion2(db: Database.Database): void {
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(observationsTableSql('observations_v2'));
      db.exec(`INSERT INTO observations_v2(${OBSERVATION_COLUMNS_V1}) SELECT ${OBSERVATION_COLUMNS_V1} FROM observations`);
      db.exec('DROP TABLE observations');
      db.exec('ALTER TABLE observations_v2 RENAME TO observations');
      db.exec(SENSOR_SCHEMA_SQL);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`sensor database migration to version 2 found ${broken.length} dangling references; nothing was changed`);
      db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schemaVersion', '2')").run();
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
