// Feature collections in SQLite: one `features` table for all collections, its R*Tree for bbox, and
// property filters through json_extract with names from the collection's queryables (never from raw input).
import type Database from 'better-sqlite3';
import type { CollectionMeta, CollectionPage, CollectionQuery, FeatureRd } from '../../contracts/feature.ts';
import { geometryBbox } from '../../geo/bbox.ts';

export function writeCollection(db: Database.Database, meta: CollectionMeta, features: FeatureRd[]): void {
  db.prepare('DELETE FROM features_rtree WHERE rid IN (SELECT rid FROM features WHERE collection = ?)').run(meta.id);
  db.prepare('DELETE FROM features WHERE collection = ?').run(meta.id);
  db.prepare('INSERT OR REPLACE INTO collections(id, meta) VALUES (?, ?)').run(meta.id, JSON.stringify(meta));
  const insert = db.prepare('INSERT INTO features(collection, id, data) VALUES (?, ?, ?)');
  const index = db.prepare('INSERT INTO features_rtree(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)');
  for (const f of features) {
    const { lastInsertRowid } = insert.run(meta.id, f.id, JSON.stringify(f));
    if (f.geometry) {
      const [minX, minY, maxX, maxY] = geometryBbox(f.geometry);
      index.run(lastInsertRowid, minX, maxX, minY, maxY);
    }
  }
}

export function readCollections(db: Database.Database): CollectionMeta[] {
  const rows = db.prepare('SELECT meta FROM collections ORDER BY rowid').all() as { meta: string }[];
  return rows.map((r) => JSON.parse(r.meta) as CollectionMeta);
}

export function readCollection(db: Database.Database, id: string): CollectionMeta | undefined {
  const row = db.prepare('SELECT meta FROM collections WHERE id = ?').get(id) as { meta: string } | undefined;
  return row ? (JSON.parse(row.meta) as CollectionMeta) : undefined;
}

export function readItem(db: Database.Database, collectionId: string, featureId: string): FeatureRd | undefined {
  const row = db.prepare('SELECT data FROM features WHERE collection = ? AND id = ?').get(collectionId, featureId) as
    | { data: string }
    | undefined;
  return row ? (JSON.parse(row.data) as FeatureRd) : undefined;
}

export function readItems(db: Database.Database, meta: CollectionMeta, query: CollectionQuery): CollectionPage {
  const allowed = new Set(meta.queryables.map((q) => q.name));
  const conditions = ['f.collection = ?'];
  const params: (string | number)[] = [meta.id];
  let from = 'features f';
  if (query.bbox) {
    // CROSS JOIN fixes the order: R*Tree first, then rows by rid. With a plain JOIN the planner prefers the
    // (collection, id) index and probes the R*Tree once per feature of the collection: 35 ms instead of 0.04 ms
    // for a 100 m box over Demostad's buildings.
    from = 'features_rtree r CROSS JOIN features f ON f.rid = r.rid';
    conditions.push('r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?');
    params.push(query.bbox[0], query.bbox[2], query.bbox[1], query.bbox[3]);
  }
  for (const [name, value] of query.where ?? []) {
    // The API checks names too; this is the last line of defence before a name reaches SQL text.
    if (!allowed.has(name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a queryable: ${name}`);
    conditions.push('json_extract(f.data, ?) = ?');
    params.push(`$.properties.${name}`, typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
  const where = conditions.join(' AND ');
  const { n } = db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${where}`).get(...params) as { n: number };
  const rows = db
    .prepare(`SELECT f.data FROM ${from} WHERE ${where} ORDER BY f.rid LIMIT ? OFFSET ?`)
    .all(...params, query.limit, query.offset ?? 0) as { data: string }[];
  return { numberMatched: n, features: rows.map((r) => JSON.parse(r.data) as FeatureRd) };
}
