// The PostGIS schema as numbered migrations, applied in order on open and recorded in schema_migrations.
// Every spatial table keeps the full record as JSON (the contract types are the truth, as in SQLite) next to a
// typed geometry in RD New (EPSG:28992) with a GiST index, and the same float32 bbox the SQLite R*Tree holds
// (rtree-box.ts), so both stores answer bbox queries identically. Table names are fixed here, never from input.
import type pg from 'pg';
import { type Migration, applyMigrations } from './pg-transaction.ts';

export const SPATIAL_TABLES = ['buildings', 'addresses', 'streets', 'areas'] as const;
export type SpatialTable = (typeof SPATIAL_TABLES)[number];

const GEOMETRY_TYPE: Record<SpatialTable, string> = { buildings: 'Polygon', addresses: 'Point', streets: 'LineString', areas: 'Polygon' };

const BOX_COLUMNS = 'minx double precision, miny double precision, maxx double precision, maxy double precision';

function spatialTable(t: SpatialTable): string {
  return `
CREATE TABLE ${t} (
  rid bigint PRIMARY KEY,
  id text NOT NULL UNIQUE,
  parent text,
  data json NOT NULL,
  ${BOX_COLUMNS},
  geom geometry(${GEOMETRY_TYPE[t]}, 28992) NOT NULL
);
CREATE INDEX ${t}_geom ON ${t} USING gist (geom);`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'twin records, collections, meshes, documents',
    sql: `
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE meta (key text PRIMARY KEY, value json NOT NULL);
${SPATIAL_TABLES.map(spatialTable).join('\n')}
CREATE INDEX addresses_parent ON addresses (parent);
CREATE TABLE buurten (code text PRIMARY KEY, data json NOT NULL);
-- seq keeps the order collections were (re)written in, as SQLite's rowid does.
CREATE TABLE collections (seq bigserial NOT NULL, id text PRIMARY KEY, meta json NOT NULL);
CREATE TABLE features (
  rid bigserial PRIMARY KEY,
  collection text NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  id text NOT NULL,
  -- data is the feature exactly as written (json keeps the text); props is for filters on queryables.
  data json NOT NULL,
  props jsonb NOT NULL,
  ${BOX_COLUMNS},
  geom geometry(Geometry, 28992),
  UNIQUE (collection, id)
);
CREATE INDEX features_geom ON features USING gist (geom);
CREATE INDEX features_collection_rid ON features (collection, rid);
-- Imported building meshes, binary (../sqlite/mesh-codec.ts), kept out of buildings.data so lists stay small.
CREATE TABLE building_meshes (id text PRIMARY KEY, mesh bytea NOT NULL);
CREATE TABLE documents (kind text NOT NULL, id text NOT NULL, data json NOT NULL, PRIMARY KEY (kind, id));
`,
  },
];

/** Applies the pending migrations (several servers may start at once: see applyMigrations). */
export function migrateStore(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  return applyMigrations(pool, 'schema_migrations', 'tweeling.store.migrations', migrations);
}
