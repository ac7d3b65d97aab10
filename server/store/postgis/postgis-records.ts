// Row-level reading and writing for the PostGIS store: how records become rows (JSON record, R*Tree-identical bbox,
// typed geometry) and the chunked statements that write them. Call the writers inside a transaction.
import type pg from 'pg';
import type { CollectionMeta, FeatureRd, GeometryRd } from '../../contracts/feature.ts';
import type { Address, Area, BboxRd, Building, DatasetMeta, Street } from '../../contracts/model.ts';
import { bboxOfPoints } from '../../geo/bbox.ts';
import { coreCollections, polygonToGeoJson } from '../core-collections.ts';
import { encodeMesh } from '../sqlite/mesh-codec.ts';
import type { SpatialTable } from './migrations.ts';
import { INSERT_CHUNK } from './postgis-collections.ts';
import { rtreeBox } from './rtree-box.ts';

type Client = pg.PoolClient;

export interface SpatialRow {
  rid: number;
  id: string;
  parent: string | null;
  data: unknown;
  bbox: BboxRd;
  geom: GeometryRd;
}

export const buildingRow = (b: Building, rid: number): SpatialRow => ({
  rid,
  id: b.id,
  parent: null,
  data: withoutMesh(b),
  bbox: bboxOfPoints(b.footprint[0]),
  geom: polygonToGeoJson(b.footprint),
});
export const addressRow = (a: Address, rid: number): SpatialRow => ({
  rid,
  id: a.id,
  parent: a.buildingId,
  data: a,
  bbox: [a.position[0], a.position[1], a.position[0], a.position[1]],
  geom: { type: 'Point', coordinates: a.position },
});
export const streetRow = (s: Street, rid: number): SpatialRow => ({ rid, id: s.id, parent: null, data: s, bbox: bboxOfPoints(s.line), geom: { type: 'LineString', coordinates: s.line } });
export const areaRow = (a: Area, rid: number): SpatialRow => ({ rid, id: a.id, parent: null, data: a, bbox: bboxOfPoints(a.polygon[0]), geom: polygonToGeoJson(a.polygon) });

export async function insertSpatial(c: Client, table: SpatialTable, rows: SpatialRow[], tick?: (n: number) => void): Promise<void> {
  for (let at = 0; at < rows.length; at += INSERT_CHUNK) {
    const chunk = rows.slice(at, at + INSERT_CHUNK).map((r) => {
      const [minx, miny, maxx, maxy] = rtreeBox(r.bbox);
      return { rid: r.rid, id: r.id, parent: r.parent, data: r.data, minx, miny, maxx, maxy, geom: r.geom };
    });
    await c.query(
      `INSERT INTO ${table}(rid, id, parent, data, minx, miny, maxx, maxy, geom)
       SELECT r.rid, r.id, r.parent, r.data, r.minx, r.miny, r.maxx, r.maxy, ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(r.geom::text)), 28992)
       FROM json_to_recordset($1::json) AS r(rid bigint, id text, parent text, data json, minx float8, miny float8, maxx float8, maxy float8, geom json)`,
      [JSON.stringify(chunk)],
    );
    tick?.(chunk.length);
  }
}

/** Writes the buildings' meshes; with `replaceAll`, every stored mesh is dropped first. */
export async function writeMeshes(c: Client, buildings: readonly Building[], replaceAll: boolean): Promise<void> {
  if (replaceAll) await c.query('DELETE FROM building_meshes');
  const withMesh = buildings.filter((b) => b.lod2);
  // Meshes are larger than records: smaller chunks keep each statement's parameter modest.
  const chunkSize = 200;
  for (let at = 0; at < withMesh.length; at += chunkSize) {
    const chunk = withMesh.slice(at, at + chunkSize);
    await c.query('INSERT INTO building_meshes(id, mesh) SELECT * FROM unnest($1::text[], $2::bytea[])', [
      chunk.map((b) => b.id),
      chunk.map((b) => encodeMesh(b.lod2!)),
    ]);
  }
}

export async function removeBuildings(c: Client, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await c.query('DELETE FROM buildings WHERE id = ANY($1::text[])', [ids]);
  await c.query('DELETE FROM building_meshes WHERE id = ANY($1::text[])', [ids]);
  await c.query("DELETE FROM features WHERE collection = 'buildings' AND id = ANY($1::text[])", [ids]);
}

export async function readMeta(c: Pick<pg.Pool, 'query'>): Promise<DatasetMeta | undefined> {
  const { rows } = await c.query<{ value: DatasetMeta }>("SELECT value FROM meta WHERE key = 'dataset'");
  return rows[0]?.value;
}

export async function writeMeta(c: Client, meta: DatasetMeta): Promise<void> {
  await c.query("INSERT INTO meta(key, value) VALUES ('dataset', $1::json) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [JSON.stringify(meta)]);
}

export function buildingsCollection(meta: DatasetMeta, buildings: Building[]): { meta: CollectionMeta; features: FeatureRd[] } {
  return coreCollections({ meta, buildings, addresses: [], streets: [], areas: [], buurten: [] }).find((c) => c.meta.id === 'buildings')!;
}

/** The record as stored in buildings.data: the mesh lives in building_meshes. */
function withoutMesh({ lod2: _mesh, ...rest }: Building): Omit<Building, 'lod2'> {
  return rest;
}
