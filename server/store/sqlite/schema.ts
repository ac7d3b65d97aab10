// SQLite schema. Every spatial table keeps the full record as JSON (the contract types are the truth) next to an
// R*Tree of its bounding box, so bbox queries never scan. Table names are fixed here, never taken from input.
export const SCHEMA_VERSION = 2;

export const SPATIAL_TABLES = ['buildings', 'addresses', 'streets', 'areas'] as const;
export type SpatialTable = (typeof SPATIAL_TABLES)[number];

export function schemaSql(): string {
  const spatial = SPATIAL_TABLES.map(
    (t) => `
CREATE TABLE IF NOT EXISTS ${t} (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  parent TEXT,
  data TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS ${t}_rtree USING rtree(rid, minx, maxx, miny, maxy);`,
  ).join('\n');
  return `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
${spatial}
CREATE INDEX IF NOT EXISTS addresses_parent ON addresses(parent);
CREATE TABLE IF NOT EXISTS buurten (code TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS collections (id TEXT PRIMARY KEY, meta TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS features (
  rid INTEGER PRIMARY KEY,
  collection TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (collection, id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS features_rtree USING rtree(rid, minx, maxx, miny, maxy);
-- Imported building meshes (LoD2.2 etc.), binary (mesh-codec.ts); kept out of buildings.data so lists stay small.
CREATE TABLE IF NOT EXISTS building_meshes (id TEXT PRIMARY KEY, mesh BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS documents (kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, id));
`;
}
