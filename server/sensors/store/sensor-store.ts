// The sensor database: a SQLite file of its own (`<dataDir>/sensors.sqlite`), so that a stream of Observations
// never competes with the twin store's writer or bloats its WAL. WAL + synchronous=FULL: an acknowledged write
// survives a power loss (RELIABILITY.md, durability); bulk loads are single transactions, so they are atomic.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { assertSoundDatabase, withWritableCheck } from '../../store/sqlite/open-checks.ts';
import { type PolygonLonLat, pointInPolygon } from './polygon-wgs84.ts';
import { migrateSensorSchema } from './migrate-schema.ts';
import { SENSOR_SCHEMA_SQL, SENSOR_SCHEMA_VERSION } from './schema.ts';

const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
/** Parsed polygons kept per store for the SQL point-in-polygon function; a filter reuses one polygon per row. */
const POLYGON_CACHE_SIZE = 32;

export interface SensorStoreOptions {
  readonly?: boolean;
}

export interface SensorStore {
  /** The connection; the SensorThings modules build their (parameter-bound) SQL against the schema in schema.ts. */
  readonly db: Database.Database;
  readonly file: string;
  /** Runs fn in one transaction: all of it is written or none of it. */
  transaction<T>(fn: () => T): T;
  health(): { store: 'sensors-sqlite'; walBytes: number; observations: number };
  /** Copies the WAL into the database and truncates it; call when idle (e.g. on a timer) to keep the WAL small. */
  checkpoint(): void;
  close(): void;
}

export function openSensorStore(file: string, options: SensorStoreOptions = {}): SensorStore {
  const readonly = options.readonly ?? false;
  if (!readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly, fileMustExist: readonly });
  assertSoundDatabase(db, file);
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    withWritableCheck(db, file, () => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
      migrateSensorSchema(db);
      db.pragma('foreign_keys = ON');
      db.exec(SENSOR_SCHEMA_SQL);
      db.prepare('INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)').run('schemaVersion', String(SENSOR_SCHEMA_VERSION));
    });
  }
  registerGeoFunctions(db);
  const countObservations = db.prepare('SELECT max(id) AS n FROM observations');
  return {
    db,
    file,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    health() {
      let walBytes = 0;
      try {
        walBytes = fs.statSync(`${file}-wal`).size;
      } catch {
        walBytes = 0;
      }
      // max(id) instead of count(*): constant time on millions of rows, exact while nothing was deleted.
      const n = (countObservations.get() as { n: number | null }).n ?? 0;
      return { store: 'sensors-sqlite', walBytes, observations: n };
    },
    checkpoint() {
      if (db.open && !db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close() {
      if (!db.open) return;
      if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

/** `sta_in_polygon(lon, lat, polygonJson)`: 1 when the point lies inside the polygon (array of rings of [lon, lat]). */
function registerGeoFunctions(db: Database.Database): void {
  const cache = new Map<string, PolygonLonLat>();
  db.function('sta_in_polygon', { deterministic: true }, (lon: unknown, lat: unknown, polygonJson: unknown) => {
    if (typeof lon !== 'number' || typeof lat !== 'number' || typeof polygonJson !== 'string') return 0;
    let polygon = cache.get(polygonJson);
    if (!polygon) {
      polygon = JSON.parse(polygonJson) as PolygonLonLat;
      if (cache.size >= POLYGON_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(polygonJson, polygon);
    }
    return pointInPolygon(lon, lat, polygon) ? 1 : 0;
  });
}
