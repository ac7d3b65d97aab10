// Upgrading a sensor database of schema version 1 (before the MultiDatastream extension) in place: the data and
// its ids survive, the new tables and the Datastream-or-MultiDatastream rule exist, and newer files are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSensorWriter } from '../../server/sensors/sta/write-entities.ts';
import { SENSOR_SCHEMA_VERSION } from '../../server/sensors/store/schema.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-sensors-migrate-'));
  dirs.push(dir);
  return path.join(dir, 'sensors.sqlite');
}

const thing = {
  name: 'T',
  description: 'd',
  Locations: [{ name: 'L', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5, 52] } }],
  Datastreams: [
    {
      name: 'pm25',
      description: 'x',
      unitOfMeasurement: { name: 'µg/m³', symbol: 'µg/m³', definition: 'u' },
      observationType: 'OM_Measurement',
      Sensor: { name: 's', description: 's', encodingType: 'application/pdf', metadata: 'm' },
      ObservedProperty: { name: 'pm25', definition: 'd', description: 'd' },
    },
  ],
};

/** The observations table exactly as schema version 1 created it. */
const OBSERVATIONS_V1 = `
CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  datastream_id INTEGER NOT NULL REFERENCES datastreams(id) ON DELETE CASCADE,
  feature_of_interest_id INTEGER REFERENCES features_of_interest(id) ON DELETE CASCADE,
  phenomenon_time INTEGER NOT NULL,
  phenomenon_time_end INTEGER,
  result_time INTEGER,
  result,
  result_json INTEGER NOT NULL DEFAULT 0,
  result_quality TEXT,
  valid_time_start INTEGER,
  valid_time_end INTEGER,
  parameters TEXT
);
CREATE INDEX observations_datastream_time ON observations(datastream_id, phenomenon_time);
CREATE INDEX observations_foi ON observations(feature_of_interest_id);`;

/** A version-1 file holding one Thing and Observations with ids 5, 6, 7 (gaps, so keeping ids is observable). */
function writeVersion1File(file: string): void {
  const store = openSensorStore(file);
  const writer = createSensorWriter(store.db);
  store.transaction(() => writer.createThing(thing));
  const foi = store.transaction(() => writer.derivedFeatureOfInterest(1, 'x'));
  const insert = store.db.prepare('INSERT INTO observations(id, datastream_id, feature_of_interest_id, phenomenon_time, result) VALUES (?, 1, ?, ?, ?)');
  for (const h of [1, 2, 3]) insert.run(4 + h, foi, h * 3_600_000, h * 1.5);
  store.close();
  // Strip what version 2 added, the way a version-1 Tweeling left the file.
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  db.exec(`
    DROP TRIGGER observed_property_deletes_multi_datastreams;
    DROP TABLE multi_datastream_observed_properties;
    DROP TABLE multi_datastreams;
    ALTER TABLE observations RENAME TO observations_new;
    DROP INDEX observations_datastream_time;
    DROP INDEX observations_multi_datastream_time;
    DROP INDEX observations_foi;
    ${OBSERVATIONS_V1}
    INSERT INTO observations SELECT id, datastream_id, feature_of_interest_id, phenomenon_time, phenomenon_time_end, result_time, result, result_json,
      result_quality, valid_time_start, valid_time_end, parameters FROM observations_new;
    DROP TABLE observations_new;
    UPDATE meta SET value = '1' WHERE key = 'schemaVersion';
  `);
  db.close();
}

describe('sensor schema migration', () => {
  it('upgrades a version-1 file to the current version, keeping every Observation and its id', () => {
    const file = tempFile();
    writeVersion1File(file);
    const before = new Database(file, { readonly: true });
    const notNull = (before.pragma('table_info(observations)') as { name: string; notnull: number }[]).find((c) => c.name === 'datastream_id')!.notnull;
    expect(notNull).toBe(1);
    before.close();

    const store = openSensorStore(file);
    try {
      expect(SENSOR_SCHEMA_VERSION).toBe(2);
      expect((store.db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: string }).value).toBe('2');
      expect(store.db.prepare('SELECT id, datastream_id, multi_datastream_id, result FROM observations ORDER BY id').all()).toEqual([
        { id: 5, datastream_id: 1, multi_datastream_id: null, result: 1.5 },
        { id: 6, datastream_id: 1, multi_datastream_id: null, result: 3 },
        { id: 7, datastream_id: 1, multi_datastream_id: null, result: 4.5 },
      ]);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      const indexes = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations'").all() as { name: string }[]).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['observations_datastream_time', 'observations_multi_datastream_time', 'observations_foi']));

      // The upgraded file takes MultiDatastreams and their Observations, and enforces Datastream XOR MultiDatastream.
      const writer = createSensorWriter(store.db);
      const md = store.transaction(() =>
        writer.createMultiDatastream(
          {
            name: 'm',
            description: 'm',
            unitOfMeasurements: [{ name: 'c', symbol: '°C', definition: 'u' }],
            observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation',
            multiObservationDataTypes: ['http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement'],
            Sensor: { '@iot.id': 1 },
            ObservedProperties: [{ '@iot.id': 1 }],
          },
          1,
        ),
      );
      const id = store.transaction(() => writer.createObservation({ result: [20.5], MultiDatastream: { '@iot.id': md } }));
      expect(id).toBe(8);
      expect(() => store.db.exec('INSERT INTO observations(datastream_id, multi_datastream_id, phenomenon_time, result) VALUES (1, 1, 0, 1)')).toThrow(/CHECK/);
      expect(() => store.db.exec('INSERT INTO observations(phenomenon_time, result) VALUES (0, 1)')).toThrow(/CHECK/);
    } finally {
      store.close();
    }
    // Opening again is a no-op.
    const again = openSensorStore(file);
    expect(again.db.prepare('SELECT count(*) AS n FROM observations').get()).toEqual({ n: 4 });
    again.close();
  });

  it('refuses a file from a newer Tweeling and leaves it as it was', () => {
    const file = tempFile();
    openSensorStore(file).close();
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schemaVersion'").run();
    db.close();
    expect(() => openSensorStore(file)).toThrow(/schema version 99/);
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get()).toEqual({ value: '99' });
    after.close();
  });
});
