// Feature collections in PostGIS: one `features` table for all collections, a GiST index on its geometry for bbox,
// and property filters on the jsonb `props` with names from the collection's queryables (never from raw input).
import type pg from 'pg';
import type { CollectionMeta, CollectionPage, CollectionQuery, FeatureRd } from '../../contracts/feature.ts';
import { geometryBbox } from '../../geo/bbox.ts';
import { rtreeBox } from './rtree-box.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Rows sent per INSERT: one JSON parameter each, so a big import is a few dozen round trips, not one per row. */
export const INSERT_CHUNK = 2000;

/**
 * The GiST prefilter runs on PostGIS's own float32 boxes, which may round a hair differently from SQLite's; the
 * exact test is on the R*Tree-identical columns, so the prefilter box is grown by a metre to never miss a row.
 */
export const BBOX_PREFILTER_M = 1;

/** SQL for "the row's box intersects the query box" on alias `t`, with the bbox in parameters $n..$n+3. */
export function bboxCondition(alias: string, n: number): string {
  return `${alias}.geom && ST_Expand(ST_MakeEnvelope($${n}, $${n + 1}, $${n + 2}, $${n + 3}, 28992), ${BBOX_PREFILTER_M})
    AND ${alias}.maxx >= $${n} AND ${alias}.minx <= $${n + 2} AND ${alias}.maxy >= $${n + 1} AND ${alias}.miny <= $${n + 3}`;
}

/** Call inside a transaction: replaces the collection's metadata and all its features. */
export async function writeCollection(client: Queryable, meta: CollectionMeta, features: FeatureRd[]): Promise<void> {
  // Deleting the row cascades to its features, and re-inserting it moves it to the end, as SQLite's REPLACE does.
  await client.query('DELETE FROM collections WHERE id = $1', [meta.id]);
  await client.query('INSERT INTO collections(id, meta) VALUES ($1, $2::json)', [meta.id, JSON.stringify(meta)]);
  await insertFeatures(client, meta.id, features);
}

/** Appends features to a collection, in order. */
export async function insertFeatures(client: Queryable, collectionId: string, features: FeatureRd[]): Promise<void> {
  for (let at = 0; at < features.length; at += INSERT_CHUNK) {
    const rows = features.slice(at, at + INSERT_CHUNK).map((f, i) => {
      const box = f.geometry ? rtreeBox(geometryBbox(f.geometry)) : null;
      return { ord: i, id: f.id, data: f, minx: box?.[0], miny: box?.[1], maxx: box?.[2], maxy: box?.[3], geom: f.geometry };
    });
    await client.query(
      `INSERT INTO features(collection, id, data, props, minx, miny, maxx, maxy, geom)
       SELECT $1, r.id, r.data, coalesce((r.data -> 'properties')::jsonb, '{}'::jsonb), r.minx, r.miny, r.maxx, r.maxy,
              CASE WHEN r.geom IS NULL THEN NULL ELSE ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(r.geom::text)), 28992) END
       FROM json_to_recordset($2::json) AS r(ord integer, id text, data json, minx float8, miny float8, maxx float8, maxy float8, geom json)
       ORDER BY r.ord`,
      [collectionId, JSON.stringify(rows)],
    );
  }
}

export async function readCollections(client: Queryable): Promise<CollectionMeta[]> {
  const { rows } = await client.query<{ meta: CollectionMeta }>('SELECT meta FROM collections ORDER BY seq');
  return rows.map((r) => r.meta);
}

export async function readCollection(client: Queryable, id: string): Promise<CollectionMeta | undefined> {
  const { rows } = await client.query<{ meta: CollectionMeta }>('SELECT meta FROM collections WHERE id = $1', [id]);
  return rows[0]?.meta;
}

export async function readItem(client: Queryable, collectionId: string, featureId: string): Promise<FeatureRd | undefined> {
  const { rows } = await client.query<{ data: FeatureRd }>('SELECT data FROM features WHERE collection = $1 AND id = $2', [collectionId, featureId]);
  return rows[0]?.data;
}

export async function readItems(client: Queryable, meta: CollectionMeta, query: CollectionQuery): Promise<CollectionPage> {
  const allowed = new Set(meta.queryables.map((q) => q.name));
  const params: (string | number)[] = [meta.id];
  const conditions = ['f.collection = $1'];
  if (query.bbox) {
    conditions.push(bboxCondition('f', params.length + 1));
    params.push(...query.bbox);
  }
  for (const [name, value] of query.where ?? []) {
    // The API checks names too; this is the last line of defence. The name is a bound parameter all the same.
    if (!allowed.has(name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a queryable: ${name}`);
    params.push(name, JSON.stringify(value));
    conditions.push(`f.props -> $${params.length - 1}::text = $${params.length}::jsonb`);
  }
  const where = conditions.join(' AND ');
  params.push(query.limit, query.offset ?? 0);
  // One statement, so the count and the page come from the same snapshot.
  const { rows } = await client.query<{ n: number; page: FeatureRd[] }>(
    `SELECT (SELECT count(*)::int FROM features f WHERE ${where}) AS n,
            (SELECT coalesce(json_agg(p.data ORDER BY p.rid), '[]'::json)
               FROM (SELECT f.data, f.rid FROM features f WHERE ${where} ORDER BY f.rid LIMIT $${params.length - 1} OFFSET $${params.length}) p) AS page`,
    params,
  );
  return { numberMatched: rows[0].n, features: rows[0].page };
}
