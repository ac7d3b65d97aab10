// Schema of the sensor database (a SQLite file of its own, next to the twin store): one table per SensorThings
// entity, join tables for the many-to-many links. Times are integer epoch milliseconds (UTC) so that range scans
// and ordering are integer comparisons; JSON-valued properties are stored as JSON text. Table names are fixed
// here and never taken from input.
//
// Versions: 1 = the Sensing core; 2 = the MultiDatastream extension (multi_datastreams, their ordered
// ObservedProperties, and observations.multi_datastream_id with datastream_id made nullable). migrate-schema.ts
// upgrades older files in place.
export const SENSOR_SCHEMA_VERSION = 2;

/** The Observations table under a given name: migrate-schema.ts builds the new layout beside the old one. */
export const observationsTableSql = (name: 'observations' | 'observations_v2'): string => `
CREATE TABLE IF NOT EXISTS ${name} (
  id INTEGER PRIMARY KEY,
  -- Exactly one of datastream_id and multi_datastream_id is set.
  datastream_id INTEGER REFERENCES datastreams(id) ON DELETE CASCADE,
  multi_datastream_id INTEGER REFERENCES multi_datastreams(id) ON DELETE CASCADE,
  feature_of_interest_id INTEGER REFERENCES features_of_interest(id) ON DELETE CASCADE,
  phenomenon_time INTEGER NOT NULL,
  -- End of an interval phenomenonTime; NULL for an instant.
  phenomenon_time_end INTEGER,
  result_time INTEGER,
  -- A number or string result as is; anything else (object, array, boolean, null) as JSON text with result_json = 1.
  result,
  result_json INTEGER NOT NULL DEFAULT 0,
  result_quality TEXT,
  valid_time_start INTEGER,
  valid_time_end INTEGER,
  parameters TEXT,
  CHECK ((datastream_id IS NULL) <> (multi_datastream_id IS NULL))
);`;

export const SENSOR_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS things (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  properties TEXT
);
CREATE TABLE IF NOT EXISTS locations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  location TEXT NOT NULL,
  properties TEXT,
  -- WGS84 degrees of a point location (also of a Feature wrapping a point); NULL for other geometries.
  lon REAL,
  lat REAL
);
CREATE INDEX IF NOT EXISTS locations_lon_lat ON locations(lon, lat);
CREATE TABLE IF NOT EXISTS thing_locations (
  thing_id INTEGER NOT NULL REFERENCES things(id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  PRIMARY KEY (thing_id, location_id)
);
CREATE INDEX IF NOT EXISTS thing_locations_location ON thing_locations(location_id);
CREATE TABLE IF NOT EXISTS historical_locations (
  id INTEGER PRIMARY KEY,
  thing_id INTEGER NOT NULL REFERENCES things(id) ON DELETE CASCADE,
  time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS historical_locations_thing ON historical_locations(thing_id);
CREATE TABLE IF NOT EXISTS historical_location_locations (
  historical_location_id INTEGER NOT NULL REFERENCES historical_locations(id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  PRIMARY KEY (historical_location_id, location_id)
);
CREATE INDEX IF NOT EXISTS hll_location ON historical_location_locations(location_id);
CREATE TABLE IF NOT EXISTS sensors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  metadata TEXT NOT NULL,
  properties TEXT
);
CREATE TABLE IF NOT EXISTS observed_properties (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  description TEXT NOT NULL,
  properties TEXT
);
CREATE TABLE IF NOT EXISTS datastreams (
  id INTEGER PRIMARY KEY,
  thing_id INTEGER NOT NULL REFERENCES things(id) ON DELETE CASCADE,
  sensor_id INTEGER NOT NULL REFERENCES sensors(id) ON DELETE CASCADE,
  observed_property_id INTEGER NOT NULL REFERENCES observed_properties(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  unit_of_measurement TEXT NOT NULL,
  observation_type TEXT NOT NULL,
  observed_area TEXT,
  -- Server-computed extents of the Observations, widened on every insert.
  phenomenon_time_start INTEGER,
  phenomenon_time_end INTEGER,
  result_time_start INTEGER,
  result_time_end INTEGER,
  properties TEXT
);
CREATE INDEX IF NOT EXISTS datastreams_thing ON datastreams(thing_id);
CREATE INDEX IF NOT EXISTS datastreams_sensor ON datastreams(sensor_id);
CREATE INDEX IF NOT EXISTS datastreams_observed_property ON datastreams(observed_property_id);
CREATE TABLE IF NOT EXISTS features_of_interest (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  encoding_type TEXT NOT NULL,
  feature TEXT NOT NULL,
  properties TEXT,
  lon REAL,
  lat REAL,
  -- Set when the server derived this feature from a Location (an Observation POSTed without one).
  from_location_id INTEGER UNIQUE REFERENCES locations(id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS multi_datastreams (
  id INTEGER PRIMARY KEY,
  thing_id INTEGER NOT NULL REFERENCES things(id) ON DELETE CASCADE,
  sensor_id INTEGER NOT NULL REFERENCES sensors(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  -- JSON arrays, one member per ObservedProperty, in the order of multi_datastream_observed_properties.position.
  unit_of_measurements TEXT NOT NULL,
  observation_type TEXT NOT NULL,
  multi_observation_data_types TEXT NOT NULL,
  observed_area TEXT,
  phenomenon_time_start INTEGER,
  phenomenon_time_end INTEGER,
  result_time_start INTEGER,
  result_time_end INTEGER,
  properties TEXT
);
CREATE INDEX IF NOT EXISTS multi_datastreams_thing ON multi_datastreams(thing_id);
CREATE INDEX IF NOT EXISTS multi_datastreams_sensor ON multi_datastreams(sensor_id);
CREATE TABLE IF NOT EXISTS multi_datastream_observed_properties (
  multi_datastream_id INTEGER NOT NULL REFERENCES multi_datastreams(id) ON DELETE CASCADE,
  observed_property_id INTEGER NOT NULL REFERENCES observed_properties(id) ON DELETE CASCADE,
  -- 0-based index of this ObservedProperty's value in every result array of the MultiDatastream.
  position INTEGER NOT NULL,
  PRIMARY KEY (multi_datastream_id, position),
  UNIQUE (multi_datastream_id, observed_property_id)
);
CREATE INDEX IF NOT EXISTS mdop_observed_property ON multi_datastream_observed_properties(observed_property_id);
-- A MultiDatastream without one of its ObservedProperties would no longer describe its result arrays, so deleting
-- an ObservedProperty deletes the MultiDatastreams using it (as ON DELETE CASCADE does for Datastreams).
CREATE TRIGGER IF NOT EXISTS observed_property_deletes_multi_datastreams BEFORE DELETE ON observed_properties
BEGIN
  DELETE FROM multi_datastreams WHERE id IN
    (SELECT multi_datastream_id FROM multi_datastream_observed_properties WHERE observed_property_id = OLD.id);
END;
${observationsTableSql('observations')}
CREATE INDEX IF NOT EXISTS observations_datastream_time ON observations(datastream_id, phenomenon_time);
CREATE INDEX IF NOT EXISTS observations_multi_datastream_time ON observations(multi_datastream_id, phenomenon_time);
CREATE INDEX IF NOT EXISTS observations_foi ON observations(feature_of_interest_id);
-- Responses to POSTs sent with an Idempotency-Key, kept a day so a retried request is answered, not repeated.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  location TEXT,
  body TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys(created_ms);
`;
